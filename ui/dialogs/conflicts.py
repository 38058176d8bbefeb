"""Sync conflicts: a record edited on two machines, both versions side by side, a person picks one.

An import never lets the last writer silently win: when the same record (a
notice, an inspection …) was changed on two machines, both versions are kept and
listed here. The dialog lists every conflict, shows the selected one's two
versions as readable text (a notice's status, deadline, problems and follow-up;
an inspection's results; other records field by field), marks the lines in which
they differ, and keeps the version the person chooses
(``Services.sync.resolve_conflict``). The choice travels to the other machines
with the next bundle.
"""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.errors import NotFoundError
from model.store import clock
from model.sync.sync_versions import Version
from ui.labels import named, word
from ui.screen_fit import resize_to_fit
from usecases.services import Services

ROW_ROLE = Qt.ItemDataRole.UserRole
DIFFERENT_STYLE = "background:#fff1b8; font-weight:bold;"
CURRENT, OTHER = 0, 1


class ConflictDialog(QDialog):
    """Every record with two versions; the selected one side by side; keep one of them."""

    resolved = Signal(str, str)  # kind, record id: the record now has the kept content

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.conflicts: list[tuple[Version, Version]] = []
        self.describer = Describer(services, self)
        self.setWindowTitle(self.tr("Sync conflicts"))
        resize_to_fit(self, 1100, 700)
        self.list = self._conflict_list()
        self.empty = QLabel(self.tr("No conflicts: every record has one version."), self)
        self.titles = [QLabel(self), QLabel(self)]
        self.views = [QTextBrowser(self), QTextBrowser(self)]
        self.keep_buttons = [QPushButton(self.tr("&Keep the version in use"), self),
                             QPushButton(self.tr("Keep the &other version"), self)]
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._lay_out()
        self._connect()
        self.refresh()

    def _conflict_list(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels([self.tr("Record"), self.tr("Version in use"),
                              self.tr("Other version")])
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        return tree

    def _lay_out(self) -> None:
        sides = QWidget(self)
        grid = QGridLayout(sides)
        grid.setContentsMargins(0, 0, 0, 0)
        for side in (CURRENT, OTHER):
            self.titles[side].setWordWrap(True)
            grid.addWidget(self.titles[side], 0, side)
            grid.addWidget(self.views[side], 1, side)
            grid.addWidget(self.keep_buttons[side], 2, side)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(sides)
        splitter.setSizes([180, 520])
        hint = QLabel(self.tr("The same record was changed on two machines. Compare the two "
                              "versions (differences are highlighted) and keep one; the other "
                              "machines learn of the choice with the next bundle."), self)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.keep_buttons[CURRENT].clicked.connect(lambda: self.keep(CURRENT))
        self.keep_buttons[OTHER].clicked.connect(lambda: self.keep(OTHER))
        self.buttons.rejected.connect(self.reject)

    # -- what is shown --------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the conflicts again and show the first (or the one that was selected)."""
        row = max(self.list.currentIndex().row(), 0)
        self.conflicts = self._services.sync.conflicts()
        describe = self.describer
        describe.reload()
        self.list.clear()
        for index, (current, other) in enumerate(self.conflicts):
            item = QTreeWidgetItem([describe.title(current), describe.version_line(current),
                                    describe.version_line(other)])
            item.setData(0, ROW_ROLE, index)
            self.list.addTopLevelItem(item)
        for column in range(self.list.columnCount()):
            self.list.resizeColumnToContents(column)
        self.empty.setVisible(not self.conflicts)
        if self.conflicts:
            self.list.setCurrentItem(self.list.topLevelItem(min(row, len(self.conflicts) - 1)))
        self._show(self.selected())

    def selected(self) -> tuple[Version, Version] | None:
        """The conflict shown: (the version in use, the other one)."""
        item = self.list.currentItem()
        return self.conflicts[item.data(0, ROW_ROLE)] if item is not None else None

    def _show(self, pair: tuple[Version, Version] | None) -> None:
        for button in self.keep_buttons:
            button.setEnabled(pair is not None)
        if pair is None:
            for side in (CURRENT, OTHER):
                self.titles[side].clear()
                self.views[side].clear()
            return
        describe = self.describer
        lines = [describe.lines(version) for version in pair]
        headings = (self.tr("Version in use"), self.tr("Other version"))
        for side in (CURRENT, OTHER):
            version = pair[side]
            self.titles[side].setText(f"<b>{html.escape(headings[side])}</b><br>"
                                      + html.escape(describe.version_line(version)))
            self.views[side].setHtml(_marked_html(lines[side], set(lines[1 - side])))

    # -- what the user does ---------------------------------------------------------------

    def keep(self, side: int) -> None:
        """Keep the version on ``side`` (CURRENT or OTHER) of the selected conflict."""
        pair = self.selected()
        if pair is None:
            return
        kept = pair[side]
        self._services.sync.resolve_conflict(kept.kind, kept.id, kept.rev)
        self.refresh()
        self.resolved.emit(kept.kind, kept.id)

    def _on_list_current_item_changed(self, *_items) -> None:
        self._show(self.selected())


class Describer(QObject):
    """Turns a record version into readable lines, naming people and sites from this store."""

    def __init__(self, services: Services, parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self._people: dict[str, str] = {}
        self.reload()

    def reload(self) -> None:
        """Read the profiles' names again (an import may have brought new ones)."""
        self._people = {p.id: named(p.name, p.staff_no) for p in self._services.people.all()}

    def person(self, profile_id: str | None) -> str:
        """A profile's name and staff number (its id when unknown here)."""
        return self._people.get(profile_id or "", profile_id or "")

    def site(self, site_id: str) -> str:
        """A site's code and name (its id when unknown here)."""
        try:
            site = self._services.sites.get(site_id)
        except NotFoundError:
            return site_id
        return f"{site.code} {site.name}"

    def version_line(self, version: Version) -> str:
        """When a version was made and on which machine (the device id's last characters)."""
        return self.tr("changed %1 · device …%2").replace(
            "%1", clock.office_text(version.stamp)).replace("%2", version.device_id[-8:])

    def title(self, version: Version) -> str:
        """What the record is, in a few words."""
        content = version.content
        if version.kind == "notice":
            return self.tr("Notice %1").replace("%1", content["notice"]["number"])
        if version.kind == "inspection":
            row = content["inspection"]
            return self.tr("Inspection of %1, %2").replace(
                "%1", self.site(row["site_id"])).replace(
                "%2", clock.office_text(row["started_at"])[:10])
        name = content.get("name") or content.get("code") or version.id
        return f"{self._kind_word(version.kind)}: {name}"

    def lines(self, version: Version) -> list[str]:
        """The version's content as lines of text."""
        if version.kind == "notice":
            return self._notice_lines(version.content)
        if version.kind == "inspection":
            return self._inspection_lines(version.content)
        return [f"{key}: {_plain(value)}" for key, value in sorted(version.content.items())]

    def _notice_lines(self, content: dict) -> list[str]:
        notice = content["notice"]
        addressee = (notice["addressee_unit"], notice["addressee_person"],
                     notice["addressee_phone"])
        lines = [
            self.tr("Number: %1").replace("%1", notice["number"]),
            self.tr("Status: %1").replace("%1", word("notice_status", notice["status"])),
            self.tr("Addressee: %1").replace("%1", " ".join(filter(None, addressee))),
            self.tr("Deadline: %1").replace("%1", clock.office_text(notice["deadline"])),
            self.tr("Re-inspection on: %1").replace("%1", notice["reinspect_on"] or "—"),
            self.tr("Last changed: %1").replace("%1", clock.office_text(notice["updated_at"])),
            self.tr("Problems:")]
        lines += [f"  {item['position']}. {item['criterion_code']} {item['location']} — "
                  f"{item['description']}" for item in content["items"]]
        lines.append(self.tr("Follow-up:"))
        lines += [self._event_line(event) for event in content["events"]]
        lines += [self._reinspection_line(r) for r in content["reinspections"]]
        return lines

    def _event_line(self, event: dict) -> str:
        note = event["note"]
        if event["status"] == "escalated" and note:
            note = word("escalation", note)
        text = (f"  {clock.office_text(event['at'])} {word('notice_status', event['status'])}"
                f" — {self.person(event['by_profile'])}")
        return f"{text}: {note}" if note else text

    def _reinspection_line(self, row: dict) -> str:
        text = "  " + self.tr("Re-inspected %1: %2").replace("%1", row["inspected_on"]).replace(
            "%2", word("reinspection", row["outcome"]))
        return f"{text} — {row['note']}" if row["note"] else text

    def _inspection_lines(self, content: dict) -> list[str]:
        row = content["inspection"]
        lines = [
            self.tr("Site: %1").replace("%1", self.site(row["site_id"])),
            self.tr("Auditor: %1").replace("%1", self.person(row["auditor_id"])),
            self.tr("Status: %1").replace("%1", word("site_status", row["status"])),
            self.tr("Started: %1").replace("%1", clock.office_text(row["started_at"])),
            self.tr("Finished: %1").replace("%1",
                                            clock.office_text(row["finished_at"]) or "—"),
            self.tr("%n photo(s)", "", len(content["photos"])),
            self.tr("Results:")]
        lines += [self._result_line(result) for result in content["results"]]
        return lines

    def _result_line(self, result: dict) -> str:
        outcome = self._outcome_word(result["outcome"])
        if result["outcome"] == "fail":
            outcome += f" ×{result['instances']}"
        details = " — ".join(filter(None, (result["location"], result["note"])))
        text = f"  {result['criterion_code']}: {outcome}"
        return f"{text} — {details}" if details else text

    def _outcome_word(self, outcome: str) -> str:
        words = {"pass": self.tr("pass"), "fail": self.tr("fail"),
                 "na": self.tr("not applicable")}
        return words.get(outcome, outcome)

    def _kind_word(self, kind: str) -> str:
        words = {"site": self.tr("Site"), "profile": self.tr("Profile"),
                 "assignment": self.tr("Assignment"), "certificate": self.tr("Certificate"),
                 "authority": self.tr("Office authority"),
                 "edition": self.tr("Checklist edition")}
        return words.get(kind, kind)


def _plain(value: object) -> str:
    """A field's value as text: nested values as compact JSON."""
    if value is None or isinstance(value, str | int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _marked_html(lines: list[str], other: set[str]) -> str:
    """The lines as HTML, those not in the other version highlighted."""
    rows = []
    for line in lines:
        text = html.escape(line).replace("  ", "&nbsp;&nbsp;")
        style = DIFFERENT_STYLE if line not in other else ""
        rows.append(f"<div style='{style}'>{text}</div>")
    return "".join(rows)
