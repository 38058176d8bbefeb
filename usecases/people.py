"""Use cases about people: the profiles on this computer and their drawn signatures."""

from __future__ import annotations

from model.people import profiles
from model.people.profiles import Profile, Role
from usecases.desk import Desk


class PeopleDesk(Desk):
    """Profiles (the login picker, the office's roster) and drawn signatures."""

    def all(self) -> list[Profile]:
        """Every profile (for the login picker)."""
        return profiles.all_profiles(self.store)

    def create(self, name: str, staff_no: str, role: Role | str, password: str,
               organisation: str = "") -> Profile:
        """Create a profile: anyone may create the first, later only the office."""
        if profiles.all_profiles(self.store):
            self._office()
        user = self.session.user
        return profiles.create(self.store, name, staff_no, Role(role), password, organisation,
                               user.id if user else None)

    def auditors(self) -> list[Profile]:
        """The auditor profiles (whom the office plans checks and re-inspections for)."""
        return sorted((p for p in profiles.all_profiles(self.store) if not p.is_office),
                      key=lambda p: p.staff_no)

    def set_signature(self, png: bytes) -> None:
        """Keep the signed-in profile's drawn signature."""
        from model.people import handwriting  # Pillow: only where signatures are drawn

        handwriting.set_signature(self.store, self._signed_in(), png)

    def signature(self) -> bytes | None:
        """The signed-in profile's drawn signature, if drawn."""
        from model.people import handwriting

        return handwriting.signature_of(self.store, self._signed_in().id)
