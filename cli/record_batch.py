"""CLI command ``inspections record-batch``: scripted entry of many results, one line each.

    printf 'ZCGD-01,pass\\nZCGD-06,fail,2\\n' | python main.py --user A07 \\
        inspections record-batch INSPECTION_ID

Each line ``CRITERION_CODE,OUTCOME[,INSTANCES]`` is recorded through the same use case
as a keypress in the inspection view (its own transaction and audit event), and only
once it is committed does the command print ``stored CODE OUTCOME INSTANCES`` and flush
standard output: a script (or a person watching) may take every printed line as stored,
whatever happens to the process next. A bad line is reported on standard error with its
line number and skipped; the batch goes on and the exit code is then 2.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cli.output import emit
from model.errors import InputFileError, NotFoundError, ValidationError

if TYPE_CHECKING:
    from usecases.services import Services

NEEDS_SIGN_IN = {("inspections", "record-batch")}
BATCH_HELP = ("record many results, one line CRITERION_CODE,OUTCOME[,INSTANCES] each (e.g. "
              "ZCGD-06,fail,2), from standard input or --from FILE; prints 'stored CODE OUTCOME "
              "INSTANCES' as soon as each is committed; a bad line is reported on standard "
              "error with its number and skipped, the rest go on, and the exit code is 2; "
              "blank lines and lines starting with # are ignored")


def add_parser(group) -> None:
    """Add ``record-batch`` to the ``inspections`` group."""
    batch = group.add_parser("record-batch", help=BATCH_HELP, description=BATCH_HELP)
    batch.add_argument("id", metavar="INSPECTION_ID")
    batch.add_argument("--from", dest="source", metavar="FILE", type=Path,
                       help="read the lines from this file (UTF-8) instead of standard input")


def parse_line(text: str) -> tuple[str, str, int | None]:
    """Split ``CODE,OUTCOME[,INSTANCES]`` into its fields, or raise :class:`ValidationError`."""
    fields = [field.strip() for field in text.split(",")]
    if len(fields) not in (2, 3) or not all(fields):
        raise ValidationError("expected CRITERION_CODE,OUTCOME[,INSTANCES], e.g. ZCGD-06,fail,2")
    instances = None
    if len(fields) == 3:
        try:
            instances = int(fields[2])
        except ValueError:
            raise ValidationError(f"instances must be a whole number, not '{fields[2]}'") from None
    return fields[0], fields[1].lower(), instances


@contextlib.contextmanager
def _lines(source: Path | None) -> Iterator[TextIO]:
    if source is None:
        yield sys.stdin
        return
    try:
        stream = open(source, encoding="utf-8-sig")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise InputFileError(source, f"cannot be read ({exc.strerror or exc})") from None
    with stream:
        yield stream


def _record_batch(args, services: Services) -> int:
    if not services.inspections.exists(args.id):  # else every line would say so
        raise NotFoundError(f"No inspection with id {args.id}.")
    stored = skipped = 0
    with _lines(args.source) as lines:
        for number, line in enumerate(lines, start=1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            try:
                code, outcome, instances = parse_line(text)
                change = services.inspections.record(args.id, code, outcome, instances)
            except (ValidationError, NotFoundError) as exc:
                skipped += 1
                sys.stderr.write(f"line {number}: {exc} (skipped)\n")
                sys.stderr.flush()
                continue
            stored += 1
            emit(f"stored {change.criterion_code} {change.new.outcome.value} "
                 f"{change.new.instances}")
            sys.stdout.flush()  # only now may the reader count this line as stored
    emit(f"done: {stored} stored, {skipped} skipped")
    return 2 if skipped else 0


HANDLERS = {("inspections", "record-batch"): _record_batch}
