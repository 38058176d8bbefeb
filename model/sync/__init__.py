"""USB sync: the signed bundle container, what goes in and out, versions and merging, receipts,
who may send what, and the audit-chain heads others hold.

The bundle container: bundle_format (the file format, its limits, the manifest's form, the
shared types), bundle_write (writing a signed bundle, verified by reading it back),
bundle_verify (the checks a bundle must pass before anything in it is used) and bundle_open
(opening a verified bundle and reading its entries); bundle_content checks what it carries.
Moving records: sync_device (this installation: device id, status, removals, conflicts),
sync_export, sync_import (verify, then merge in one transaction) and sync_receipts (the
office's receipts, and pruning what they acknowledge); sync_records, sync_versions and
sync_batch (records, versions and merging), sync_trust (who may send what), sync_chain,
sync_holds (what the laptops hold of the office's bundles, so it sends only what they lack).
"""
