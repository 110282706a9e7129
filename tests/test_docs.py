"""Docs cannot drift: every console example's output is what the program prints,
and every command appears in the docs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.test_help import all_command_paths

ROOT = Path(__file__).resolve().parent.parent


def test_console_examples_match_the_program() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "build.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, (
        f"{result.stdout}{result.stderr}\nRun: python docs/build.py  (and review the diff)"
    )


def test_every_command_is_documented() -> None:
    docs = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    missing = [
        " ".join(path)
        for path in all_command_paths()
        if path and f"nj {' '.join(path)}" not in docs
    ]
    assert missing == []
