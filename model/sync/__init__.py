"""USB sync: the signed bundle container, what goes in and out, versions and merging, receipts,
who may send what, and the audit-chain heads others hold.
"""
