"""CivicAudit's composition root: arguments, logging, crash handling, then the GUI or a command.

``python main.py`` starts the GUI; ``python main.py COMMAND …`` runs a command
(``--help`` lists them). Exit codes: 0 done, 1 a check failed (audit verify),
2 a problem the user can fix (the message says what), 70 a bug (see the log).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import multiprocessing
import os
import sys
import tempfile
import traceback
from pathlib import Path

# The program never uses numpy, and the frozen build leaves it out (build.spec). Libraries that
# take it when it is there (sqlite-utils, openpyxl) do without it, so from source too: that
# is the shipped program, and every command starts ~0.15 s sooner.
sys.modules.setdefault("numpy", None)

from model import paths  # noqa: E402
from model.appinfo import APP_NAME, VERSION  # noqa: E402
from model.errors import UserFacingError  # noqa: E402

EXIT_OK, EXIT_USER_ERROR, EXIT_BUG = 0, 2, 70
log = logging.getLogger("civicaudit")


def setup_logging(data_dir: Path, verbose: bool) -> Path | None:
    """Log to a rotating file in the data directory; return its path (None when unwritable)."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    root.addHandler(console)
    log_file = data_dir / "logs" / "civicaudit.log"
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return log_file


def report_bug(log_file: Path | None) -> int:
    """Log the current exception in full and tell the user where the report is."""
    log.critical("unexpected error in %s %s\n%s", APP_NAME, VERSION, traceback.format_exc())
    where = f"; the details are in {log_file}" if log_file else ""
    sys.stderr.write(f"{APP_NAME} hit an unexpected error and stopped{where}. "
                     "Please send that file to support.\n")
    return EXIT_BUG


def run_command(args) -> int:
    """Open the store and run one CLI command."""
    from cli import commands
    from usecases.services import Services

    services = Services.open(paths.data_dir(args.data_dir))
    try:
        return commands.run(args, services)
    finally:
        services.close()


def run_gui(args) -> int:
    """Start the Qt application (imported only now, so commands start fast)."""
    from ui.app import run

    return run(args)


def run_screenshots(args) -> int:
    """Render the main screens to PNG files without a display."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.screenshots import render_screens

    for path in render_screens(Path(args.screenshot), args.lang or "zh_CN"):
        sys.stdout.write(f"{path}\n")
    return EXIT_OK


def run_self_test(args) -> int:
    """Check this installation end to end in an empty data directory; 0 only if all worked."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from cli import self_test
    from ui import self_test as gui_self_test

    if args.data_dir:
        root = Path(args.data_dir) / "self-test"
    else:  # never inside the user's own data
        root = Path(tempfile.mkdtemp(prefix="civicaudit-self-test-"))
    # the windowed Windows build has no console (sys.stdout is None): the report goes to a file
    with contextlib.ExitStack() as stack:
        out = sys.stdout or stack.enter_context(
            open(root.parent / "self-test.txt", "w", encoding="utf-8"))
        test = self_test.run(root, out)
        gui_self_test.run(test)
        verdict = "FAILED: " + ", ".join(test.failures) if test.failures else "passed"
        out.write(f"{APP_NAME} {VERSION} self-test {verdict}\n")
    return 1 if test.failures else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the GUI or a command; return the exit code."""
    from cli.parser import build_parser  # here, not at the top: photo workers re-run this file

    args = build_parser().parse_args(argv)
    log_file = setup_logging(paths.data_dir(args.data_dir), args.verbose)
    try:
        if args.screenshot:
            return run_screenshots(args)
        if args.self_test:
            return run_self_test(args)
        return run_command(args) if args.command else run_gui(args)
    except UserFacingError as exc:
        log.info("refused: %s", exc)
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        return EXIT_USER_ERROR
    except BrokenPipeError:  # the reader went away (`| head`): nothing is left to tell it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # for the exit's flush
        return EXIT_OK
    except Exception:  # the one place a bug is turned into a report
        return report_bug(log_file)


if __name__ == "__main__":
    multiprocessing.freeze_support()  # photo workers in the frozen build start through main
    sys.exit(main())
