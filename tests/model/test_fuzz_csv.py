"""Property tests (Hypothesis) for the two CSV importers: the site list and checklist editions.

Whatever bytes a file holds, ``Services.sites.import_csv`` and ``Services.checklists.import_csv``
either import it or raise one of their documented errors, and a refused file changes no
row of any table. The documented errors (model/errors.py) are:

- :class:`InputFileError` — the file is unreadable or malformed (encoding, structure,
  header, a bad cell), naming the file and, where there is one, the line;
- :class:`ValidationError` — a derived checklist edition is not consistent.

Anything else (a KeyError, a sqlite3 error …) is a bug and fails the test. Each property
tries 100 fixed examples; ``FUZZ_EXAMPLES=N`` in the environment tries N random ones instead.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.errors import InputFileError, ValidationError
from model.people.profiles import Role
from model.sites import sites
from tests.corpus.store_state import store_digest
from tests.helpers import SITE_HEADER
from usecases.services import Services

DOCUMENTED = (InputFileError, ValidationError)
PASSWORD = "fuzz-pass"
SITE_COLUMNS = SITE_HEADER.split(",")
CHECKLIST_COLUMNS = ["编码", "点位类型编码", "点位类型", "测评类别", "测评内容", "英文说明",
                     "测评方法", "重要程度", "整改时限"]
VALID_SITE = ["F-1", "测试点位", "ZCGD", "迎泽区", "柳巷街道", "地址1号", "迎泽区城市管理局",
              "张三", "13900000000", "37.86", "112.56"]
VALID_CRITERION = ["X-1", "ZCGD", "", "C08", "路面无垃圾", "", "实地观察", "一般", ""]
ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "utf-16", "utf-16-le", "latin-1",
             "cp1252", "shift_jis")
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "100")), deadline=None,
                derandomize="FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# Cell text worth trying: formulas, quotes, separators, control characters, numbers, Chinese.
cells = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "=CMD()", "+1", "-1", "@x", '"', '""', "'", ",", ";", "\t", "\r",
                     "\n", "\r\n", "\x00", "\ufeff", "nan", "inf", "-0", "1e999", "1_0",
                     "ZCGD", "火星基地", "实地观察", "重要", "立行立改", "C08", "X" * 10_001]),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=10))


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """Services signed in as an office profile, over a store kept for the module's examples."""
    services = Services.open(tmp_path_factory.mktemp("fuzz-csv") / "data")
    services.people.create("王建国", "O01", Role.OFFICE, PASSWORD, "创城办")
    services.login("O01", PASSWORD)
    yield services
    services.close()


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    """Rows written as Excel does (quoted where needed)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def check_import(services: Services, path: Path, data: bytes, do_import) -> bool:
    """Import ``data`` from ``path``: success (True), or a documented error naming the file
    and no row of any table changed (False)."""
    path.write_bytes(data)
    before = store_digest(services.store.path)
    try:
        do_import(path)
    except DOCUMENTED as error:
        assert str(path) in str(error)
        assert store_digest(services.store.path) == before
        return False
    return True


def import_sites(services: Services):
    return services.sites.import_csv


def import_checklist(services: Services):
    return lambda path: services.checklists.import_csv(path, "模糊测试")


IMPORTERS = {"sites": import_sites, "checklist": import_checklist}


@pytest.mark.parametrize("importer", sorted(IMPORTERS))
@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_bytes(office, tmp_path, importer, data):
    check_import(office, tmp_path / "any.csv", data, IMPORTERS[importer](office))


@pytest.mark.parametrize("importer", sorted(IMPORTERS))
@FUZZ
@given(text=st.text(max_size=600), encoding=st.sampled_from(ENCODINGS))
def test_any_text_in_any_encoding(office, tmp_path, importer, text, encoding):
    columns = SITE_COLUMNS if importer == "sites" else CHECKLIST_COLUMNS
    data = (",".join(columns) + "\n" + text).encode(encoding, errors="replace")
    check_import(office, tmp_path / "text.csv", data, IMPORTERS[importer](office))


@st.composite
def tables(draw, columns: list[str]):
    """A header (the columns, some perhaps dropped or doubled) and rows of arbitrary cells."""
    header = draw(st.lists(st.sampled_from(columns), min_size=1, max_size=len(columns) + 1))
    width = st.integers(0, len(header) + 1)
    rows = draw(st.lists(st.builds(lambda n, cs: cs[:n], width,
                                   st.lists(cells, min_size=len(header) + 1,
                                            max_size=len(header) + 1)), max_size=6))
    return [header, *rows]


@FUZZ
@given(rows=tables(SITE_COLUMNS), encoding=st.sampled_from(("utf-8-sig", "utf-8", "gbk")))
def test_well_formed_site_lists_with_any_cells(office, tmp_path, rows, encoding):
    check_import(office, tmp_path / "cells.csv", csv_bytes(rows, encoding), office.sites.import_csv)


@FUZZ
@given(rows=tables(CHECKLIST_COLUMNS))
def test_well_formed_checklists_with_any_cells(office, tmp_path, rows):
    check_import(office, tmp_path / "cells.csv", csv_bytes(rows),
                 import_checklist(office))


def _mutated(valid: list[str], count: int):
    """Valid rows with one cell of one of them replaced by anything."""
    return st.tuples(st.integers(0, count - 1), st.integers(0, len(valid) - 1), cells)


@FUZZ
@given(change=_mutated(VALID_SITE, 3))
def test_a_valid_site_list_with_one_cell_changed(office, tmp_path, change):
    row, column, value = change
    rows = [[f"M-{n}", *VALID_SITE[1:]] for n in range(3)]
    rows[row][column] = value
    data = csv_bytes([SITE_COLUMNS, *rows])
    if check_import(office, tmp_path / "one-cell.csv", data, office.sites.import_csv):
        # all rows or none: the rows left as they were are stored as they were
        for other in (n for n in range(3) if n != row):
            assert office.sites.get(f"M-{other}").fields() == dict(
                zip(("code", *sites.EDITABLE), [f"M-{other}", *VALID_SITE[1:9], 37.86, 112.56],
                    strict=True))


@FUZZ
@given(change=_mutated(VALID_CRITERION, 2))
def test_a_valid_checklist_with_one_cell_changed(office, tmp_path, change):
    row, column, value = change
    rows = [[f"X-{n}", *VALID_CRITERION[1:]] for n in range(2)]
    rows[row][column] = value
    check_import(office, tmp_path / "one-cell.csv", csv_bytes([CHECKLIST_COLUMNS, *rows]),
                 import_checklist(office))


def test_the_strategies_reach_both_outcomes(office, tmp_path):
    """The properties are not vacuous: a valid file is imported, a broken one refused."""
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([SITE_COLUMNS, VALID_SITE]))
    assert office.sites.import_csv(good).created + office.sites.import_csv(good).unchanged >= 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([SITE_COLUMNS, [*VALID_SITE[:9], "200", "112"]]))
    with pytest.raises(InputFileError, match="out of range"):
        office.sites.import_csv(bad)
