import pytest

from model.checklist import checklist
from model.errors import InputFileError, PermissionDeniedError
from tests.helpers import site_line, sites_csv, write_csv

HEADER = "编码,点位类型编码,点位类型,测评类别,测评内容,英文说明,测评方法,重要程度,整改时限"


def _edition_count(services):
    return len(services.checklists.editions())


def test_the_shipped_edition_is_loaded_and_active(services):
    [summary] = services.checklists.editions()
    assert summary.active and summary.source == "shipped"
    assert summary.site_types == 30
    assert summary.criteria >= 300
    edition = services.checklists.edition()
    assert edition.content_hash == summary.content_hash
    zcgd = edition.criteria_for("ZCGD")
    assert zcgd and all(c.site_type == "ZCGD" for c in zcgd)


def test_the_content_hash_depends_on_content_not_on_loading(services):
    fresh = checklist.shipped_editions()[0]
    assert fresh.content_hash == services.checklists.edition().content_hash
    changed = checklist.Edition(fresh.name, fresh.categories, fresh.site_types,
                                fresh.criteria[:-1])
    assert changed.content_hash != fresh.content_hash


def test_export_then_import_unchanged_gives_the_same_edition(office, tmp_path):
    path = tmp_path / "edition.csv"
    count = office.checklists.export_csv(path)
    assert count == len(office.checklists.edition().criteria)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    edition, created = office.checklists.import_csv(path, "same")
    assert not created
    assert edition.content_hash == office.checklists.editions()[0].content_hash


def test_local_criteria_make_a_derived_edition_with_its_own_hash(office, tmp_path):
    base = office.checklists.edition()
    path = write_csv(tmp_path / "local.csv", [
        HEADER,
        "TY-ZCGD-01,ZCGD,,和谐宜居的生活环境,沿街晾晒衣物不超出阳台,,实地观察,一般,立行立改",
        "TY-NEW-01,TYXX,太原特色点位,C08,汾河景区步道整洁,Fen river walk clean,observe,major,",
    ])
    edition, created = office.checklists.import_csv(path, "太原本地版")
    assert created and edition.parent_hash == base.content_hash
    assert edition.content_hash != base.content_hash
    assert len(edition.criteria) == len(base.criteria) + 2
    local = edition.criterion("TY-ZCGD-01")
    assert (local.category, local.method, local.severity, local.deadline) == (
        "C08", "observe", "minor", "24h")
    assert edition.criterion("TY-NEW-01").deadline == "3wd"  # default for a major criterion
    assert edition.site_type("TYXX").name_zh == "太原特色点位"
    assert [s.active for s in office.checklists.editions()] == [False, True]


def test_an_inspection_keeps_its_edition_when_a_newer_one_is_loaded(auditor_services, tmp_path):
    services = auditor_services
    services.login("O01", "secret-pass")
    services.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-1")]))
    services.login("A07", "secret-pass")
    old = services.inspections.start("YZ-1")
    services.inspections.record(old.id, "ZCGD-06", "fail", 2)
    services.login("O01", "secret-pass")
    reworded = write_csv(tmp_path / "reworded.csv", [
        HEADER, "ZCGD-06,ZCGD,,C08,地面洁净（本地加严版）,,实地观察,重要,立行立改"])
    new_edition, _ = services.checklists.import_csv(reworded, "加严版")
    services.login("A07", "secret-pass")
    new = services.inspections.start("YZ-1")

    assert new.edition_hash == new_edition.content_hash != old.edition_hash
    old_line = next(x for x in services.inspections.detail(old.id).lines
                    if x.criterion.code == "ZCGD-06")
    new_line = next(x for x in services.inspections.detail(new.id).lines
                    if x.criterion.code == "ZCGD-06")
    assert "加严" not in old_line.criterion.text_zh and old_line.result.instances == 2
    assert new_line.criterion.text_zh == "地面洁净（本地加严版）"
    assert services.inspections.detail(old.id).inspection.edition_hash == old.edition_hash


BAD_FILES = {
    "wrong header": ([HEADER.replace("测评内容", "内容说明"), "X-1,ZCGD,,C08,文字,,观察,一般,"],
                     1, "unknown column"),
    "missing column": (["编码,点位类型编码,测评类别,测评内容,测评方法",
                        "X-1,ZCGD,C08,文字,observe"], 1, "重要程度"),
    "missing text": ([HEADER, "X-1,ZCGD,,C08,,,实地观察,一般,"], 2, "测评内容"),
    "unknown site type": ([HEADER, "X-1,ZCGD,,C08,文字,,实地观察,一般,", "X-2,NOPE,,C08,文字,,"
                           "实地观察,一般,"], 3, "unknown site type 'NOPE'"),
    "duplicate code": ([HEADER, "X-1,ZCGD,,C08,文字,,实地观察,一般,",
                        "X-1,ZCGD,,C08,文字二,,实地观察,一般,"], 3, "line 2"),
    "bad method": ([HEADER, "X-1,ZCGD,,C08,文字,,看一看,一般,"], 2, "测评方法"),
    "bad category": ([HEADER, "X-1,ZCGD,,不存在的类别,文字,,实地观察,一般,"], 2, "category"),
    "bad deadline": ([HEADER, "X-1,ZCGD,,C08,文字,,实地观察,一般,明年"], 2, "整改时限"),
    "bad code": ([HEADER, "X 1 ?,ZCGD,,C08,文字,,实地观察,一般,"], 2, "code"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_checklist_csv_names_the_line_and_stores_nothing(office, tmp_path, case):
    lines, line, message = BAD_FILES[case]
    path = write_csv(tmp_path / "bad.csv", lines)
    with pytest.raises(InputFileError, match=message) as caught:
        office.checklists.import_csv(path, "bad")
    assert caught.value.line == line
    assert str(path) in str(caught.value)
    assert _edition_count(office) == 1


def test_a_checklist_csv_that_is_not_utf8_is_refused_with_its_line(office, tmp_path):
    path = write_csv(tmp_path / "gbk.csv", [HEADER, "X-1,ZCGD,,C08,文字,,实地观察,一般,"],
                     encoding="gbk")
    with pytest.raises(InputFileError, match="not UTF-8") as caught:
        office.checklists.import_csv(path, "gbk")
    assert caught.value.line == 1
    assert _edition_count(office) == 1


def test_a_checklist_csv_without_bom_is_accepted(office, tmp_path):
    path = write_csv(tmp_path / "plain.csv", [HEADER, "X-1,ZCGD,,C08,文字,,实地观察,一般,"],
                     encoding="utf-8")
    edition, created = office.checklists.import_csv(path, "plain")
    assert created and edition.criterion("X-1").text_zh == "文字"


def test_only_the_office_may_import_a_checklist(auditor_services, tmp_path):
    path = write_csv(tmp_path / "c.csv", [HEADER, "X-1,ZCGD,,C08,文字,,实地观察,一般,"])
    with pytest.raises(PermissionDeniedError, match="office"):
        auditor_services.checklists.import_csv(path, "x")
