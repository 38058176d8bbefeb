"""Running ``main.py`` as a user runs it: a real process, its exit code and its output."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(data_dir, *args, password=None):
    """Run ``main.py ARGS`` on ``data_dir``, the password (if any) from the environment."""
    env = {k: v for k, v in os.environ.items() if k != "CIVICAUDIT_PASSWORD"}
    env["CIVICAUDIT_DATA_DIR"] = str(data_dir)
    if password is not None:
        env["CIVICAUDIT_PASSWORD"] = password
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
