"""CivicAudit's domain and store: everything that works without a screen.

Nothing in this package imports PySide6; the CLI, the GUI and the tests all
reach it through :mod:`usecases.services`.
"""
