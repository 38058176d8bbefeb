"""Use cases about keys and certificates: the office's authority, laptops' credentials."""

from __future__ import annotations

from model.people import authority, certificates, keys, revocation
from usecases.desk import Desk


class CredentialDesk(Desk):
    """The office's authority (init, issue, revoke, CRL) and a profile's own key pair."""

    def init_authority(self, name: str | None, passphrase: str) -> authority.Authority:
        """Create the office's certificate authority, its key locked with ``passphrase``."""
        user = self._office()
        return authority.init_authority(self.store, name or user.organisation or user.name,
                                        passphrase, user)

    def set_up_office(self, name: str | None, passphrase: str) -> authority.Authority:
        """A new office in one step: its authority, and its own office-role certificate, with
        which it signs its bundles and receipts (all locked with ``passphrase``)."""
        made = self.init_authority(name, passphrase)
        chain = self.issue(self.request(passphrase), "the office's own key", passphrase,
                           role="office")
        self.install(chain, "the office's own certificate")
        return made

    def issue(self, csr_pem: bytes, source: str, ca_passphrase: str, days: int = 730,
              role: str = "auditor") -> bytes:
        """Issue a certificate for a request, granting ``role`` ("auditor" or "office");
        return the PEM chain to hand over."""
        return authority.issue_certificate(self.store, csr_pem, source, ca_passphrase,
                                           self._office(), days, role)

    def trusted_authority(self) -> authority.Authority | None:
        """The office authority this computer trusts (set at enrolment), if any."""
        trusted = authority.trusted_authorities(self.store)
        return trusted[0] if trusted else None

    def revoke(self, serial: str, reason: str, ca_passphrase: str) -> None:
        """Revoke a certificate the office issued and sign a fresh revocation list."""
        revocation.revoke(self.store, serial, reason, ca_passphrase, self._office())

    def revocation_list(self, ca_passphrase: str, renew: bool = False) -> bytes:
        """The office's revocation list (CRL, DER): the one stored here, or, when there is
        none yet or ``renew`` is True, a fresh one signed with the office authority."""
        current = revocation.current_crl(self.store)
        if current is None or renew:
            return revocation.make_crl(self.store, ca_passphrase, self._office())
        return current

    def authority_certificate(self) -> bytes:
        """The office authority's certificate (PEM)."""
        return authority.export_authority_cert(self.store)

    def roster(self) -> list[dict]:
        """Every certificate the office issued, revoked ones marked."""
        return certificates.roster(self.store)

    def request(self, passphrase: str) -> bytes:
        """Make the signed-in profile's key pair; return the certificate request (PEM)."""
        return keys.request_key(self.store, self._signed_in(), passphrase)

    def install(self, chain_pem: bytes, source: str) -> str:
        """Install the certificate the office issued; return its serial."""
        return keys.install_certificate(self.store, self._signed_in(), chain_pem, source)

    def status(self) -> str:
        """"none", "requested" or "installed" for the signed-in profile."""
        return keys.credential_status(self.store, self._signed_in())
