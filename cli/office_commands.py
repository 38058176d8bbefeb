"""CLI command ``office``: the office's own settings (for now its time zone).

    python main.py office time-zone                       # show it
    python main.py --user O01 office set-time-zone Asia/Urumqi

Every time a notice, sheet or screen prints is in the office's zone; the zone goes out
to the laptops in the next office bundle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cli.output import emit, emit_json
from model.store import clock

if TYPE_CHECKING:
    from usecases.services import Services

NEEDS_SIGN_IN = {("office", "set-time-zone")}


def add_parsers(commands, json_flag) -> None:
    """Add ``office`` to the main parser."""
    group = commands.add_parser("office", help="the office's settings").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    json_flag(group.add_parser("time-zone", help="show the office's time zone (every printed "
                                                 "and shown time is in it)"))
    setting = group.add_parser("set-time-zone", help="set the office's time zone (office only; "
                                                     "laptops take it from the office bundle)")
    setting.add_argument("zone", metavar="ZONE", help="an IANA name, e.g. Asia/Shanghai")


def _time_zone(args, services: Services) -> None:
    name = services.office.zone()
    now = clock.office_moment(clock.now())
    if args.json:
        return emit_json({"time_zone": name, "now": now.isoformat()})
    emit(f"Office time zone: {name} (now {now:%Y-%m-%d %H:%M %z})")


def _set_time_zone(args, services: Services) -> None:
    name = services.office.set_zone(args.zone)
    emit(f"Office time zone set to {name}; laptops take it from the next office bundle.")


HANDLERS = {
    ("office", "time-zone"): _time_zone,
    ("office", "set-time-zone"): _set_time_zone,
}
