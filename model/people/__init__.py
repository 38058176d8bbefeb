"""People and what they may do: profiles and passwords, signing keys sealed at rest, the
office's certificate authority, certificates with their roles, revocation, drawn signatures.
"""
