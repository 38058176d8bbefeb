"""The Qt half of the self-test: window, font, PDF module, charts and camera backend, offscreen.

Runs after ``cli.self_test`` on the laptop store it left (``DIR/field``):
opens the main window signed in as the demo auditor, draws it into an image
and checks it is not blank, checks the Chinese font was registered, renders
the first page of the notice PDF with QtPdf, makes a chart (QtCharts, the
office dashboard's) and checks that QtMultimedia found its FFmpeg backend (the
camera needs it; this machine has no camera to open). A missing Qt plugin or
library fails here rather than on a field laptop.
"""

from __future__ import annotations

import os
from pathlib import Path

from model.demo import demo
from usecases.services import Services


class SelfTestError(Exception):
    """A Qt step did not do what it should; the message says what was found."""


def run(test) -> None:
    """Run the Qt steps through ``test`` (a ``cli.self_test.SelfTest``, which main.py makes).

    Skipped when the model half failed, since the steps need its store and PDF.
    """
    if test.failures:
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    test.step("draw the main window offscreen", lambda: _window(test.root / "field"))
    test.step("render the notice with QtPdf", lambda: _pdf(test.state["pdf"]))
    test.step("make a chart with QtCharts", _chart)
    test.step("load the camera's media backend", _media_backend)


def _window(data_dir: Path) -> str:
    from PySide6.QtWidgets import QApplication

    from ui.app import create_application
    from ui.fonts import FONT_FILES
    from ui.mainwindow import MainWindow
    from ui.settings import Settings
    from ui.tasks import TaskRunner

    app = create_application("zh_CN")
    family = app.font().family()
    if "Noto" not in family:
        raise SelfTestError(f"the shipped font ({', '.join(FONT_FILES)}) was not loaded; "
                            f"the application font is {family!r}")
    services = Services.open(data_dir)
    try:
        services.login("A07", demo.DEMO_PASSWORD)
        window = MainWindow(services, Settings(data_dir), TaskRunner())
        window.resize(1280, 800)
        window.show()
        QApplication.processEvents()
        image = window.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 40)
                   for y in range(0, image.height(), 40)}
        window.close()
        QApplication.processEvents()
    finally:
        services.close()
    if len(colours) < 4:
        raise SelfTestError("the window was drawn blank")
    return f"{image.width()} × {image.height()}, {len(colours)} colours, font {family}"


def _pdf(pdf: Path) -> str:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(pdf))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise SelfTestError(f"QtPdf could not open {pdf.name} ({document.error()})")
    page = document.render(0, QSize(595, 842))
    if page.isNull():
        raise SelfTestError("QtPdf rendered an empty page")
    return f"{document.pageCount()} pages, first page {page.width()} × {page.height()}"


def _chart() -> str:
    from PySide6.QtCharts import QChart, QChartView, QLineSeries

    series = QLineSeries()
    for month, rate in enumerate((0.81, 0.84, 0.88), start=1):
        series.append(month, rate)
    chart = QChart()
    chart.addSeries(series)
    view = QChartView(chart)
    view.resize(320, 200)
    if view.grab().isNull():
        raise SelfTestError("the chart was not drawn")
    return f"a line of {series.count()} points drawn"


def _media_backend() -> str:
    from PySide6.QtMultimedia import QMediaFormat

    formats = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    if not formats:
        raise SelfTestError("QtMultimedia has no backend (its FFmpeg plugin did not load), "
                            "so the camera cannot work")
    return f"{len(formats)} media formats known"
