"""A canary for the Qt binding: returning None from a Python item model must not leak refs.

PySide6 6.12.0 dropped a reference to None each time C++ called a Python
``data()`` that returned None; on Python 3.11 (None is not immortal) the
interpreter then aborted at exit. requirements.txt holds PySide6 below 6.12;
this test says when an upgrade brings such a bug back.
"""

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class _Empty(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else 10

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_python_model_data_returning_none_keeps_nones_refcount(qapp):
    model = _Empty()
    index = model.index(1, 1)
    before = sys.getrefcount(None)
    for _ in range(500):
        index.data()
    assert sys.getrefcount(None) - before > -50
