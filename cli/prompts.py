"""Passwords on the command line: from the environment, or asked on a terminal."""

from __future__ import annotations

import getpass
import os
import sys

from model.errors import AuthenticationError, ValidationError

NEW_PASSWORD_ENV = "CIVICAUDIT_NEW_PASSWORD"


def read_new_password(prompt: str, what: str) -> str:
    """A new password from $CIVICAUDIT_NEW_PASSWORD, or asked twice on a terminal."""
    new = os.environ.get(NEW_PASSWORD_ENV)
    if new is not None:
        return new
    if not sys.stdin.isatty():
        raise AuthenticationError(f"No terminal to ask for {what}; set {NEW_PASSWORD_ENV}.")
    new = getpass.getpass(prompt)
    if getpass.getpass("Again: ") != new:
        raise ValidationError("The two passwords are not the same; nothing changed.")
    return new
