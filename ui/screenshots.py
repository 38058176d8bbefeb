"""``main.py --screenshot DIR``: the main screens rendered to PNG, with demo data, offscreen.

Anyone can look at the program without a display: the demo city is loaded into
a temporary data directory (the user's data is never touched) and the login,
navigator, an inspection in progress, the finishing summary, the notice screens
and the office's dashboard and rankings are saved as PNG files.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from model.demo import demo
from model.inspections.inspections import Outcome
from model.inspections.navigator import Priority
from ui.app import create_application
from ui.dialogs.dashboard import DashboardDialog
from ui.dialogs.login import LoginDialog
from ui.dialogs.notice_editor import NoticeEditor
from ui.dialogs.rankings import RankingsDialog
from ui.mainwindow import MainWindow
from ui.settings import Settings
from ui.tasks import TaskRunner
from usecases.services import Services

# The offscreen platform's screen is 800×800, and windows open no larger than their screen
# (ui/screen_fit.py): each screen is drawn at the size it has on a desktop instead.
WINDOW_SIZE = (1440, 900)
READ_TIMEOUT_S = 30  # the dashboard's figures, read in the background


def render_screens(out_dir: Path, language: str = "zh_CN") -> list[Path]:
    """Render the main screens into ``out_dir`` and return the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = create_application(language)
    with tempfile.TemporaryDirectory(prefix="civicaudit-screens-") as folder:
        services = Services.open(Path(folder))
        try:
            demo.load(services.store)
            return _render(app, services, Path(folder), out_dir)
        finally:
            services.close()


def _render(app: QApplication, services: Services, data_dir: Path, out_dir: Path) -> list[Path]:
    written = [_save(LoginDialog(services), out_dir / "1-login.png")]
    services.login("A07", demo.DEMO_PASSWORD)
    window = MainWindow(services, Settings(data_dir), TaskRunner())
    window.resize(*WINDOW_SIZE)
    window.show()
    written.append(_save(window, out_dir / "2-navigator.png"))
    _work_on_an_inspection(window)
    written.append(_save(window, out_dir / "3-inspection.png"))
    window.finish_inspection()
    written.append(_save(window.summary, out_dir / "4-summary.png"))
    window.summary.finish_requested.emit()
    window.summary.reject()
    written += _notice_screens(window, services, window.inspection_view.inspection_id, out_dir)
    written += _office_screens(window, services, out_dir)
    window.close()
    return written


def _notice_screens(window: MainWindow, services: Services, inspection_id: str,
                    out_dir: Path) -> list[Path]:
    """The notice editor, an issued notice in the preview, the follow-up board, the verifier."""
    flow = window.notice_flow
    draft = flow.desk.draft(inspection_id)
    photos = {p.id: p for p in services.photos.of(inspection_id)}
    editor = NoticeEditor(draft, flow.criterion_texts(inspection_id),
                          lambda pid: services.photos.thumbnail(photos[pid]),
                          flow.desk.with_deadline, window)
    editor.resize(1100, 720)
    written = [_save(editor, out_dir / "5-notice-editor.png")]
    editor.reject()
    issued = flow.desk.issue(draft, demo.DEMO_PASSWORD)
    flow.show_notice(issued.notice.id)
    flow.preview.resize(900, 1000)
    flow.preview.preview.fit_width()
    written.append(_save(flow.preview, out_dir / "6-notice-preview.png", settle_ms=1500))
    flow.preview.reject()
    window.show_notice_board()
    window.notice_board.resize(1200, 600)
    written.append(_save(window.notice_board, out_dir / "7-follow-up-board.png"))
    verifier = flow.verify(issued.pdf)
    written.append(_save(verifier, out_dir / "8-verify.png"))
    verifier.reject()
    return written


def _office_screens(window: MainWindow, services: Services, out_dir: Path) -> list[Path]:
    """The office's dashboard and rankings of the newest month, signed in as the office."""
    services.login("O01", demo.DEMO_PASSWORD)
    dashboard = DashboardDialog(services, TaskRunner(), window)
    dashboard.resize(1360, 820)
    dashboard.refresh()
    deadline = time.monotonic() + READ_TIMEOUT_S
    while dashboard.refreshing and time.monotonic() < deadline:  # read on a worker thread
        QApplication.processEvents()
        time.sleep(0.01)
    written = [_save(dashboard, out_dir / "9a-dashboard.png")]
    dashboard.reject()
    rankings = RankingsDialog(services, window)
    rankings.resize(1200, 700)
    rankings.refresh()
    written.append(_save(rankings, out_dir / "9b-rankings.png"))
    rankings.reject()
    return written


def _work_on_an_inspection(window: MainWindow) -> None:
    """Start today's first site and answer a few criteria as an auditor would."""
    model = window.navigator.model
    today = next(model.overview(r) for r in range(model.rowCount())
                 if model.overview(r).priority is Priority.TODAY)
    window.confirm = lambda title, question: True
    window.start_or_continue(today.site.id)
    view = window.inspection_view
    outcomes = (Outcome.PASS, Outcome.PASS, Outcome.FAIL, Outcome.NA)
    codes = view.model.codes()
    for code, outcome in zip(codes[:len(outcomes)], outcomes, strict=True):
        view.criteria.select_code(code)  # whether or not a mark moves on (a setting)
        view.mark(outcome)
    view.criteria.select_code(codes[2])
    view.change_instances(1)
    window.results.set_texts(view.inspection_id, view.current_code(), "北门东侧人行道",
                             "地面有烟头和纸屑，垃圾桶满溢")
    view.criteria.setFocus()


def _save(widget: QWidget, path: Path, settle_ms: int = 0) -> Path:
    """Show a widget, let it lay out and paint (for ``settle_ms`` more when it draws in the
    background, as QtPdf does), and save what it shows."""
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    deadline = time.monotonic() + settle_ms / 1000
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path
