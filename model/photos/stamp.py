"""The photo stamp's setting: its key and the default template (fields {time} {site} {gps}
{auditor} {hash}), and the words of its {time} field, which the photo's captions share.

Apart from :mod:`model.photos.photos`, which draws the stamp, so that the office's
settings can name it without loading Pillow.
"""

from model.store import clock

STAMP_SETTING = "photo_stamp_template"
DEFAULT_STAMP = "{time}  {site}\n{gps}  {auditor}  #{hash}"
UNKNOWN_TIME = "拍摄时间不详（导入于 {imported}）"


def capture_time_text(taken_at: str | None, imported_at: str) -> str:
    """When a photo was taken, as its stamp and captions print it (office's zone).

    A photo without a capture time (a screenshot, a file stripped of EXIF) says so and
    gives the time it was imported instead, so that the import time on official evidence
    is never read as the moment the photo was taken.
    """
    if taken_at:
        return clock.office_text(taken_at)
    return UNKNOWN_TIME.format(imported=clock.office_text(imported_at))
