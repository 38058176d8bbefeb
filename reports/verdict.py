"""What checking a notice PDF found: what ``notice verify`` prints and the verify dialog shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeVerdict:
    """One PDF checked against its signature, the trusted office authorities, the local records."""

    path: str
    is_notice: bool = False        # carries our notice metadata (number and fingerprint)
    kind: str = "notice"           # "notice", or "reinspection" for a re-inspection record
    signed: bool = False           # has a PAdES signature
    intact: bool = False           # the signed bytes are unchanged (digest and signature valid)
    covers_document: bool = False  # nothing was added after the signature
    trusted: bool = False          # the signer's certificate chains to a trusted office authority
    revoked: bool = False          # the signer's certificate was revoked
    signer: str = ""
    signer_staff_no: str = ""
    serial: str = ""
    signed_at: str = ""
    number: str = ""
    fingerprint: str = ""
    local_record: bool = False     # this store issued or knows the notice
    fingerprint_ok: bool | None = None  # matches the local record; None without one
    problems: tuple[str, ...] = ()  # sentences naming what is wrong, for the details
    signatures: int = 0            # how many signatures the file carries (every one is checked)
    as_written: bool = False       # no more signatures and revisions than CivicAudit writes
    expected_staff_no: str = ""    # the auditor the notice names (whose certificate must sign)
    signer_bound: bool | None = None  # every signer is that auditor; None when not applicable
    recorded_at: str = ""          # ISO: when this computer first recorded the notice
    revoked_at: str = ""           # ISO: when the signer's certificate was revoked, if it was

    @property
    def tampered(self) -> bool:
        """A signature is present but the document was changed after signing."""
        return self.signed and not (self.intact and self.covers_document)

    @property
    def valid(self) -> bool:
        """Authentic and unaltered: signed once, intact, by the notice's own auditor with a
        trusted certificate not revoked when this computer recorded the notice."""
        return (self.is_notice and self.signed and self.intact and self.covers_document
                and self.as_written and self.signer_bound is True and self.trusted
                and not self.revoked and self.fingerprint_ok is not False)

    @property
    def revoked_later(self) -> bool:
        """The certificate was revoked, but only after this computer recorded the notice."""
        return bool(self.revoked_at) and not self.revoked
