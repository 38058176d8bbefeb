"""Errors typed by blame.

Everything derived from :class:`UserFacingError` is something the person at the
keyboard can fix (a bad CSV row, a wrong password, a full disk). The CLI and the
GUI turn these into one clear message; anything else is a bug and goes to the
crash handler.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message is meant for the user, with what to do about it."""


class InputFileError(UserFacingError):
    """A file given to an importer is unreadable or malformed.

    ``line`` is the 1-based physical line in the file where the problem is,
    or ``None`` when the problem concerns the whole file.
    """

    def __init__(self, path, problem: str, line: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {problem}. Nothing from this file was stored.")

    def __reduce__(self):
        # Rebuilt from its fields when it comes back from a worker process.
        return (type(self), (self.path, self.problem, self.line))


class ValidationError(UserFacingError):
    """A value given to a use case is not acceptable (empty name, bad outcome)."""


class NotFoundError(UserFacingError):
    """A record named by the user does not exist."""


class AuthenticationError(UserFacingError):
    """Login refused. The message never says whether the user or the password was wrong."""


class PasswordChangeRequiredError(AuthenticationError):
    """Signed in with a password shorter than today's minimum: it must be changed first."""


class PermissionDeniedError(UserFacingError):
    """The signed-in profile's role may not do this."""


class LockedError(UserFacingError):
    """The record is locked (a finished inspection) and must be reopened first."""


class StoreError(UserFacingError):
    """The data directory or database cannot be used as it is."""


class DatabaseTooNewError(StoreError):
    """The database was written by a newer CivicAudit than this one."""


class StorageFullError(StoreError):
    """The disk holding the data directory is full."""


class ReadOnlyStoreError(StoreError):
    """The data directory or database file cannot be written."""


class PhotoRefusedError(UserFacingError):
    """A file offered as a photo cannot be used; ``reason`` says why in plain words.

    ``kind`` names the reason for a user interface that words it itself: empty,
    folder, disappeared, unreadable, not_a_photo, damaged, too_large,
    heic_unsupported or changed (and, on ingest outcomes only, missing).
    """

    def __init__(self, path, reason: str, kind: str = "unreadable"):
        self.path = str(path)
        self.reason = reason
        self.kind = kind
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self):
        # Ingest raises this in worker processes; the default pickling would call
        # __init__ with the message alone.
        return type(self), (self.path, self.reason, self.kind)


class OutputFileError(UserFacingError):
    """A file could not be written (disk full, folder missing, stick removed)."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}. No file was written.")

    def __reduce__(self):
        return (type(self), (self.path, self.problem))


class WrongPassphraseError(UserFacingError):
    """A private key (a profile's or the office's) will not unlock with the given passphrase."""


class NoCertificateError(UserFacingError):
    """The profile has no key pair or no installed certificate to sign with."""


class CertificateExpiredError(UserFacingError):
    """The signing certificate is outside its validity period (expired, or not yet valid)."""


class CertificateRevokedError(UserFacingError):
    """The office revoked the signing certificate."""


class CertificateHolderError(UserFacingError):
    """The signing certificate names someone else (another staff number) than the signer."""
