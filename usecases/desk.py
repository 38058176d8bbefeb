"""What every desk shares: the session it belongs to and who may act."""

from __future__ import annotations

from typing import Protocol

from model.people.profiles import Profile
from model.photos.workers import PixelWorkers
from model.store.db import Store


class Session(Protocol):
    """What a desk needs of its session (:class:`usecases.services.Services` is one): the
    open store, who is signed in, the photo workers, and the checks of who may act."""

    store: Store
    user: Profile | None
    workers: PixelWorkers

    def require_user(self) -> Profile:
        """The signed-in profile; refuses when nobody is."""

    def require_office(self) -> Profile:
        """The signed-in profile when it has the office role; refuses otherwise."""

    def login(self, who: str, password: str) -> Profile:
        """Sign in by staff number or name."""

    def acting_as(self, profile: Profile, workers: PixelWorkers) -> Session:
        """The same store acting as ``profile`` (the demo's own profiles)."""


class Desk:
    """A group of use cases of one domain, acting for the session's signed-in profile."""

    def __init__(self, session: Session):
        self.session = session

    @property
    def store(self) -> Store:
        """The session's open store."""
        return self.session.store

    def _signed_in(self) -> Profile:
        return self.session.require_user()

    def _office(self) -> Profile:
        return self.session.require_office()
