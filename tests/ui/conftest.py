"""UI fixtures: one QApplication set up as the program sets it up, and a signed-in window."""

import shutil

import pytest
from PySide6.QtTest import QTest

from model.demo import demo
from ui.app import create_application
from ui.camera import FakeCameraSource
from ui.mainwindow import MainWindow
from ui.settings import Settings
from ui.tasks import TaskRunner
from usecases.services import Services


@pytest.fixture(scope="session")
def qapp():
    """pytest-qt's QApplication, set up as the program sets it up (Chinese by default)."""
    return create_application("zh_CN")


@pytest.fixture(autouse=True)
def _no_system_camera(monkeypatch):
    """Never ask QtMultimedia about cameras in tests (it prints warnings, which fail tests)."""
    monkeypatch.setattr("ui.widgets.photo_sources.system_camera",
                        lambda: FakeCameraSource(available=False))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A data folder holding the demo city, loaded once per session (per test worker): each
    test gets a copy instead of loading it again (about 2.5 s of CPU each)."""
    folder = tmp_path_factory.mktemp("demo-template") / "data"
    services = Services.open(folder)
    try:
        demo.load(services.store)  # today on the office's calendar, as the window's
    finally:
        services.close()
    return folder


@pytest.fixture
def demo_services(demo_template, data_dir):
    """Services over a fresh copy of the demo city, signed in as auditor A07."""
    shutil.copytree(demo_template, data_dir)
    services = Services.open(data_dir)
    services.login("A07", demo.DEMO_PASSWORD)
    yield services
    services.close()


SETTLE_MS = 600


@pytest.fixture
def screenshot(request):
    """``screenshot(widget, name)``: under ``--screenshot DIR`` save the widget, drawn as it
    is on screen, as DIR/<test name>/<name>.png; without the option, do nothing."""
    folder = request.config.getoption("--screenshot")

    def shoot(widget, name: str) -> None:
        if folder is None:
            return
        QTest.qWait(SETTLE_MS)  # what renders in the background (PDF pages, charts) is drawn
        target = folder / request.node.name / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(target)) and target.stat().st_size > 0, target
    shoot.enabled = folder is not None
    return shoot


def open_window(qtbot, services, data_dir):
    """Show a main window over ``services`` and wait until it is active."""
    window = MainWindow(services, Settings(data_dir), TaskRunner())
    qtbot.addWidget(window)
    window.confirm = lambda title, question: True
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def window(qtbot, demo_services, data_dir):
    """The main window of auditor A07 over the demo city."""
    return open_window(qtbot, demo_services, data_dir)
