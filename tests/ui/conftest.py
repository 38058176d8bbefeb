"""UI fixtures: one QApplication with our font and Chinese translations installed."""

import pytest

from ui.app import create_application


@pytest.fixture(scope="session")
def qapp():
    """pytest-qt's QApplication, set up as the program sets it up (Chinese by default)."""
    return create_application("zh_CN")
