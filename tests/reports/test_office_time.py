"""One notice, one time zone: the inspection time, photo captions and stamps agree.

Issue 14 finding 8: on a computer set to UTC a notice said 检查时间 12:59 (Beijing
time) beside photos captioned 05:07 (the computer's zone). Every time now prints in the
office's zone, whatever zone the computer is set to.

Issue 17: a photo without a capture time was stamped and captioned with its import time
as if it had been taken then. The stamp, the notice, the re-inspection record and the
bulletin now say "拍摄时间不详（导入于 …）" instead.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PIL import Image

from model.office.periods import Period
from model.people.profiles import Role
from model.photos import photos
from model.store import clock
from reports.bulletin_pdf import write_bulletin
from tests.conftest import PASSWORD
from tests.helpers import make_jpeg, site_line, sites_csv
from tests.reports import pdf_tools
from usecases.services import Services

STARTED = dt.datetime(2026, 11, 26, 4, 59, tzinfo=dt.UTC)  # 12:59 in Beijing
PHOTOS_ADDED = dt.datetime(2026, 11, 26, 5, 12, tzinfo=dt.UTC)  # 13:12 in Beijing


def _jpeg(path: Path, taken: str | None, offset: str | None = None) -> Path:
    """A camera JPEG: capture time as the camera's wall clock, with its offset when given."""
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
        if offset:
            exif.get_ifd(0x8769)[0x9011] = offset
    Image.new("RGB", (800, 600), (len(path.name) * 20 % 255, 120, 160)).save(
        path, "JPEG", exif=exif.tobytes())
    return path


@pytest.fixture
def field(tmp_path):
    """An office and an auditor with a signing certificate (from November), on one store."""
    clock.set_fixed(dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    services = Services.open(tmp_path / "data")
    services.people.create("王建国", "O01", Role.OFFICE, PASSWORD, "创城办")
    services.login("O01", PASSWORD)
    services.people.create("李明", "A07", Role.AUDITOR, PASSWORD, "督查一组")
    services.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-1")]))
    services.credentials.init_authority("迎泽区创城办", PASSWORD)
    services.login("A07", PASSWORD)
    request = services.credentials.request(PASSWORD)
    services.login("O01", PASSWORD)
    chain = services.credentials.issue(request, "request", PASSWORD)
    services.login("A07", PASSWORD)
    services.credentials.install(chain, "certificate")
    yield services
    services.close()


def _inspect_with_photos(services: Services, folder: Path) -> tuple[str, list]:
    """Inspect YZ-1 from 12:59 Beijing time with three photos; return its id, the outcomes."""
    clock.set_fixed(STARTED)
    inspection = services.inspections.start("YZ-1")
    services.inspections.record(inspection.id, "ZCGD-01", "fail", 1, "东侧人行道", "垃圾堆放")
    clock.set_fixed(PHOTOS_ADDED)
    files = [_jpeg(folder / "offset.jpg", "2026:11:26 13:07:00", "+08:00"),  # a phone
             _jpeg(folder / "camera.jpg", "2026:11:26 13:10:00"),  # camera on local time
             _jpeg(folder / "screenshot.jpg", None)]  # no capture time: when it was added
    outcomes = services.photos.add(inspection.id, files, "ZCGD-01")
    services.inspections.finish(inspection.id)
    return inspection.id, outcomes


def test_the_notice_prints_one_clock_whatever_the_computers_zone(field, tmp_path,
                                                                 computer_zone):
    inspection_id, outcomes = _inspect_with_photos(field, tmp_path)
    assert "time_outside_inspection" not in {f for o in outcomes for f in o.flags}
    desk = field.notices
    issued = desk.issue(desk.draft(inspection_id), PASSWORD)
    printed = pdf_tools.squeezed(pdf_tools.text(issued.pdf))
    assert "检查时间2026年11月26日12:59" in printed
    for shown in ("2026-11-2613:07·GPS—", "2026-11-2613:10·GPS—",
                  "拍摄时间不详（导入于2026-11-2613:12）·GPS—"):
        assert shown in printed
    assert "05:07" not in printed and "05:12" not in printed
    stamps = [photos.stamp_lines(field.store, o.photo_id)[0] for o in outcomes]
    assert [line.split("  ")[0] for line in stamps] == [
        "2026-11-26 13:07", "2026-11-26 13:10", "拍摄时间不详（导入于 2026-11-26 13:12）"]
    assert issued.notice.deadline == "2026-12-01T23:59:00+08:00"  # 3 working days, office's


def test_another_office_zone_moves_every_time_together(field, tmp_path, computer_zone):
    field.login("O01", PASSWORD)
    field.office.set_zone("Asia/Urumqi")  # UTC+6
    field.login("A07", PASSWORD)
    inspection_id, outcomes = _inspect_with_photos(field, tmp_path)
    desk = field.notices
    printed = pdf_tools.squeezed(pdf_tools.text(desk.issue(desk.draft(inspection_id),
                                                           PASSWORD).pdf))
    assert "检查时间2026年11月26日10:59" in printed
    # the phone recorded its offset (13:07 Beijing); the camera's bare 13:10 is local time
    for shown in ("2026-11-2611:07·GPS—", "2026-11-2613:10·GPS—",
                  "拍摄时间不详（导入于2026-11-2611:12）·GPS—"):
        assert shown in printed
    assert photos.caption(field.store, outcomes[0].photo_id).startswith("2026-11-26 11:07")


UNKNOWN_AT_IMPORT = "拍摄时间不详（导入于2026-11-2613:12）·GPS—"  # as pdftotext reads it, squeezed


def _inspect_a_screenshot(services: Services, folder: Path) -> str:
    """Inspect YZ-1 with one photo without any capture time, added at 13:12 Beijing time."""
    clock.set_fixed(STARTED)
    inspection = services.inspections.start("YZ-1")
    services.inspections.record(inspection.id, "ZCGD-01", "fail", 1, "东侧人行道", "垃圾堆放")
    clock.set_fixed(PHOTOS_ADDED)
    services.photos.add(inspection.id, [make_jpeg(folder / "screenshot.jpg", None)], "ZCGD-01")
    services.inspections.finish(inspection.id)
    return inspection.id


def _bare_import_time(printed: str) -> bool:
    """True when the import time stands alone as a caption, as if it were a capture time."""
    return re.search(r"(?<!导入于)2026-11-2613:12·", printed) is not None


def test_a_photo_without_a_capture_time_says_so_on_the_notice_and_the_bulletin(field,
                                                                              tmp_path):
    inspection_id = _inspect_a_screenshot(field, tmp_path)
    desk = field.notices
    issued = desk.issue(desk.draft(inspection_id), PASSWORD)
    printed = pdf_tools.squeezed(pdf_tools.text(issued.pdf))
    assert UNKNOWN_AT_IMPORT in printed and not _bare_import_time(printed)
    field.login("O01", PASSWORD)  # the deadline (1 December) has passed: on the exposure list
    bulletin = write_bulletin(field.store, Period.month("2026-11"), tmp_path / "bulletin.pdf",
                              now=dt.datetime(2026, 12, 3, 2, 0, tzinfo=dt.UTC))
    printed = pdf_tools.squeezed(pdf_tools.text(bulletin.path))
    assert issued.notice.number.replace(" ", "") in printed
    assert UNKNOWN_AT_IMPORT in printed and not _bare_import_time(printed)


def test_after_photos_without_a_capture_time_say_so_on_the_reinspection_record(field,
                                                                              tmp_path):
    inspection_id = _inspect_a_screenshot(field, tmp_path)
    desk = field.notices
    notice = desk.issue(desk.draft(inspection_id), PASSWORD).notice
    clock.set_fixed(dt.datetime(2026, 12, 2, 2, 30, tzinfo=dt.UTC))  # 10:30 in Beijing
    after = {"ZCGD-01": [make_jpeg(tmp_path / "after.jpg", None, colour=(200, 200, 40))]}
    record = desk.record_reinspection(notice.id, "fixed", "已清理", after, PASSWORD)
    printed = pdf_tools.squeezed(pdf_tools.text(record.pdf))
    assert UNKNOWN_AT_IMPORT in printed and not _bare_import_time(printed)  # before
    assert "拍摄时间不详（导入于2026-12-0210:30）·GPS—" in printed  # after
    assert "2026-12-0210:30·" not in printed
