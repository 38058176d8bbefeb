"""The Chinese translation is complete and its compiled .qm matches the .ts."""

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
i18n_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n_tool)


def _messages(path: Path) -> dict[str, ET.Element]:
    return {m.findtext("source"): m for m in ET.parse(path).iter("message")}


def test_every_ui_string_is_in_the_committed_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    i18n_tool.extract(target=fresh)
    committed = _messages(i18n_tool.ts_path("zh_CN"))
    missing = set(_messages(fresh)) - set(committed)
    assert not missing, f"run 'python tools/i18n.py extract' and translate: {sorted(missing)}"


def test_every_entry_is_translated():
    for source, message in _messages(i18n_tool.ts_path("zh_CN")).items():
        translation = message.find("translation")
        text = "".join(translation.itertext()).strip()
        assert translation.get("type") is None and text, f"untranslated: {source!r}"


def test_the_compiled_qm_matches_the_ts(tmp_path):
    compiled = tmp_path / "fresh.qm"
    i18n_tool.compile_qm(i18n_tool.ts_path("zh_CN"), compiled)
    assert compiled.read_bytes() == i18n_tool.ts_path("zh_CN").with_suffix(".qm").read_bytes(), (
        "run 'python tools/i18n.py compile'")


def test_sentences_are_joined_as_their_language_writes_them():
    from ui.i18n import sentences
    assert sentences("已删除 1 条检查任务。", "其中 1 条已下发。") \
        == "已删除 1 条检查任务。其中 1 条已下发。"
    assert sentences("1 assignments removed.", "1 of them had been sent out.") \
        == "1 assignments removed. 1 of them had been sent out."
    assert sentences("只有一句。", "") == "只有一句。"
