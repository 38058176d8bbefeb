"""The photo stamp's setting: its key and the default template (fields {time} {site} {gps}
{auditor} {hash}).

Apart from :mod:`model.photos.photos`, which draws the stamp, so that the office's
settings can name it without loading Pillow.
"""

STAMP_SETTING = "photo_stamp_template"
DEFAULT_STAMP = "{time}  {site}\n{gps}  {auditor}  #{hash}"
