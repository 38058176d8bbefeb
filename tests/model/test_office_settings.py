"""The office's settings reach every laptop with its bundle, and only from the office.

Real stores and real signed bundles (:mod:`tests.model.sync_world`): the office sets its
letterhead with a logo, its numbering, its photo stamp and negative list; a laptop that
imports the office's bundle issues notices that print the same letterhead and number the
same way. A laptop's own changes to those settings never travel back.
"""

from __future__ import annotations

import json
from dataclasses import replace

from PIL import Image

from model.notices import letterhead, notices
from model.office import negative_list
from model.office.negative_list import Effect, NegativeRule
from model.photos import photos
from model.sync import office_settings
from tests.model import sync_world
from tests.model.sync_world import inspect
from usecases.notice_documents import printed_letterhead

world = sync_world.world  # an office and two enrolled laptops, office data synced

LETTERHEAD = letterhead.LetterheadSettings(
    issuer="太原市迎泽区创建全国文明城市指挥部办公室", title="整改通知书",
    clauses=("请于期限内整改到位并书面回复。",), copies_to="抄送：区创城办")
RULES = [NegativeRule("T-1", "堵塞消防通道", ("ZCGD-0*",), Effect.CAP, 0.5)]


def _set_everything(office, tmp_path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (200, 20, 20)).save(logo)
    office.office.set_letterhead(LETTERHEAD, logo)
    office.office.set_notice_numbering("{prefix}整改〔{year}〕{code}-{serial:03d}号", "迎泽创城")
    office.photos.set_stamp_template("迎泽创城 {site}\n{time}")
    negative_list.set_rules(office.store, RULES, office.user)


def _send_office_bundle(office, laptop, stick):
    bundle, _ = office.sync.export(stick, sync_world.PW)
    return laptop.sync.import_bundle(bundle)


def test_a_laptop_takes_the_offices_settings_and_prints_its_letterhead(world, tmp_path):
    office, laptops, stick = world
    laptop = laptops["A07"]
    _set_everything(office, tmp_path)
    summary = _send_office_bundle(office, laptop, stick)
    assert sorted(summary.settings_taken) == sorted(office_settings.KEYS)
    for key in (notices.PATTERN_SETTING, notices.PREFIX_SETTING, photos.STAMP_SETTING,
                negative_list.SETTING):
        assert laptop.store.get_setting(key) == office.store.get_setting(key)
    assert negative_list.rules(laptop.store) == RULES
    at_office, on_laptop = printed_letterhead(office.store), printed_letterhead(laptop.store)
    assert on_laptop.logo.read_bytes() == at_office.logo.read_bytes()
    assert replace(on_laptop, logo=None) == replace(at_office, logo=None)
    assert on_laptop.issuer == LETTERHEAD.issuer and on_laptop.clauses == LETTERHEAD.clauses
    inspection = inspect(laptop, "YZ-1", tmp_path, ["ZCGD-01"])
    issued = laptop.notices.issue(laptop.notices.draft(inspection), sync_world.PW)
    year = issued.notice.issued_at[:4]
    assert issued.notice.number == f"迎泽创城整改〔{year}〕A07-001号"


def test_the_same_settings_again_change_nothing_and_a_new_value_arrives(world, tmp_path):
    office, laptops, stick = world
    laptop = laptops["A07"]
    _set_everything(office, tmp_path)
    _send_office_bundle(office, laptop, stick)
    assert _send_office_bundle(office, laptop, stick).settings_taken == []
    office.photos.set_stamp_template("{site} {time}")
    assert _send_office_bundle(office, laptop, stick).settings_taken == [photos.STAMP_SETTING]
    assert laptop.store.get_setting(photos.STAMP_SETTING) == "{site} {time}"


def test_a_laptops_own_letterhead_never_reaches_the_office_or_another_laptop(world, tmp_path):
    office, laptops, stick = world
    rogue, other = laptops["A07"], laptops["A08"]
    forged = json.dumps({"issuer": "假冒的指挥部", "title": "整改通知书"}, ensure_ascii=False)
    rogue.store.set_setting(letterhead.SETTING, forged)  # straight into his own SQLite file
    rogue.store.set_setting(notices.PREFIX_SETTING, "假冒")
    inspect(rogue, "YZ-1", tmp_path, ["ZCGD-01"])
    bundle, _ = rogue.sync.export(stick, sync_world.PW)
    office.sync.import_bundle(bundle)
    assert letterhead.get(office.store).issuer == letterhead.DEFAULT_ISSUER
    assert office.store.get_setting(notices.PREFIX_SETTING) is None
    _send_office_bundle(office, other, stick)
    assert letterhead.get(other.store).issuer == letterhead.DEFAULT_ISSUER
    # and the office's next bundle puts the rogue laptop back on the office's letterhead
    _send_office_bundle(office, rogue, stick)
    assert letterhead.get(rogue.store).issuer == letterhead.DEFAULT_ISSUER
    assert rogue.store.get_setting(notices.PREFIX_SETTING) is None
