"""Exports printed on a terminal never send the journal's control characters to it.

A name imported from someone else's vCard may carry escape codes. Written to a
pipe or a file, an export keeps every byte (it is data); printed on a real
terminal (a pseudo-terminal here), the codes are shown as ``\\x1b``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

NJ_BIN = shutil.which("nj") or str(Path(sys.executable).with_name("nj"))
FORMATS = [["export", "csv"], ["export", "vcard"], ["export", "json"], ["graph", "--format", "dot"]]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        NETJOURNAL_TODAY="2026-11-28",
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        TERM="xterm",
    )
    env.pop("NETJOURNAL_DB", None)
    return env


@pytest.fixture
def poisoned(tmp_path: Path) -> Path:
    db = tmp_path / "j.db"
    for args in (["met", "Ann Lee", "-q"], ["met", "Bob", "-q"], ["intro", "add", "1", "2"]):
        subprocess.run([NJ_BIN, "--db", str(db), *args], env=_env(tmp_path), check=True)
    with sqlite3.connect(db) as conn:  # as another program (or an old import) left it
        conn.execute("UPDATE people SET name = ? WHERE id = 1", ("Ann \x1b[2J\x1b]0;pwned\x07Lee",))
    return db


@pytest.mark.parametrize("args", FORMATS, ids=lambda a: "-".join(a))
def test_on_a_terminal_control_characters_are_shown_not_obeyed(
    poisoned: Path, tmp_path: Path, args: list[str]
) -> None:
    child = pexpect.spawn(NJ_BIN, [*args, "--db", str(poisoned)], env=_env(tmp_path), timeout=20)
    child.expect(pexpect.EOF)
    screen = bytes(child.before)
    assert b"\x1b" not in screen and b"\x07" not in screen
    # JSON has its own escapes, the map drops control characters; the other
    # formats show them as \x1b.
    shown = {"json": b"\\u001b[2J", "--format": b"Ann [2J"}.get(args[1], b"\\x1b[2J")
    assert shown in screen


@pytest.mark.parametrize("args", FORMATS[:2], ids=lambda a: "-".join(a))
def test_in_a_pipe_every_byte_is_kept(poisoned: Path, tmp_path: Path, args: list[str]) -> None:
    out = subprocess.run(
        [NJ_BIN, *args, "--db", str(poisoned)], env=_env(tmp_path), capture_output=True
    )
    assert out.returncode == 0
    assert b"Ann \x1b[2J\x1b]0" in out.stdout and b"pwned\x07Lee" in out.stdout
