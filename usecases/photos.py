"""Use cases about evidence photos: adding, annotating, the copies printed and shown."""

from __future__ import annotations

from pathlib import Path

from model.errors import PhotoRefusedError
from model.inspections import evidence
from model.people.profiles import Role
from model.photos import media, photos
from model.progress import Progress
from usecases.desk import Desk


class PhotoDesk(Desk):
    """Evidence photos of inspections: ingest (on the session's workers), copies, previews."""

    def of(self, inspection_id: str,
           criterion_code: str | None = None) -> list[evidence.PhotoRecord]:
        """The evidence photos of an inspection or one of its criteria."""
        return evidence.photos_for(self.store, inspection_id, criterion_code)

    def add(self, inspection_id: str, files: list[Path], criterion_code: str | None = None,
            progress: Progress | None = None) -> list[photos.IngestOutcome]:
        """Add photo files or folders as evidence; one outcome (stored, refused …) per file."""
        return photos.ingest(self.store, inspection_id, files, self._signed_in(), criterion_code,
                             progress, self.session.workers)

    def make_previews(self, progress: Progress | None = None) -> int:
        """Make the missing 1600 px previews (after an import, in the background) and, on an
        auditor's laptop, the stamped copies his notices print of those photos."""
        user = self.session.user
        return photos.make_missing_previews(self.store, progress, self.session.workers,
                                            print_copies=user is not None
                                            and user.role == Role.AUDITOR)

    def detach(self, photo_id: str) -> None:
        """Remove a photo from its finding (the original stays while anything refers to it)."""
        photos.detach(self.store, photo_id, self._signed_in())

    def annotate(self, photo_id: str, annotations: list) -> list:
        """Replace a photo's annotations (arrows, circles, rectangles, text)."""
        return photos.set_annotations(self.store, photo_id, annotations, self._signed_in())

    def copy(self, photo_id: str, stamp: bool = True) -> Path:
        """An upright copy with annotations and, if asked, the time/place stamp."""
        return photos.rendered_copy(self.store, photo_id, stamp)

    def set_stamp_template(self, template: str) -> None:
        """Set the watermark template drawn on photo copies (office only)."""
        photos.set_stamp_template(self.store, template, self._office())

    def preview(self, photo_id: str) -> Path:
        """The upright 1600 px preview of a photo, with nothing drawn on it."""
        return photos.preview_of(self.store, photo_id)

    def thumbnail(self, photo: evidence.PhotoRecord) -> Path:
        """The path of a photo's thumbnail (remade if the cache was deleted)."""
        try:
            return photos.thumbnail_of(self.store, photo.sha256)
        except PhotoRefusedError:
            return media.thumbnail_path(self.store, photo.sha256)  # original unreadable: none

    def original(self, photo: evidence.PhotoRecord) -> Path:
        """The path of a photo's original in the media store."""
        return media.original_path(self.store, photo.sha256)

    def imported_hashes(self) -> set[str]:
        """The hashes of every stored original (to offer only new photos from a card)."""
        return media.stored_hashes(self.store)

    @staticmethod
    def file_digest(path: Path) -> str:
        """The sha256 of a file (to tell which card photos were imported before)."""
        return media.sha256_of(Path(path))
