"""pyHanko without its network clients: the program signs and checks notices offline.

``pyhanko.sign``'s package start imports its HTTP time-stamp client and, through AdES
validation, pyhanko-certvalidator's HTTP fetchers of certificates, CRLs and OCSP answers;
both import aiohttp: 0.15 s of every process that signs or checks a notice, a third of
pyHanko's import. CivicAudit calls neither: its signatures carry the signing time and no
time-stamp token, and checking uses the trust roots and revocations of the local store.

:func:`prepare` puts a stand-in for each of those two modules in its place before pyHanko
is imported. A stand-in has the module's public names; making a client from one raises, so
a change that starts to need the network fails at once and by name rather than quietly
reaching for it.
"""

from __future__ import annotations

import sys
import types

# pyHanko's module: the names other pyHanko modules import from it
STANDS_IN_FOR = {
    "pyhanko.sign.timestamps.aiohttp_client": ("HTTPTimeStamper", "AIOHttpTimeStamper"),
    "pyhanko_certvalidator.fetchers.aiohttp_fetchers": ("AIOHttpFetcherBackend",),
}


class OfflineClient:
    """What the stand-ins offer in place of pyHanko's network clients: it cannot be made."""

    def __init__(self, *args, **kwargs):
        raise RuntimeError("CivicAudit works offline: it fetches no time-stamps, certificates "
                           "or revocations over the network (reports.pyhanko_offline stands "
                           "in for pyHanko's HTTP clients)")


def prepare() -> None:
    """Register the stand-ins, unless pyHanko's signing package is loaded already (then the
    real clients came with it, and there is nothing left to save)."""
    if "pyhanko.sign" in sys.modules:
        return
    for module, names in STANDS_IN_FOR.items():
        if module in sys.modules:
            continue
        stand_in = types.ModuleType(module, "CivicAudit's offline stand-in (no network).")
        for name in names:
            setattr(stand_in, name, OfflineClient)
        stand_in.__all__ = list(names)
        sys.modules[module] = stand_in
