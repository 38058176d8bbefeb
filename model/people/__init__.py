"""People and what they may do: profiles and passwords, signing keys sealed at rest, the
office's certificate authority, certificates with their roles, revocation, drawn signatures.

Keys and certificates, from the bottom up: ``keyseal`` (sealing one key with a passphrase),
``certificates`` (what a certificate says: role, holder, serial; the roster), ``key_store``
(the sealed keys on this computer, unlocked and sealed again), ``authority`` (the office's
certificate authority: create, trust, issue), ``keys`` (a profile's key pair, request,
installed certificate, signing credential) and ``revocation`` (revoking, the office's CRL).
"""
