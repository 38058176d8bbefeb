"""``bench_ui``'s section 5: the first notice editor, summary, photo view and signed notice of a
fresh program, against the second opening of each in the same process.

Each run is a fresh child (``bench_ui.py --child first DATA_DIR warm|cold``): the program is
started as ``bench_ui``'s start-up child starts it (signed in as A07), the window is shown and
the event loop runs for a second (what follows the first paint is done), and then, in the
"warm" child only, the deferred UI modules are imported (as the program's idle turns import
them) and :func:`ui.warmup.warm` runs in its background thread as the program starts it after
sign-in, and the child waits for it (a user looks at the window for a
few seconds before issuing a notice). Then each opening is timed twice, the second being the
baseline: the notice editor (draft, construction, first paint), the summary (review, first
paint), the photo viewer (its stamped copy, first paint; the second view shows the same
photo, and a third view of another photo is reported so that the per-photo work shows
apart from the cold start), and one signed notice issued in-process (``NoticeDesk.issue``,
with the key unsealed by the password: the work the progress dialog covers after the
password prompt), the second on another inspection.

Target (issue 17): the first notice editor opens in < 1 s, and nothing the auditor opens
first waits on imports the warm-up could have done.
"""

from __future__ import annotations

import time
from pathlib import Path

EDITOR_TARGET_S = 1.0
SETTLE_S = 1.0
OPENINGS = ("notice editor", "summary", "photo viewer", "signed notice")


def child_first(data_dir: str, mode: str, start_program, emit_json) -> None:
    """Time the first and second openings in a fresh program; ``mode`` "warm" or "cold"."""
    app, window, _login = start_program(data_dir, lambda _name: None)
    window.show()
    _settle(app, SETTLE_S)  # what follows the first paint (status line, camera check) is done
    warmed = None
    if mode == "warm":
        import importlib

        from ui import warmup

        started = time.perf_counter()
        for name in warmup.DEFERRED_UI_MODULES:  # as the program's idle turns import them
            importlib.import_module(name)
        warmup.warm_in_background().join()
        warmed = time.perf_counter() - started
    services = window._bench_keep[0]
    with_photos, to_issue = _inspections(services)
    openings = {
        "notice editor": lambda: _editor(app, window, services, with_photos),
        "summary": lambda: _summary(app, window, services, with_photos),
        "photo viewer": lambda: _viewer(app, window, services, with_photos, 0),
        "signed notice": lambda: _issue(services, to_issue.pop(0)),
    }
    times = {name: [_timed(open_it), _timed(open_it)] for name, open_it in openings.items()}
    times["another photo"] = [_timed(lambda: _viewer(app, window, services, with_photos, 1))]
    emit_json({"times": times, "warmed": warmed})


def _settle(app, seconds: float) -> None:
    """Run the event loop for ``seconds`` (a user looks at the new window first)."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.01)


def _timed(open_it) -> float:
    started = time.perf_counter()
    open_it()
    return time.perf_counter() - started


def _inspections(services) -> tuple[str, list[str]]:
    """A07's inspection with a fail and two photos; two finished ones with fails, no notice."""
    db = services.store.db
    mine = "(SELECT id FROM profile WHERE staff_no = 'A07')"
    with_photos = db.execute(
        "SELECT r.inspection_id FROM result r JOIN inspection i ON i.id = r.inspection_id"
        f" WHERE r.outcome = 'fail' AND i.auditor_id = {mine}"
        " AND (SELECT count(*) FROM photo p WHERE p.inspection_id = i.id) >= 2"
        " LIMIT 1").fetchone()[0]
    to_issue = [row[0] for row in db.execute(
        "SELECT DISTINCT r.inspection_id FROM result r JOIN inspection i ON i.id = r.inspection_id"
        f" WHERE r.outcome = 'fail' AND i.status = 'finished' AND i.auditor_id = {mine}"
        " AND i.id NOT IN (SELECT inspection_id FROM notice) LIMIT 2")]
    return with_photos, to_issue


def _editor(app, window, services, inspection_id: str) -> None:
    from ui.dialogs.notice_editor import NoticeEditor

    flow = window.notice_flow
    draft = services.notices.draft(inspection_id, None)
    photos = {p.id: p for p in services.photos.of(inspection_id)}
    editor = NoticeEditor(draft, flow.criterion_texts(inspection_id),
                          lambda pid: services.photos.thumbnail(photos[pid]),
                          services.notices.with_deadline, window)
    _show_and_close(app, editor)


def _summary(app, window, services, inspection_id: str) -> None:
    from ui.dialogs.summary import SummaryDialog

    _show_and_close(app, SummaryDialog(services.inspections.review(inspection_id), window))


def _viewer(app, window, services, inspection_id: str, row: int) -> None:
    from ui.dialogs.photo_viewer import PhotoViewer

    _show_and_close(app, PhotoViewer(services, services.photos.of(inspection_id), row, window))


def _issue(services, inspection_id: str) -> None:
    from model.demo import demo

    services.notices.issue(services.notices.draft(inspection_id, None), demo.DEMO_PASSWORD)


def _show_and_close(app, dialog) -> None:
    dialog.show()
    app.processEvents()  # the first paint
    dialog.close()
    dialog.deleteLater()
    app.processEvents()


def section_first_openings(bs, run_child, data_dir: Path) -> dict:
    """Run a cold and a warm child; print each first opening beside its second."""
    bs.out("5. first openings in a fresh program (each against its second opening, same child; "
           "'cold': straight after the window is shown, 'warm': after the warm-up the program "
           "runs 3 s after sign-in)")
    results = {mode: run_child("first", str(data_dir), mode)[0] for mode in ("cold", "warm")}
    bs.out(f"   warm-up (ui.warmup.warm in its thread): {bs.fmt_s(results['warm']['warmed'])}")
    for mode in ("cold", "warm"):
        times = results[mode]["times"]
        for name in OPENINGS:
            first, second = times[name]
            bs.report(f"   {mode}: first {name}", bs.fmt_ms(first), f"second {name}",
                      bs.fmt_ms(second), bs.ratio(first, second))
        bs.out(f"   {mode}: a photo not viewed before (its stamped copy made): "
               f"{bs.fmt_ms(times['another photo'][0])}")
    bs.out()
    warm = results["warm"]["times"]
    return {"editor": warm["notice editor"][0], "cold_editor": results["cold"]["times"][
        "notice editor"][0], "notice": warm["signed notice"],
        "cold_notice": results["cold"]["times"]["signed notice"]}
