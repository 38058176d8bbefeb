"""Every command of the main window as a QAction: text, shortcut and where it is active.

Menus, the criteria list and the shortcuts help all read this one registry,
so a shortcut shown in a menu is the one that works and the help lists them
all. Single-key marking shortcuts are active only while the criteria list
has focus, so they never fire while typing a note. The commands that open
one of the app's windows (the office's, the follow-up board, the shortcuts
help) or act on the whole app work from every window of the app that no
modal dialog blocks, so F9 or Ctrl+Shift+R work from the dashboard too.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


@dataclass(frozen=True)
class ActionSpec:
    """How one action looks and where its shortcut works."""

    name: str
    text: str
    shortcuts: tuple
    list_only: bool = False
    everywhere: bool = False  # from every window of the app, not only the main window


def _specs() -> tuple[ActionSpec, ...]:
    """The actions; texts are marked for translation and translated when the actions are made."""
    keys = QKeySequence.StandardKey
    return (
        ActionSpec("load_demo", QT_TRANSLATE_NOOP("Actions", "Load &demo city"),
                   ()),
        ActionSpec("lock", QT_TRANSLATE_NOOP("Actions", "&Lock screen"),
                   ("Ctrl+L",)),
        ActionSpec("switch_user", QT_TRANSLATE_NOOP("Actions", "S&witch user / sign out…"),
                   ("Ctrl+Shift+L",)),
        ActionSpec("preferences", QT_TRANSLATE_NOOP("Actions", "&Settings…"),
                   (keys.Preferences, "Ctrl+,")),
        ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"),
                   (keys.Quit, "Ctrl+Q"), everywhere=True),
        ActionSpec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"),
                   (keys.Undo,)),
        ActionSpec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"),
                   (keys.Redo, "Ctrl+Y")),
        ActionSpec("find", QT_TRANSLATE_NOOP("Actions", "&Find site"),
                   (keys.Find,)),
        ActionSpec("mark_pass", QT_TRANSLATE_NOOP("Actions", "Mark &pass"),
                   ("1", "P"), list_only=True),
        ActionSpec("mark_fail", QT_TRANSLATE_NOOP("Actions", "Mark &fail"),
                   ("2", "F"), list_only=True),
        ActionSpec("mark_na", QT_TRANSLATE_NOOP("Actions", "Mark &not applicable"),
                   ("3", "N"), list_only=True),
        ActionSpec("more_problems", QT_TRANSLATE_NOOP("Actions", "One problem &more"),
                   ("+", "="), list_only=True),
        ActionSpec("fewer_problems", QT_TRANSLATE_NOOP("Actions", "One problem &fewer"),
                   ("-",), list_only=True),
        ActionSpec("clear", QT_TRANSLATE_NOOP("Actions", "&Clear result"),
                   ("Delete", "Backspace"), list_only=True),
        ActionSpec("edit_texts", QT_TRANSLATE_NOOP("Actions", "Edit location and &note"),
                   ("Return",), list_only=True),
        ActionSpec("next_unanswered", QT_TRANSLATE_NOOP("Actions", "Next &unanswered"),
                   ("U",), list_only=True),
        ActionSpec("finish", QT_TRANSLATE_NOOP("Actions", "&Finish inspection…"),
                   ("Ctrl+Return",)),
        ActionSpec("reopen", QT_TRANSLATE_NOOP("Actions", "&Reopen inspection…"),
                   ()),
        ActionSpec("issue_notice", QT_TRANSLATE_NOOP("Actions", "&Issue rectification notice…"),
                   ("Ctrl+Shift+N",)),
        ActionSpec("notice_board", QT_TRANSLATE_NOOP("Actions", "&Follow-up board"),
                   ("F8",), everywhere=True),
        ActionSpec("verify_notice", QT_TRANSLATE_NOOP("Actions", "&Verify a notice PDF…"),
                   ("Ctrl+Shift+V",)),
        ActionSpec("sync_export", QT_TRANSLATE_NOOP("Actions", "&Export to USB…"),
                   ("Ctrl+Shift+E",)),
        ActionSpec("sync_import", QT_TRANSLATE_NOOP("Actions", "&Import from USB…"),
                   ("Ctrl+Shift+I",)),
        ActionSpec("sync_conflicts", QT_TRANSLATE_NOOP("Actions", "Sync &conflicts…"),
                   ()),
        ActionSpec("prune_photos",
                   QT_TRANSLATE_NOOP("Actions", "&Delete acknowledged photo originals…"),
                   ()),
        ActionSpec("dashboard", QT_TRANSLATE_NOOP("Actions", "&Dashboard"),
                   ("F9",), everywhere=True),
        ActionSpec("rankings", QT_TRANSLATE_NOOP("Actions", "&Rankings"),
                   ("Ctrl+Shift+R",), everywhere=True),
        ActionSpec("plan_month", QT_TRANSLATE_NOOP("Actions", "&Plan the month…"),
                   ("Ctrl+Shift+P",), everywhere=True),
        ActionSpec("sites", QT_TRANSLATE_NOOP("Actions", "&Site list…"),
                   (), everywhere=True),
        ActionSpec("checklists", QT_TRANSLATE_NOOP("Actions", "&Checklist editions…"),
                   (), everywhere=True),
        ActionSpec("staff", QT_TRANSLATE_NOOP("Actions", "S&taff…"),
                   (), everywhere=True),
        ActionSpec("notice_settings",
                   QT_TRANSLATE_NOOP("Actions", "Notice &letterhead and numbering…"),
                   (), everywhere=True),
        ActionSpec("enrol_laptops", QT_TRANSLATE_NOOP("Actions", "&New laptops by USB drive…"),
                   (), everywhere=True),
        ActionSpec("office_reports", QT_TRANSLATE_NOOP("Actions", "Bulletin and &spreadsheets…"),
                   ("Ctrl+Shift+B",), everywhere=True),
        ActionSpec("large_text", QT_TRANSLATE_NOOP("Actions", "&Large text, high contrast"),
                   ("F11",), everywhere=True),
        ActionSpec("shortcuts", QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"),
                   (keys.HelpContents, "F1"), everywhere=True),
        ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "&About CivicAudit"),
                   ()),
    )


def _sequences(keys: tuple) -> list[QKeySequence]:
    """Every sequence of ``keys`` once: a standard key brings all of the platform's bindings,
    and one that is also listed by hand (Quit and "Ctrl+Q" on Linux) is not bound twice —
    Qt treats a sequence bound twice as ambiguous and runs neither."""
    found: list[QKeySequence] = []
    for key in keys:
        bindings = (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                    else [QKeySequence(key)])
        found += [b for b in bindings if not b.isEmpty() and b not in found]
    return found


class Actions(QObject):
    """The registry: ``actions.mark_pass`` etc. are QActions owned by the window."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.specs = _specs()
        self.by_name: dict[str, QAction] = {}
        for spec in self.specs:
            action = QAction(QCoreApplication.translate("Actions", spec.text), parent)
            action.setShortcuts(_sequences(spec.shortcuts))
            if spec.list_only:
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            elif spec.everywhere:  # the office's windows are top-level windows of their own
                action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self.by_name[spec.name] = action
        self.by_name["large_text"].setCheckable(True)

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["by_name"][name]
        except KeyError:
            raise AttributeError(name) from None

    def list_actions(self) -> list[QAction]:
        """The actions whose shortcuts work only in the criteria list."""
        return [self.by_name[s.name] for s in self.specs if s.list_only]

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(action text without accelerators, its shortcuts as shown) for the help dialog."""
        rows = []
        for spec in self.specs:
            action = self.by_name[spec.name]
            shown = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                               for k in action.shortcuts())
            rows.append((action.text().replace("&", "").rstrip("…"), shown))
        return rows
