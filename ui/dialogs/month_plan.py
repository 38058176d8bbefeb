"""Planning the month's checks: pick or sample sites, share them out among auditors, save.

The first tab builds a plan: the month, districts and site types to pick from
(none ticked: all), optionally a random sample of N sites per type with a seed
(as mock assessments draw them), the candidate sites with ticks, the auditors,
and a preview of who checks which site, editable per row. Saving is the
office's. The second tab lists the month's saved plan; assignments can be removed
(those already sent out leave the laptops with the next office bundle).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from model.errors import UserFacingError
from model.office import planning
from model.store import clock
from ui import dates
from ui.columns import fit_columns
from ui.i18n import sentences
from ui.itemmodels.plan_model import CandidateModel, PlanLineModel, ShareModel
from ui.labels import in_ui_language, listed, named
from ui.screen_fit import ScrollingPart, resize_to_fit
from usecases.services import Services

LATE_IN_MONTH = 20  # after this day the office is planning next month


def default_month(today: dt.date) -> str:
    """The month a plan is most likely for: next month late in a month, else this one."""
    if today.day > LATE_IN_MONTH:
        today = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return f"{today.year:04d}-{today.month:02d}"


class AuditorDelegate(QStyledItemDelegate):
    """Edits the preview's auditor column with a combo box of the auditors."""

    def __init__(self, auditors: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.auditors = auditors  # (id, name)

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = QComboBox(parent)
        for auditor_id, name in self.auditors:
            editor.addItem(name, auditor_id)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MonthPlanDialog(QDialog):
    """The office's month planner; ``plan_saved`` tells the window its assignments changed."""

    plan_saved = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(self.tr("Plan the month"))
        resize_to_fit(self, 1280, 760)
        self._type_names = {c: in_ui_language(t.name_zh, t.name_en)
                            for c, t in services.checklists.site_types().items()}
        self.candidates = CandidateModel(self)
        self.share = ShareModel(self)
        self.lines = PlanLineModel(self)
        self.month = self._month_edit()
        self.districts, self.site_types = QListWidget(self), QListWidget(self)
        self.auditors = QListWidget(self)
        self.sample_check = QCheckBox(self.tr("&Sample"), self)
        self.sample_size, self.seed = QSpinBox(self), QSpinBox(self)
        self.sample_size.setRange(1, 999)
        self.sample_size.setValue(5)
        self.sample_size.setSuffix(self.tr(" per site type"))
        self.seed.setRange(0, 999_999)
        self.seed.setValue(1)
        self.seed.setToolTip(self.tr("The same number always draws the same sites: anyone can "
                                     "draw the sample again and check it."))
        self.candidate_note, self.share_note, self.outcome = (QLabel(self) for _ in range(3))
        # (columns: site, site type, district, sub-district, already planned, unit;
        # site, site type, district, sub-district, auditor; auditor, site, site type, …)
        self.candidate_table = self._table(self.candidates, stretch=5, widths={1: 10, 5: 8})
        self.share_table = self._table(self.share, stretch=4, widths={1: 10})
        self.line_table = self._table(self.lines, stretch=1, widths={2: 10})
        self.line_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.save_button = QPushButton(self.tr("&Save the plan"), self)
        # shown when some ticked sites already have another auditor this month: the clerk
        # chooses before saving (unticked: those sites are left out)
        self.taken_check = QCheckBox(self)
        self.taken_check.hide()
        self.remove_button = QPushButton(self.tr("&Remove selected"), self)
        self.plan_note = QLabel(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._new_plan_tab(), self.tr("New plan"))
        self.tabs.addTab(self._saved_tab(), self.tr("The month's plan"))
        QVBoxLayout(self).addWidget(self.tabs)
        self._fill_lists()
        self._connect()
        self.refresh()

    # -- building ---------------------------------------------------------------------------

    def _month_edit(self) -> QDateEdit:
        edit = dates.month_edit(self)
        edit.setDate(dates.qdate(default_month(
            dt.date.fromisoformat(clock.office_today())) + "-01"))
        edit.setCurrentSection(QDateEdit.Section.MonthSection)
        return edit

    def _table(self, model, stretch: int, widths: dict[int, float]) -> QTableView:
        """A table whose ``stretch`` column takes the spare width; a long site type is cut
        at ``widths`` (in characters), the other columns are as wide as their words."""
        table = QTableView(self)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        fit_columns(table, stretch, widths)
        return table

    def _new_plan_tab(self) -> QWidget:
        picks = QFormLayout()
        picks.addRow(self.tr("&Month"), self.month)
        sample = QHBoxLayout()
        for widget in (self.sample_check, self.sample_size, QLabel(self.tr("seed"), self),
                       self.seed):
            sample.addWidget(widget)
        picks.addRow(sample)
        left = QVBoxLayout()
        left.addLayout(picks)
        for title, widget in ((self.tr("Districts (none ticked: all)"), self.districts),
                              (self.tr("Site types (none ticked: all)"), self.site_types),
                              (self.tr("Auditors"), self.auditors)):
            left.addWidget(self._group(title, widget), 1)
        tick_all = QPushButton(self.tr("Tick &all"), self)
        tick_none = QPushButton(self.tr("Tick &none"), self)
        tick_all.clicked.connect(lambda: self.candidates.set_all(True))
        tick_none.clicked.connect(lambda: self.candidates.set_all(False))
        ticks = QHBoxLayout()
        ticks.addWidget(self.candidate_note, 1)
        ticks.addWidget(tick_all)
        ticks.addWidget(tick_none)
        self.candidate_note.setWordWrap(True)
        sites = QWidget(self)
        sites_layout = QVBoxLayout(sites)
        sites_layout.addWidget(QLabel(self.tr("Candidate sites"), self))
        sites_layout.addWidget(self.candidate_table, 1)
        sites_layout.addLayout(ticks)
        preview = QWidget(self)
        preview_layout = QVBoxLayout(preview)
        preview_layout.addWidget(QLabel(self.tr("Who checks which site (double-click an "
                                                "auditor to change it)"), self))
        preview_layout.addWidget(self.share_table, 1)
        preview_layout.addWidget(self.share_note)
        preview_layout.addWidget(self.taken_check)
        save_row = QHBoxLayout()
        save_row.addWidget(self.outcome, 1)
        save_row.addWidget(self.save_button)
        preview_layout.addLayout(save_row)
        self.outcome.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(sites)
        split.addWidget(preview)
        choices = QWidget(self)
        choices.setLayout(left)
        choices.layout().setContentsMargins(0, 0, 0, 0)
        tab = QWidget(self)
        layout = QHBoxLayout(tab)
        layout.addWidget(ScrollingPart(choices, self), 0)  # the large text needs more height
        layout.addWidget(split, 1)
        return tab

    def _saved_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.line_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.plan_note, 1)
        row.addWidget(self.remove_button)
        self.plan_note.setWordWrap(True)
        layout.addLayout(row)
        return tab

    def _group(self, title: str, widget: QWidget) -> QGroupBox:
        group = QGroupBox(title, self)
        QVBoxLayout(group).addWidget(widget)
        return group

    def _fill_lists(self) -> None:
        for district in sorted({s.district for s in self._services.planning.candidates()}):
            self._add_check(self.districts, district, district, False)
        for code, name in sorted(self._type_names.items()):
            self._add_check(self.site_types, named(name, code), code, False)
        people = sorted(self._services.people.auditors(), key=lambda p: p.staff_no)
        for profile in people:
            self._add_check(self.auditors, named(profile.name, profile.staff_no), profile.id,
                            True)
        self._names = {p.id: named(p.name, p.staff_no) for p in people}
        delegate = AuditorDelegate(list(self._names.items()), self.share_table)
        self.share_table.setItemDelegateForColumn(ShareModel.AUDITOR_COLUMN, delegate)

    @staticmethod
    def _add_check(widget: QListWidget, text: str, value: str, checked: bool) -> None:
        item = QListWidgetItem(text, widget)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _connect(self) -> None:
        self.month.dateChanged.connect(self._on_month_date_changed)
        self.districts.itemChanged.connect(self._reload_candidates)
        self.site_types.itemChanged.connect(self._reload_candidates)
        self.sample_check.toggled.connect(self._reload_candidates)
        self.sample_size.valueChanged.connect(self._reload_candidates)
        self.seed.valueChanged.connect(self._reload_candidates)
        self.auditors.itemChanged.connect(self._reshare)
        self.candidates.checks_changed.connect(self._reshare)
        self.share.dataChanged.connect(self._update_share_note)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.line_table.selectionModel().selectionChanged.connect(self._update_remove_button)
        office = bool(self._services.user and self._services.user.is_office)
        for button in (self.save_button, self.remove_button):
            button.setToolTip("" if office else self.tr("Only the office plans the month."))

    # -- state ------------------------------------------------------------------------------

    def month_text(self) -> str:
        """The chosen month, ``YYYY-MM``."""
        return dates.iso_month(self.month.date())

    def set_month(self, month: str) -> None:
        """Choose the month (``YYYY-MM``)."""
        self.month.setDate(dates.qdate(f"{month}-01"))

    def refresh(self) -> None:
        """Reload the candidates and the month's saved plan (the store may have changed)."""
        self._reload_candidates()
        self._reload_plan()

    def _on_month_date_changed(self, *_args) -> None:
        self.refresh()

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]

    def _reload_candidates(self, *_args) -> None:
        size = self.sample_size.value() if self.sample_check.isChecked() else None
        picked = self._services.planning.pick(tuple(self._checked(self.districts)),
                                              tuple(self._checked(self.site_types)),
                                              size, self.seed.value())
        found, short = picked.sites, picked.shortfalls
        note = self.tr("%n site(s) match.", "", len(found))
        if picked.sample is not None:
            note = self.tr("A sample of %n site(s) (%1 per site type, seed %2).", "",
                           len(found)).replace("%1", str(size)).replace(
                "%2", str(self.seed.value()))
            if short:
                note = sentences(note, self.tr("%1 site types have fewer sites than asked: "
                                               "all of theirs were taken.").replace(
                    "%1", str(len(short))))
        self.candidate_note.setText(note)
        self.candidate_note.setToolTip(listed(
            f"{self._type_names.get(t, t)} {n}" for t, n in short.items()) if short else "")
        planned: dict[str, list[str]] = {}
        for line in self._services.planning.month(self.month_text()):
            planned.setdefault(line.site.id, []).append(line.auditor.name)
        self.candidates.set_sites(found, {k: listed(v) for k, v in planned.items()},
                                  self._type_names)

    def _reshare(self, *_args) -> None:
        chosen = self.candidates.checked_sites()
        auditors = self._checked(self.auditors)
        shares = self._services.planning.share(chosen, auditors) if auditors else {}
        self.share.set_share(chosen, shares, self._names, self._type_names)
        self._update_share_note()

    def _update_share_note(self, *_args) -> None:
        counts = self.share.counts()
        if not self.share.rowCount():
            text = self.tr("Tick sites and auditors to see who checks what.")
        elif not counts:
            text = self.tr("Tick at least one auditor.")
        else:
            text = self.tr("%n site(s): %1", "", sum(counts.values())).replace(
                "%1", listed(f"{self._names[a]} {n}" for a, n in counts.items()))
        self.share_note.setText(text)
        office = bool(self._services.user and self._services.user.is_office)
        self.save_button.setEnabled(office and bool(counts))
        self._update_taken()

    def _taken(self) -> set[str]:
        """Ticked sites that another auditor already has this month."""
        pairs = self.share.pairs()
        return self._services.planning.held_by_others(self.month_text(), pairs) if pairs else set()

    def _update_taken(self) -> None:
        taken = self._taken()
        self.taken_check.setVisible(bool(taken))
        self.taken_check.setChecked(False)
        self.taken_check.setText(self.tr(
            "%1 of these sites already have another auditor this month. Tick to plan them "
            "as well (two auditors check them); left unticked, they are left out.").replace(
            "%1", str(len(taken))))

    # -- actions ----------------------------------------------------------------------------

    def _on_save_button_clicked(self) -> None:
        pairs = self.share.pairs()
        left_out = set() if self.taken_check.isChecked() else self._taken()
        try:
            summary = self._services.planning.save(
                self.month_text(), [(s, a) for s, a in pairs if s not in left_out])
        except UserFacingError as exc:
            self.outcome.setText(str(exc))
            return
        text = self.tr("Saved the plan for %1: %2 new assignments, %3 already planned. They go "
                       "out in the next office bundle.").replace("%1", summary.month).replace(
            "%2", str(summary.new)).replace("%3", str(summary.already_planned))
        if left_out:
            text = sentences(text, self.tr("%n site(s) another auditor already has was/were "
                                           "left out.", "", len(left_out)))
        if summary.with_other_auditor:
            text = sentences(text, self.tr("%n site(s) also has/have another auditor this month.",
                                     "", summary.with_other_auditor))
        self.outcome.setText(text)
        self.refresh()
        if summary.new:
            self.plan_saved.emit()

    def _reload_plan(self) -> None:
        found = self._services.planning.month(self.month_text())
        self.lines.set_lines(found, self._type_names)
        sent = sum(1 for line in found if line.sent)
        self.plan_note.setText(self.tr("%n assignment(s) in %1, %2 sent out. Removing a "
                                       "sent one takes it off the laptop with the next office "
                                       "bundle.", "", len(found))
                               .replace("%1", self.month_text()).replace("%2", str(sent)))
        self._update_remove_button()

    def _selected_lines(self) -> list[planning.PlanLine]:
        rows = self.line_table.selectionModel().selectedRows()
        return [self.lines.line_at(i.row()) for i in sorted(rows, key=lambda i: i.row())]

    def _update_remove_button(self, *_args) -> None:
        office = bool(self._services.user and self._services.user.is_office)
        self.remove_button.setEnabled(office and bool(self._selected_lines()))

    def _on_remove_button_clicked(self) -> None:
        chosen = [line.assignment_id for line in self._selected_lines()]
        summary = self._services.planning.remove(chosen)
        self._reload_plan()
        self._reload_candidates()
        text = self.tr("%n assignment(s) removed.", "", len(summary.removed))
        if summary.withdrawn:
            text = sentences(text, self.tr("%1 of them had been sent out: export the office "
                                           "bundle to take them off the laptops.").replace(
                "%1", str(len(summary.withdrawn))))
        self.plan_note.setText(text)
        if summary.removed:
            self.plan_saved.emit()
