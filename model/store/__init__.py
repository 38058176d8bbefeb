"""The store: the one SQLite file, its schema and migrations, record ids, the clock and the
office's time zone, the hash-chained audit log, and safe file writing.

``db`` opens the file and applies the steps ``migrations`` lists in order; the steps
themselves are in ``schema_v01`` (1 to 5) and ``schema_v06`` (6 on).
"""
