"""The store: the one SQLite file, its schema and migrations, record ids, the clock and the
office's time zone, the hash-chained audit log, and safe file writing.
"""
