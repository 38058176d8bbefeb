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


def test_qts_own_file_dialog_reads_as_chinese(qapp, tmp_path):
    """Qt's widget file dialog (Linux; Windows shows its own): no "Look in" or "Files of type",
    and a file's size is 大小, not 体积 (ui/qt_words.py supplies what qtbase_zh_CN lacks)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

    dialog = QFileDialog(None, "选择文件", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    try:
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        assert labels == ["查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："]
        model = dialog.findChild(QTreeView).model()
        headers = [model.headerData(c, Qt.Orientation.Horizontal)
                   for c in range(model.columnCount())]
        assert headers == ["名称", "大小", "类型", "修改日期"]
    finally:
        dialog.deleteLater()


def test_english_counts_in_singular_and_plural(qapp, tmp_path):
    """The English file (plurals only) is current, compiled, and says "1 site", "2 sites"."""
    from PySide6.QtCore import QCoreApplication

    from ui.i18n import set_language

    fresh = tmp_path / "en.ts"
    i18n_tool.extract_english(fresh)
    assert fresh.read_text(encoding="utf-8") == i18n_tool.ts_path("en").read_text(
        encoding="utf-8"), "run 'python tools/i18n.py extract' and 'compile'"
    compiled = tmp_path / "en.qm"
    i18n_tool.compile_qm(i18n_tool.ts_path("en"), compiled)
    assert compiled.read_bytes() == i18n_tool.ts_path("en").with_suffix(".qm").read_bytes()
    set_language(qapp, "en")
    try:
        said = [QCoreApplication.translate("MainWindow", "%n site(s)", "", n) for n in (1, 2)]
    finally:
        set_language(qapp, "zh_CN")
    assert said == ["1 site", "2 sites"]
