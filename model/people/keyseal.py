"""Private keys sealed at rest with their owner's passphrase, as dear to guess as the password.

A stolen laptop's database holds each profile's password hash and its signing key, both
locked with the same password. The key must then cost a guesser at least as much per try
as the hash does, or the key becomes the cheaper way in. So a key is sealed with scrypt at
exactly the password hash's parameters (``model.people.profiles``), fresh salt, and AES-256-GCM
over the key's unencrypted PKCS#8 DER. The sealed block is PEM-style text whose body is the
base64 of canonical JSON naming the KDF and its parameters, so parameters can be read back
and raised later without guessing what an old blob used.

Blobs written before this module (PKCS#8 PEM under PBKDF2-SHA256 with 2,048 iterations,
cryptography's ``BestAvailableEncryption``) still unseal; :func:`is_legacy` tells the
caller to seal them again (``model.people.key_store`` does so at the first unlock).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from model.errors import ValidationError, WrongPassphraseError
from model.people.profiles import SCRYPT_N, SCRYPT_P, SCRYPT_R

BEGIN = b"-----BEGIN CIVICAUDIT SEALED KEY-----"
END = b"-----END CIVICAUDIT SEALED KEY-----"
LEGACY_BEGIN = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
KDF = "scrypt"
CIPHER = "aes-256-gcm"
SALT_BYTES, NONCE_BYTES, KEY_BYTES = 16, 12, 32
# scrypt needs 128 * n * r bytes; a blob asking for more than this was not written here
# (and would only exhaust memory), so it is refused as damaged.
MAX_SCRYPT_MEMORY = 2**30


def seal(private_key: PrivateKeyTypes, passphrase: str) -> bytes:
    """Return ``private_key`` sealed with ``passphrase`` (PEM-style text, newline-terminated)."""
    header = {"kdf": KDF, "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
              "salt": _b64(os.urandom(SALT_BYTES)), "cipher": CIPHER,
              "nonce": _b64(os.urandom(NONCE_BYTES))}
    der = private_key.private_bytes(serialization.Encoding.DER,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    ciphertext = AESGCM(_derive(passphrase, header)).encrypt(
        _unb64(header["nonce"]), der, _canonical(header))
    body = base64.encodebytes(_canonical({**header, "ciphertext": _b64(ciphertext)}))
    return BEGIN + b"\n" + body + END + b"\n"


def unseal(sealed: bytes, passphrase: str, what: str) -> PrivateKeyTypes:
    """Return the private key in ``sealed`` (sealed here, or legacy PKCS#8).

    ``what`` names the key in the message of a wrong passphrase ("the signing key of 李明").
    """
    sealed = bytes(sealed)
    if is_legacy(sealed):
        return _unseal_legacy(sealed, passphrase, what)
    record = parameters(sealed, what)
    header = {k: v for k, v in record.items() if k != "ciphertext"}
    try:
        der = AESGCM(_derive(passphrase, header)).decrypt(
            _unb64(header["nonce"]), _unb64(record["ciphertext"]), _canonical(header))
    except InvalidTag:
        raise _wrong(what) from None
    return serialization.load_der_private_key(der, password=None)


def is_legacy(sealed: bytes) -> bool:
    """Return True for a PKCS#8 blob from before sealing (PBKDF2, cheap to guess)."""
    return bytes(sealed).lstrip().startswith(LEGACY_BEGIN)


def parameters(sealed: bytes, what: str = "this key") -> dict:
    """Return what a sealed block says of itself (kdf, n, r, p, salt, nonce, ciphertext…).

    A block that cannot be read, or whose KDF is weaker than the password hash's, is
    refused: a weaker one would make the key the cheaper thing to guess.
    """
    _, begin, rest = bytes(sealed).partition(BEGIN)
    body, end, _ = rest.partition(END)
    try:
        if not (begin and end):
            raise ValueError("no sealed block")
        record = json.loads(base64.decodebytes(body))
        n, r, p = (int(record[k]) for k in ("n", "r", "p"))
        if record["kdf"] != KDF or record["cipher"] != CIPHER or n & (n - 1):
            raise ValueError("unknown algorithm")
        for field in ("salt", "nonce", "ciphertext"):
            _unb64(record[field])
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise ValidationError(f"The stored copy of {what} is damaged and cannot be read.") from None
    if n < SCRYPT_N or r < SCRYPT_R or p < SCRYPT_P:
        raise ValidationError(
            f"The stored copy of {what} is protected more weakly than passwords are "
            f"(scrypt n={n}, r={r}, p={p}); it was not written by CivicAudit and is refused.")
    if 128 * n * r > MAX_SCRYPT_MEMORY:
        raise ValidationError(f"The stored copy of {what} is damaged and cannot be read.")
    return record


def _unseal_legacy(sealed: bytes, passphrase: str, what: str) -> PrivateKeyTypes:
    try:
        return serialization.load_pem_private_key(sealed, passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        # ValueError: wrong passphrase; TypeError: an empty one.
        raise _wrong(what) from None


def _derive(passphrase: str, header: dict) -> bytes:
    n, r, p = header["n"], header["r"], header["p"]
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=_unb64(header["salt"]), n=n, r=r,
                          p=p, maxmem=256 * n * r, dklen=KEY_BYTES)


def _wrong(what: str) -> WrongPassphraseError:
    return WrongPassphraseError(
        f"The passphrase for {what} is wrong. Type it again (letters are case-sensitive).")


def _canonical(record: dict) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":")).encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)
