"""Dialogs and overlays of the main window: first run, sign-in, screen lock, settings and more."""
