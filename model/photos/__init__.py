"""Evidence photos: originals kept byte for byte in a content-addressed store, EXIF, oriented
previews and thumbnails made by worker processes.
"""
