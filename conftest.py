"""Test-wide setup: Qt runs offscreen (without a display Qt would abort the process)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
