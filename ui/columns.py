"""Columns and filter boxes as wide as their words, in either language and in the sunlight
mode's large text.

Widths given in pixels cut titles and values as soon as a word was longer in the other
language ("Not st…", "This …") or the text larger. Here a short column takes the width of
its title and of its values; a long text column keeps a width given in characters (``em``:
one Chinese character), never narrower than its title; and one column may take the width
left over, again never narrower than its title or its given width: below that the view
scrolls sideways. (Qt's own Stretch mode squeezes a column down to nothing on a small
screen, and its stretched last section keeps the width it had before the model was filled,
which cut "Responsible unit".)
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyleOptionComboBox,
    QTreeView,
    QWidget,
)
from shiboken6 import isValid

EM = "中"  # a full-width character: what the Chinese texts are made of
# Measuring every row of a long list takes tens of milliseconds: after rows are added or a row
# changes (opening an inspection reveals its site's page and marks it current), the columns
# are fitted once the changes stop for this long, not inside the switch the user waits for.
REFIT_AFTER_EDITS_MS = 250
_REFIT = (QEvent.Type.FontChange, QEvent.Type.StyleChange)


def em(widget: QWidget, count: float) -> int:
    """The width of ``count`` Chinese characters in ``widget``'s font, in pixels."""
    return round(widget.fontMetrics().horizontalAdvance(EM) * count)


def header_of(view: QAbstractItemView) -> QHeaderView:
    """The header above the columns of a tree or table view."""
    return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()


class ColumnFit(QObject):
    """Keeps the columns of ``view`` wide enough for their words (see the module).

    ``widths`` gives long text columns their width in ``em``; ``stretch`` names the column
    that takes the spare width (at least its own ``widths`` entry). Every other column is
    as wide as its title and values. Made once the view has its model (the modes are set on
    the model's columns).
    """

    def __init__(self, view: QAbstractItemView, stretch: int | None = None,
                 widths: Mapping[int, float] | None = None):
        super().__init__(view)
        self._view, self._stretch = view, stretch
        self._widths = dict(widths or {})
        self._fitting = False
        header = header_of(view)
        header.setStretchLastSection(False)
        # Sized here, once per change of the rows, rather than by Qt's ResizeToContents,
        # which measured every row again on each change (140 ms of a 0.28 s window start).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._viewport = view.viewport()
        view.installEventFilter(self)
        self._viewport.installEventFilter(self)
        header.sectionResized.connect(self._on_header_section_resized)
        header.sectionCountChanged.connect(self.fit)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self.fit)
        self._settled = QTimer(self)
        self._settled.setSingleShot(True)
        self._settled.setInterval(REFIT_AFTER_EDITS_MS)
        self._settled.timeout.connect(self.fit)
        model = view.model()
        for changed in (model.modelReset, model.layoutChanged):
            changed.connect(self._pending.start)  # many changes in a row: one fit after them
        for changed in (model.rowsInserted, model.dataChanged):
            changed.connect(self._settled.start)  # rows revealed, a row's rates: once it settles
        self.fit()

    def fit(self, *_args) -> None:
        """Size the short columns to their words, give the long text columns their width
        and the stretching one what is left."""
        if not isValid(self._view):
            return
        header = header_of(self._view)
        for column in range(header.count()):
            if column in self._widths and column != self._stretch:
                header.resizeSection(column, self._least(column, self._widths[column]))
            elif column not in self._widths and column != self._stretch:
                header.resizeSection(column, max(header.sectionSizeHint(column),
                                                 self._view.sizeHintForColumn(column)))
        self._stretch_column()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isValid(self._view):  # being deleted: its viewport goes first
            return False
        if watched is self._view and event.type() in _REFIT:
            self.fit()  # the sunlight mode's larger text: larger characters, larger titles
        elif watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._stretch_column()
        return False

    def _least(self, column: int, count: float) -> int:
        return max(em(self._view, count), header_of(self._view).sectionSizeHint(column))

    def _stretch_column(self) -> None:
        header, column = header_of(self._view), self._stretch
        if column is None or column >= header.count() or self._fitting:
            return
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != column and not header.isSectionHidden(c))
        width = max(self._viewport.width() - others,
                    self._least(column, self._widths.get(column, 0)))
        if width != header.sectionSize(column):
            self._fitting = True  # (resizing it reports a resized section)
            try:
                header.resizeSection(column, width)
            finally:
                self._fitting = False

    def _on_header_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != self._stretch:  # a value grew or the user dragged a column
            self._stretch_column()


def fit_columns(view: QAbstractItemView, stretch: int | None = None,
                widths: Mapping[int, float] | None = None) -> ColumnFit:
    """Keep ``view``'s columns wide enough for their words (see :class:`ColumnFit`)."""
    return ColumnFit(view, stretch, widths)


class FilterBox(QComboBox):
    """A filter's drop-down list: always as wide as its first item ("All districts"), which is
    what it shows until a value is chosen, but no wider for its longer values (a long site
    type would widen the window past a small screen; the open list shows them whole)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(1)

    def sizeHint(self) -> QSize:
        return super().sizeHint().expandedTo(self._first_item_size())

    def minimumSizeHint(self) -> QSize:
        return super().minimumSizeHint().expandedTo(self._first_item_size())

    def _first_item_size(self) -> QSize:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        text = QSize(metrics.horizontalAdvance(self.itemText(0)) if self.count() else 0,
                     metrics.height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, self)

