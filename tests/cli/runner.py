"""Running ``main.py`` as a user runs it: a real process, its exit code and its output."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(data_dir, *args, password=None, new_password=None):
    """Run ``main.py ARGS`` on ``data_dir``, the password (if any) and a new profile's or
    password's (if any) from the environment."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("CIVICAUDIT_PASSWORD", "CIVICAUDIT_NEW_PASSWORD")}
    env["CIVICAUDIT_DATA_DIR"] = str(data_dir)
    if password is not None:
        env["CIVICAUDIT_PASSWORD"] = password
    if new_password is not None:
        env["CIVICAUDIT_NEW_PASSWORD"] = new_password
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
