"""Benchmark of guessing: what one wrong password costs against each secret a laptop stores.

Run from the repository root::

    python bench/bench_keys.py [--seconds S] [--rounds R] [--quick]

Every measurement is printed next to a baseline measured in the same run, with
their ratio. Not a pytest test; ``tests/test_bench_smoke.py`` only checks that
it still runs.

A stolen laptop's database holds, for each profile, the password hash and the
signing key locked with the same password. Whoever guesses attacks the cheaper
of the two, so the key must cost at least as much per guess as the hash:

1. Baseline: wrong passwords against the stored password hash
   (``profiles.check_password``, scrypt).
2. Wrong passphrases against the stored sealed signing key (``keyseal.unseal``).
   Target: guesses/s ≤ the baseline's (ratio ≤ 1).
3. For reference, wrong passphrases against the same key as stores held it before
   sealing (PKCS#8 under PBKDF2-SHA256, 2,048 iterations).

The three are measured in interleaved rounds of S seconds each, so a busy moment of
the machine falls on all of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

from cryptography.hazmat.primitives import serialization  # noqa: E402

from model.errors import WrongPassphraseError  # noqa: E402
from model.people import keyseal, profiles  # noqa: E402
from model.people.profiles import Role  # noqa: E402
from usecases.services import Services  # noqa: E402

PASSWORD = "bench-keys-pass"
PUBLIC_BEGIN = b"-----BEGIN PUBLIC KEY-----"
TARGET_RATIO = 1.0  # sealed-key guesses per password-hash guess


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def ratio(measured: float, baseline: float) -> float:
    return measured / baseline if baseline > 0 else float("inf")


def stored_secrets(folder: Path) -> tuple[str, bytes, bytes]:
    """A store with one auditor and a requested key: (password hash, sealed key, legacy key)."""
    services = Services.open(folder / "data")
    try:
        services.people.create("李明", "A07", Role.AUDITOR, PASSWORD, "督查一组")
        services.login("A07", PASSWORD)
        services.credentials.request(PASSWORD)
        password_hash, key_pem = services.store.db.execute(
            "SELECT p.password_hash, c.key_pem FROM profile p JOIN credential c"
            " ON c.profile_id = p.id").fetchone()
    finally:
        services.close()
    sealed = key_pem.partition(PUBLIC_BEGIN)[0]
    key = keyseal.unseal(sealed, PASSWORD, "the bench key")
    legacy = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.BestAvailableEncryption(PASSWORD.encode()))
    return password_hash, sealed, legacy


def against_hash(stored: str) -> Callable[[str], None]:
    def guess(candidate: str) -> None:
        assert not profiles.check_password(stored, candidate)
    return guess


def against_key(blob: bytes) -> Callable[[str], None]:
    def guess(candidate: str) -> None:
        try:
            keyseal.unseal(blob, candidate, "the bench key")
        except WrongPassphraseError:
            return
        raise AssertionError("a wrong passphrase unlocked the key")
    return guess


def guesses(guess: Callable[[str], None], seconds: float, start: int) -> tuple[int, float]:
    """Make wrong guesses for about ``seconds`` (at least 2); return (count, elapsed)."""
    count, t0 = 0, time.perf_counter()
    while count < 2 or time.perf_counter() - t0 < seconds:
        guess(f"wrong-guess-{start + count}")
        count += 1
    return count, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="per secret and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 round of 0.3 s")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds = 0.3, 1
    out("CivicAudit key guessing benchmark")
    out(f"scrypt n={profiles.SCRYPT_N}, r={profiles.SCRYPT_R}, p={profiles.SCRYPT_P}; minimum "
        f"password {profiles.MIN_PASSWORD_LENGTH} characters; keys sealed with {keyseal.KDF} "
        f"+ {keyseal.CIPHER}")
    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-keys-") as tmp:
        password_hash, sealed, legacy = stored_secrets(Path(tmp))
    secrets = {"hash": against_hash(password_hash), "sealed": against_key(sealed),
               "legacy": against_key(legacy)}
    totals = {name: [0, 0.0] for name in secrets}
    for round_no in range(args.rounds):
        for name, guess in secrets.items():
            count, elapsed = guesses(guess, args.seconds, round_no * 1_000_000)
            totals[name][0] += count
            totals[name][1] += elapsed
    rate = {name: count / elapsed for name, (count, elapsed) in totals.items()}
    out(f"1. password hash (baseline): {rate['hash']:.1f} guesses/s "
        f"({totals['hash'][0]} guesses)")
    out(f"2. sealed signing key: {rate['sealed']:.1f} guesses/s ({totals['sealed'][0]} "
        f"guesses; ratio to the hash {ratio(rate['sealed'], rate['hash']):.2f}×)")
    out(f"3. legacy PKCS#8 key (PBKDF2, before sealing): {rate['legacy']:.0f} guesses/s "
        f"({totals['legacy'][0]} guesses; ratio to the hash "
        f"{ratio(rate['legacy'], rate['hash']):.0f}×, to the sealed key "
        f"{ratio(rate['legacy'], rate['sealed']):.0f}×)")
    met = ratio(rate["sealed"], rate["hash"]) <= TARGET_RATIO * 1.1  # 10 %: timing noise
    out(f"summary: sealed-key guesses ≤ password-hash guesses: {'met' if met else 'NOT MET'} "
        f"({rate['sealed']:.1f} vs {rate['hash']:.1f} /s); the legacy format gave a guesser "
        f"{ratio(rate['legacy'], rate['hash']):.0f}× the hash's rate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
