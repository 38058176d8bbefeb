"""The session the GUI and the CLI work in: the open store, who signed in, and the desks.

A :class:`Services` opens one data directory, signs a profile in and hands out one
desk per domain (``services.inspections.record(…)``, ``services.notices.issue(…)``,
``services.office.standings(…)``): the use cases, each in its module of this package.
Desks are made on first use, so a command that needs one domain loads only its code.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from model.checklist import checklist
from model.errors import AuthenticationError, PasswordChangeRequiredError, PermissionDeniedError
from model.notices import notices
from model.people import profiles
from model.people.profiles import Profile
from model.photos.workers import PixelWorkers
from model.store import db, timezone

if TYPE_CHECKING:
    from usecases.checklists import ChecklistDesk
    from usecases.credentials import CredentialDesk
    from usecases.demo import DemoDesk
    from usecases.drafts import DraftDesk
    from usecases.enrolment import EnrolmentDesk
    from usecases.inspections import InspectionDesk
    from usecases.notices import NoticeDesk
    from usecases.office import OfficeDesk
    from usecases.people import PeopleDesk
    from usecases.photos import PhotoDesk
    from usecases.planning import PlanningDesk
    from usecases.sites import SiteDesk
    from usecases.sync import SyncDesk


class Services:
    """One data directory open for one signed-in profile, with the desks of its use cases."""

    def __init__(self, store: db.Store, workers: PixelWorkers | None = None):
        self.store = store
        self.user: Profile | None = None
        # Signed in with a password shorter than today's minimum: every use case waits for
        # change_password (the screens and the CLI ask for it right after signing in).
        self.must_change_password = False
        self._owns_workers = workers is None
        self.workers = workers or PixelWorkers()  # started on first use, or by warm_workers()

    @classmethod
    def open(cls, data_dir: Path) -> Services:
        """Open (creating or migrating) the store in ``data_dir`` and load shipped checklists."""
        store = db.open_store(Path(data_dir))
        checklist.ensure_shipped(store)
        notices.void_stale(store)  # numbers taken by an issue that died midway stay taken
        timezone.adopt(store)
        return cls(store)

    @classmethod
    def open_as(cls, data_dir: Path, profile: Profile,
                workers: PixelWorkers | None = None) -> Services:
        """Open a second connection acting as an already signed-in profile (for worker threads),
        sharing the session's photo workers when given."""
        services = cls(db.open_store(Path(data_dir)), workers)
        timezone.adopt(services.store)
        services.user = profiles.get(services.store, profile.id)
        return services

    def acting_as(self, profile: Profile, workers: PixelWorkers) -> Services:
        """The same open store acting as ``profile`` without asking its password, with
        ``workers`` for its photos: for the demo, whose profiles are its own."""
        acting = type(self)(self.store, workers)
        acting.user = profile
        return acting

    def close(self) -> None:
        """Close the store and stop the photo workers this object started."""
        self.store.close()
        if self._owns_workers:
            self.workers.close()

    def warm_workers(self) -> None:
        """Start the photo worker processes now, so the first import does not wait for them."""
        self.workers.warm()

    # -- who is working ----------------------------------------------------

    def login(self, who: str, password: str) -> Profile:
        """Sign in by staff number or name; see :attr:`must_change_password` afterwards.

        Keys still sealed the old, cheap way that the password unlocks are sealed again.
        """
        from model.people import key_store, unlocked  # cryptography: once someone signs in

        unlocked.forget_all()  # a key held for whoever signed in before is not this user's
        self.user = profiles.authenticate(self.store, who, password)
        self.must_change_password = profiles.must_change(password)
        key_store.reseal_legacy_keys(self.store, self.user, password)
        return self.user

    def locked(self) -> None:
        """The screen is locked: forget the signing keys held unsealed for the next notice."""
        from model.people import unlocked

        unlocked.forget_all()

    def change_password(self, old: str, new: str) -> None:
        """Change the signed-in profile's password (and its keys' passphrase) from ``old``."""
        if self.user is None:
            raise AuthenticationError("Sign in first (--user and a password).")
        from model.people import passwords  # cryptography, to seal the keys again

        passwords.change_password(self.store, self.user, old, new)
        self.must_change_password = False

    def check_password(self, password: str) -> bool:
        """True when ``password`` is the signed-in profile's (to unlock the screen)."""
        user = self.require_user()
        try:
            profiles.authenticate(self.store, user.staff_no, password)
        except AuthenticationError:
            return False
        return True

    def last_user(self) -> str | None:
        """The staff number of the last profile that signed in."""
        return profiles.last_user(self.store)

    def require_user(self) -> Profile:
        """The signed-in profile; refused before signing in or while a password must change."""
        if self.user is None:
            raise AuthenticationError("Sign in first (--user and a password).")
        if self.must_change_password:
            raise PasswordChangeRequiredError(
                f"Your password is shorter than {profiles.MIN_PASSWORD_LENGTH} characters; "
                "choose a new one before doing anything else.")
        return self.user

    def require_office(self) -> Profile:
        """The signed-in profile when it is the office's; refused otherwise."""
        user = self.require_user()
        if not user.is_office:
            raise PermissionDeniedError("Only an office profile may do this.")
        return user

    # -- the desks, one per domain (made on first use) -------------------------

    @cached_property
    def people(self) -> PeopleDesk:
        """Profiles and drawn signatures."""
        from usecases.people import PeopleDesk

        return PeopleDesk(self)

    @cached_property
    def checklists(self) -> ChecklistDesk:
        """Checklist editions."""
        from usecases.checklists import ChecklistDesk

        return ChecklistDesk(self)

    @cached_property
    def sites(self) -> SiteDesk:
        """The site list."""
        from usecases.sites import SiteDesk

        return SiteDesk(self)

    @cached_property
    def inspections(self) -> InspectionDesk:
        """Inspections: marking, finishing, reading."""
        from usecases.inspections import InspectionDesk

        return InspectionDesk(self)

    @cached_property
    def drafts(self) -> DraftDesk:
        """Text being typed, kept until it is stored."""
        from usecases.drafts import DraftDesk

        return DraftDesk(self)

    @cached_property
    def photos(self) -> PhotoDesk:
        """Evidence photos."""
        from usecases.photos import PhotoDesk

        return PhotoDesk(self)

    @cached_property
    def credentials(self) -> CredentialDesk:
        """The office's authority and this profile's key and certificate."""
        from usecases.credentials import CredentialDesk

        return CredentialDesk(self)

    @cached_property
    def notices(self) -> NoticeDesk:
        """Rectification notices: drafting, issuing, checking, following up."""
        from usecases.notices import NoticeDesk

        return NoticeDesk(self)

    @cached_property
    def planning(self) -> PlanningDesk:
        """The month's plan of checks."""
        from usecases.planning import PlanningDesk

        return PlanningDesk(self)

    @cached_property
    def sync(self) -> SyncDesk:
        """The USB exchange."""
        from usecases.sync import SyncDesk

        return SyncDesk(self)

    @cached_property
    def office(self) -> OfficeDesk:
        """The office's figures, rankings, negative list, bulletins and settings."""
        from usecases.office import OfficeDesk

        return OfficeDesk(self)

    @cached_property
    def enrolment(self) -> EnrolmentDesk:
        """Bringing laptops into the office by USB stick."""
        from usecases.enrolment import EnrolmentDesk

        return EnrolmentDesk(self)

    @cached_property
    def demo(self) -> DemoDesk:
        """The demo city."""
        from usecases.demo import DemoDesk

        return DemoDesk(self)
