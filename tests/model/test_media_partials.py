"""Temporary files a killed import leaves in the media folder are swept by the next one."""

from __future__ import annotations

import os
import time

from model.photos import media


def test_stale_temporary_previews_are_swept_and_fresh_ones_kept(services):
    # a photo worker writes each preview as ".NAME.jpg.RANDOM.part" beside it, then renames
    previews = media.preview_path(services.store, "ab" * 32).parent
    previews.mkdir(parents=True)
    stale, fresh = previews / ".abab.jpg.x1.part", previews / ".cdcd.jpg.x2.part"
    whole = previews / f"{'ab' * 32}.jpg"
    for path in (stale, fresh, whole):
        path.write_bytes(b"x")
    old = time.time() - media.STALE_PARTIAL_SECONDS - 10
    os.utime(stale, (old, old))
    os.utime(whole, (old, old))
    assert media.clean_partials(services.store) == 1
    assert not stale.exists() and fresh.exists() and whole.exists()
