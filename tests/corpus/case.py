"""One corpus case: a hostile or broken file, the command that imports it, and what must happen.

A :class:`Spec` declares a case without making anything (its name is known at once, so a
test can be parametrized by it); :func:`tests.corpus.make_corpus.build` makes each file
from the world and returns the full :class:`Case`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.corpus.world import World


@dataclass(frozen=True)
class Spec:
    """A case before its file exists: ``make(path, world)`` writes the file."""

    name: str  # also the file's name
    importer: str  # sites, checklist, photos, bundle, pdf
    describe: str
    reasons: tuple[str, ...]
    make: Callable[[Path, World], object]
    accepted: bool = False
    changes_store: bool = False
    on_laptop: bool = False  # bundles: imported on the laptop (as A07), not at the office


def data(produce: Callable[[World], bytes]) -> Callable[[Path, World], None]:
    """A ``make`` for a file whose bytes are computed (from the world, if need be)."""
    return lambda path, world: path.write_bytes(produce(world))


def static(produce: Callable[[], bytes]) -> Callable[[Path, World], None]:
    """A ``make`` for a file whose bytes need nothing from the world."""
    return lambda path, world: path.write_bytes(produce())


@dataclass(frozen=True)
class Case:
    """A file fed to one importer through the CLI.

    ``args`` follow ``main.py --data-dir DIR`` and are complete (absolute file paths);
    ``store`` is the prepared data directory a fresh copy of which the command runs on.
    ``reasons``: words the output must contain besides the file's name. ``accepted``
    cases are taken by the importer on purpose (documented); ``changes_store`` says
    whether an accepted case adds something to the store.
    """

    name: str
    importer: str
    file: Path
    args: tuple[str, ...]
    store: Path
    reasons: tuple[str, ...]
    describe: str
    accepted: bool = False
    changes_store: bool = False
