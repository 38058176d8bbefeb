"""The monthly bulletin PDF, read back the way a reader would: text, pages, fonts, images."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from model.checklist.scoring import Rates
from model.errors import OutputFileError
from model.notices import letterhead, notices
from model.office.bulletin import Bulletin, OverdueProblem, ProblemCounts
from model.office.dashboard import Figure, Scope, Totals
from model.office.periods import Period
from model.office.rankings import Standing
from model.people.profiles import Role
from model.photos import media
from model.progress import Cancelled, Progress
from model.store import clock
from reports import bulletin_wording as words
from reports.bulletin_charts import MAX_BARS
from reports.bulletin_charts import charted as charted_standings
from reports.bulletin_exposure import WITH_PHOTOS
from reports.bulletin_layout import UNIT_ROWS, BulletinDocument, render
from reports.bulletin_pdf import write_bulletin
from reports.notice_pdf import NoticePhoto
from tests.conftest import PASSWORD
from tests.helpers import make_jpeg, site_line, sites_csv
from tests.reports.pdf_tools import page_count, run, squeezed, text
from usecases.services import Services

NOW = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)
NOVEMBER, DECEMBER = Period.month("2026-11"), Period.month("2026-12")
ISSUER = "太原市创建全国文明城市指挥部办公室"
CRITERIA = ("ZCGD-01", "ZCGD-02", "ZCGD-03", "ZCGD-04")
# Site → outcomes of CRITERIA in October and in November. 迎泽区 passes everything, 小店区 fails
# once, 晋源区 (two units) fails most and is last; 尖草坪区 had nothing applicable in November.
PLAN = {
    "YZ-1": (("pass",) * 4, ("pass",) * 4),
    "XD-1": (("pass", "fail", "pass", "pass"), ("pass", "pass", "fail", "pass")),
    "JY-1": (("fail", "pass", "pass", "pass"), ("fail", "fail", "pass", "pass")),
    "JY-2": (("pass",) * 4, ("fail", "pass", "fail", "pass")),
    "JC-1": (("pass",) * 4, ("na",) * 4),
}


def _at(day: int, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, 2, 0, tzinfo=dt.UTC)


def _inspect(s, code: str, outcomes: tuple[str, ...], at: dt.datetime, photo_dir=None) -> None:
    clock.set_fixed(at)
    inspection = s.inspections.start(code)
    for criterion, outcome in zip(CRITERIA, outcomes, strict=True):
        instances = 2 if outcome == "fail" else None
        s.inspections.record(inspection.id, criterion, outcome, instances, "北门处", "垃圾堆放")
    if photo_dir is not None:
        s.photos.add(inspection.id, [make_jpeg(photo_dir / f"{code}.jpg", at, size=(1200, 900))],
                     "ZCGD-01")
    s.inspections.finish(inspection.id)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store with four districts, two months of finished inspections and one overdue
    notice with a photo, built once; returns its data directory and the notice's id."""
    base = tmp_path_factory.mktemp("bulletin-city")
    s = Services.open(base / "data")
    try:
        s.people.create("王建国", "O01", Role.OFFICE, PASSWORD, "创城办")
        s.login("O01", PASSWORD)
        s.people.create("李明", "A07", Role.AUDITOR, PASSWORD, "督查一组")
        s.office.set_letterhead(letterhead.LetterheadSettings(issuer=ISSUER))
        s.sites.import_csv(sites_csv(base, [
            site_line("YZ-1", name="柳巷南路", district="迎泽区", unit="迎泽区城市管理局"),
            site_line("XD-1", name="坞城路", district="小店区", unit="小店区城市管理局"),
            site_line("JY-1", name="晋祠路", district="晋源区", unit="晋源区城市管理局"),
            site_line("JY-2", name="南寨路", district="晋源区", unit="晋源区市场监管局"),
            site_line("JC-1", name="柴村路", district="尖草坪区", unit="尖草坪区城市管理局")]))
        s.login("A07", PASSWORD)
        for day, (code, (october, november)) in enumerate(PLAN.items(), start=2):
            _inspect(s, code, october, _at(day, 10))
            _inspect(s, code, november, _at(day), base / "photos" if code == "JY-1" else None)
        late = _notice_for(s, "JY-1", deadline=_at(10))
    finally:
        clock.set_fixed(None)
        s.close()
    return base / "data", late.id


@pytest.fixture
def city(built, tmp_path):
    """Services over a copy of the built store (a test may change it), and the overdue notice."""
    data_dir, notice_id = built
    shutil.copytree(data_dir, tmp_path / "data")
    s = Services.open(tmp_path / "data")
    yield s, notices.get(s.store, notice_id)
    s.close()


def _notice_for(s, code: str, deadline: dt.datetime) -> notices.Notice:
    inspection = next(i for i in s.inspections.listing(code, "2026-11"))
    draft = notices.draft_for(s.store, inspection.id)
    draft = dataclasses.replace(draft, deadline=deadline.isoformat(),
                                reinspect_on=(deadline + dt.timedelta(days=1)).date().isoformat())
    notice = notices.reserve(s.store, draft, s.user)
    return notices.complete(s.store, notice.id, "", "", "", s.user)


@pytest.fixture
def bulletin_file(city, tmp_path):
    s, notice = city
    written = write_bulletin(s.store, NOVEMBER, tmp_path / "bulletin.pdf", now=NOW)
    return written, notice


def _page_with(pdf, needle: str) -> int:
    for page in range(1, page_count(pdf) + 1):
        if needle in squeezed(text(pdf, page)):
            return page
    raise AssertionError(f"no page of {pdf} says {needle}")


def test_the_title_names_the_city_and_the_month(bulletin_file):
    written, _ = bulletin_file
    assert written.path.name == "bulletin.pdf" and not written.empty
    assert written.size_bytes == written.path.stat().st_size
    first = squeezed(text(written.path, 1))
    assert "太原市创建全国文明城市2026年11月实地测评通报" in first
    assert "本月共测评点位5个、检查5次" in first
    assert "较上月" in first


def test_districts_are_ranked_and_the_last_is_marked(bulletin_file):
    written, _ = bulletin_file
    table = squeezed(text(written.path))
    for rank, district in ((1, "迎泽区"), (2, "小店区"), (3, "晋源区")):
        assert re.search(rf"{rank}{district}(末位)?\d+\.\d%", table), district
    assert "3晋源区末位" in table
    assert "2小店区末位" not in table and "1迎泽区末位" not in table
    # nothing applicable in 尖草坪区 this month: no rank and no rate, no division by zero
    assert "—尖草坪区——" in table and "本期无排名" in table


def test_the_units_are_ranked_with_the_last_marked(bulletin_file):
    written, _ = bulletin_file
    table = squeezed(text(written.path))
    assert "各责任单位测评情况" in table
    assert re.search(r"\d晋源区市场监管局末位|\d晋源区城市管理局末位", table)


def test_the_exposure_list_shows_the_overdue_notice_with_its_photo(bulletin_file):
    written, notice = bulletin_file
    page = _page_with(written.path, squeezed(notice.number))
    assert "曝光台" in text(written.path, page)
    assert "逾期16天" in squeezed(text(written.path, page))  # deadline 11-10, now 11-26
    images = run("pdfimages", "-list", "-f", str(page), "-l", str(page), str(written.path))
    assert len(images.strip().splitlines()) >= 3, images  # two header lines, then images
    assert " jpeg " in images  # the preview embedded as it is (DCT), not re-encoded
    # captioned like the notice: the camera's capture time (10:00 Beijing time) and GPS
    assert "2026-11-0410:00·37.86000,112.55000" in squeezed(text(written.path, page))


def test_the_problem_counts_come_from_the_notices(bulletin_file):
    written, _ = bulletin_file
    body = squeezed(text(written.path))
    assert "本月签发整改通知书交办问题2处，已整改销号0处，正在整改2处，其中逾期未整改2处" in body


def test_only_embedded_fonts_and_a_plausible_page_count(bulletin_file):
    written, _ = bulletin_file
    fonts = run("pdffonts", str(written.path)).splitlines()[2:]
    assert fonts
    for line in fonts:
        assert "NotoSansCJKsc" in line and re.search(r"\byes\s+yes\s+yes\b", line), line
    assert 2 <= written.pages == page_count(written.path) <= 10
    assert f"第{written.pages}页共{written.pages}页" in squeezed(text(written.path))


def test_the_same_time_gives_the_same_bytes(city, tmp_path):
    s, _ = city
    first = write_bulletin(s.store, NOVEMBER, tmp_path / "a.pdf", now=NOW)
    second = write_bulletin(s.store, NOVEMBER, tmp_path / "b.pdf", now=NOW)
    assert first.path.read_bytes() == second.path.read_bytes()


def test_a_missing_photo_shows_a_box_and_the_bulletin_is_still_written(city, tmp_path):
    s, notice = city
    for photo_id in notice.problems[0].photo_ids:
        sha = s.store.db.execute("SELECT sha256 FROM photo WHERE id = ?", [photo_id]).fetchone()[0]
        media.preview_path(s.store, sha).unlink(missing_ok=True)
        media.original_path(s.store, sha).unlink()
    written = write_bulletin(s.store, NOVEMBER, tmp_path / "bulletin.pdf", now=NOW)
    page = _page_with(written.path, squeezed(notice.number))
    assert words.PHOTO_MISSING in squeezed(text(written.path, page))
    images = run("pdfimages", "-list", "-f", str(page), "-l", str(page), str(written.path))
    assert len(images.strip().splitlines()) == 2  # the header only: no image


def test_an_empty_month_prints_one_page_that_says_so(city, tmp_path):
    s, _ = city
    written = write_bulletin(s.store, DECEMBER, tmp_path / "december.pdf", now=NOW)
    assert written.empty and written.pages == 1 == page_count(written.path)
    body = squeezed(text(written.path))
    assert "2026年12月实地测评通报" in body
    assert "2026年12月没有已完成的实地测评检查记录" in body
    assert "各区县测评情况" not in body


def test_a_store_without_any_inspection_gives_the_empty_page(office, tmp_path):
    written = write_bulletin(office.store, NOVEMBER, tmp_path / "b.pdf", now=NOW)
    assert written.empty and written.pages == 1
    assert "创建全国文明城市2026年11月实地测评通报" in squeezed(text(written.path))


def test_a_folder_as_output_gets_the_usual_file_name(city, tmp_path):
    s, _ = city
    written = write_bulletin(s.store, NOVEMBER, tmp_path, now=NOW)
    assert written.path == tmp_path / "实地测评通报-2026-11.pdf" and written.path.exists()


@pytest.mark.parametrize("where", ["missing-folder/b.pdf", "a-file/b.pdf"])
def test_a_bad_output_path_is_refused_and_leaves_nothing(city, tmp_path, where):
    s, _ = city
    (tmp_path / "a-file").write_text("not a folder")
    out = tmp_path / where
    with pytest.raises(OutputFileError) as caught:
        write_bulletin(s.store, NOVEMBER, out, now=NOW)
    assert caught.value.path == str(out) and "choose" in str(caught.value)
    assert not list(tmp_path.rglob("*.part")) and not out.exists()


def test_progress_advances_and_a_cancel_writes_nothing(city, tmp_path):
    s, _ = city
    seen = []
    write_bulletin(s.store, NOVEMBER, tmp_path / "b.pdf", now=NOW,
                   progress=Progress(lambda done, total: seen.append((done, total))))
    assert seen[-1][0] == seen[-1][1] > 5
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)

    def cancel_halfway(done, total):
        if done == total // 2:
            stopping.cancel()
    stopping = Progress(cancel_halfway)
    out = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        write_bulletin(s.store, NOVEMBER, out, now=NOW, progress=stopping)
    assert not out.exists() and not list(tmp_path.rglob("*.part"))


@pytest.mark.parametrize(("issuer", "place"), [
    ("太原市创建全国文明城市指挥部办公室", "太原市"), ("创建全国文明城市指挥部办公室", ""),
    ("迎泽区创城办", "")])
def test_the_place_is_taken_from_the_issuer(issuer, place):
    assert words.place_of(issuer) == place


def test_rates_and_changes_are_printed_without_dividing_by_zero():
    assert (words.percent(None), words.percent(0.9664)) == ("—", "96.6%")
    assert (words.points(None), words.points(0.012), words.points(-0.008)) == ("—", "+1.2", "-0.8")
    assert words.points(0.0001) == "0.0"
    assert words.fail_share(0, 0) == "—"
    assert words.change_sentence(0.9, None, True) == "无法与上月比较"
    assert words.change_sentence(None, 0.9, True) == "无法与上月比较"
    assert words.change_sentence(0.9, 0.91, False) == "较上期下降1.0个百分点"
    assert words.rank_change(1, 3) == "升2位" and words.rank_change(3, 1) == "降2位"
    assert words.rank_change(2, None) == "上期无排名"
    assert words.rank_change(None, 2) == "本期无排名"


# --- the layout alone, from bulletins made up here ---------------------------------------------


def _rates(score: float | None) -> Rates:
    return Rates(9, 1, 0, 2, None if score is None else score - 0.05, score)


def _standing(label: str, rank: int | None, score: float | None, last: bool = False) -> Standing:
    figure = Figure((label,), label, _rates(score), rank, None, None, Scope(NOVEMBER))
    return Standing(figure, (), score, rank, None, last)


def _made_up(tmp_path, overdue: int, districts: list[Standing]) -> tuple[Bulletin, dict]:
    photo = make_jpeg(tmp_path / "photo.jpg", NOW, size=(640, 480))
    problems = [OverdueProblem(
        f"n{i}", f"并州创城整改〔2026〕A07-{i:04d}号", "晋源区城市管理局", "晋源区", "JY-1",
        "晋祠路", "ZCGD-01", "道路平整", "北门处", "垃圾堆放", "2026-11-10T23:59:00+08:00", 16,
        (f"p{i}",))
        for i in range(overdue)]
    bulletin = Bulletin(
        NOVEMBER, NOW, Totals(_rates(0.9), 12, 10), Totals(_rates(None), 0, 0), districts,
        districts, [], [], [("2026-10", None), ("2026-11", _rates(0.9))], [],
        ProblemCounts(overdue, 0, overdue, overdue), problems)
    caption = "2026-11-26 12:00 · 37.86000, 112.55000"
    return bulletin, {f"p{i}": NoticePhoto(photo, caption) for i in range(overdue)}


def _laid_out(tmp_path, bulletin: Bulletin, photos: dict) -> Path:
    document = BulletinDocument(bulletin, "创建全国文明城市2026年11月实地测评通报", ISSUER, None,
                                photos)
    data, pages = render(document)
    out = tmp_path / "made-up.pdf"
    out.write_bytes(data)
    assert page_count(out) == pages
    return out


def test_a_long_exposure_list_prints_the_first_photos_and_lists_the_rest(tmp_path):
    bulletin, photos = _made_up(tmp_path, WITH_PHOTOS + 5, [_standing("迎泽区", 1, 0.9)])
    pdf = _laid_out(tmp_path, bulletin, photos)
    images = run("pdfimages", "-list", str(pdf)).strip().splitlines()[2:]
    assert len(images) == WITH_PHOTOS
    body = squeezed(text(pdf))
    assert "其余5处列于其后" in body and "其余逾期未整改问题（不附照片）" in body
    assert f"A07-{WITH_PHOTOS + 4:04d}号" in body


def test_groups_without_a_name_or_a_rate_are_printed_plainly(tmp_path):
    districts = [_standing("迎泽区", 1, 0.95), _standing("", 2, 0.8, last=True),
                 _standing("尖草坪区", None, None)]
    bulletin, photos = _made_up(tmp_path, 0, districts)
    body = squeezed(text(_laid_out(tmp_path, bulletin, photos)))
    assert "2（未登记区县）末位80.0%75.0%" in body
    assert "迎泽区得分率最高（95.0%），（未登记区县）列末位（80.0%）" in body
    assert "—尖草坪区——" in body
    assert "无法与上月比较" in body
    assert "截至2026年11月26日，没有逾期未整改的问题" in body


def test_a_province_of_sixty_districts_charts_the_best_and_the_last_on_one_page(tmp_path):
    districts = [_standing(f"第{k:02d}区", k, 0.99 - k / 200, last=k == 60) for k in range(1, 61)]
    bulletin, photos = _made_up(tmp_path, 0, districts)
    pdf = _laid_out(tmp_path, bulletin, photos)  # no LayoutError: it fits
    body = squeezed(text(pdf))
    charted = [s.label for s in charted_standings(districts)]
    assert len(charted) == MAX_BARS and charted[0] == "第01区" and charted[-1] == "第60区"
    assert "第30区" not in charted
    assert all(f"{k}第{k:02d}区" in body for k in (1, 30, 60))  # the table has every one
    # the caption says the chart is a part, and stays on the chart's page
    half = MAX_BARS // 2
    assert f"得分率前{half}位和后{half}位的区县（共60个区县参加排名" in body
    caption_page = next(n for n in range(1, page_count(pdf) + 1)
                        if f"前{half}位和后{half}位" in squeezed(text(pdf, n)))
    on_it = squeezed(text(pdf, caption_page))
    assert "第60区" in on_it and "各区县测评情况" in on_it  # its chart and its heading


def test_a_province_of_units_is_summarised_and_points_to_the_workbook(tmp_path):
    units = [_standing(f"单位{k:04d}", k, 0.99 - k / 1000, last=k >= 150) for k in range(1, 201)]
    units += [_standing("未检单位", None, None)]
    bulletin, photos = _made_up(tmp_path, 0, [_standing("迎泽区", 1, 0.9)])
    bulletin = dataclasses.replace(bulletin, units=units)
    body = squeezed(text(_laid_out(tmp_path, bulletin, photos)))
    assert "本期共有201个责任单位，其中200个参加排名" in body and "责任单位排名”表" in body
    listed = {k for k in range(1, 201) if f"单位{k:04d}" in body}
    assert listed == set(range(1, 31)) | set(range(150, 201))  # every last place among them
    assert "未检单位" not in body
    # the table says where it skips: after the 30th, 119 units (31st to 149th) left out
    assert "以下略去119个责任单位（第31—149名）" in body
    assert body.index("单位0030") < body.index("以下略去119个") < body.index("单位0150")
    assert body.count("以下略去") == 1  # the last places follow the last 30 without a gap


def test_a_city_of_units_is_listed_whole(tmp_path):
    units = [_standing(f"单位{k:04d}", k, 0.99 - k / 1000) for k in range(1, UNIT_ROWS + 1)]
    bulletin, photos = _made_up(tmp_path, 0, [_standing("迎泽区", 1, 0.9)])
    bulletin = dataclasses.replace(bulletin, units=units)
    body = squeezed(text(_laid_out(tmp_path, bulletin, photos)))
    assert all(f"单位{k:04d}" in body for k in range(1, UNIT_ROWS + 1))
    assert "责任单位排名”表" not in body
