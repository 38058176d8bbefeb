"""Use cases of bringing a laptop into an office by USB stick (see model.sync.enrolment):
the office prepares the stick and later issues the requests it finds there; a new laptop
reads the stick, has its fingerprint compared, and joins."""

from __future__ import annotations

from pathlib import Path

from model.people.profiles import Profile
from model.sync import enrolment
from model.sync.import_summary import ImportSummary
from usecases.desk import Desk


class EnrolmentDesk(Desk):
    """Preparing a stick and issuing its requests (office); joining an office (new laptop)."""

    def prepare(self, folder: Path, passphrase: str) -> tuple[Path, Path]:
        """Write the office's bundle and its authority's certificate onto the stick."""
        return enrolment.prepare(self.store, folder, self._office(), passphrase)

    def issue_requests(self, folder: Path, ca_passphrase: str) -> list[enrolment.Issued]:
        """Issue the auditors' certificate requests found on the stick (office only); the
        certificates go out with the next office bundle."""
        return enrolment.issue_requests(self.store, folder, ca_passphrase, self._office())

    def read(self, folder: Path) -> enrolment.Offer:
        """What the office left on the stick, verified; show its fingerprint to compare."""
        return enrolment.read_offer(folder)

    def join(self, offer: enrolment.Offer, staff_no: str, password: str,
             folder: Path) -> tuple[Profile, ImportSummary, Path]:
        """Join the office as ``staff_no`` with a new ``password`` (an empty laptop only),
        then sign in; return the profile, the import and the request written to the stick."""
        joined = enrolment.join(self.store, offer, staff_no, password, folder)
        self.session.login(joined[0].staff_no, password)
        return joined
