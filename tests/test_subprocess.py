"""The installed ``nj`` command as a whole process: entry points and concurrent writers."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

NJ = shutil.which("nj")
pytestmark = pytest.mark.skipif(NJ is None, reason="the nj console script is not installed")


def run(
    *args: str, db: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "NETJOURNAL_TODAY": "2026-11-28",
        "NETJOURNAL_DB": str(db),
        **(env or {}),
    }
    return subprocess.run(
        [NJ or "nj", *args], capture_output=True, text=True, env=full_env, timeout=120
    )


def test_installed_nj_met_and_show(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    result = run("met", "Ann Lee", "--at", "Mixer", "--needs", "a notary", db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Added Ann Lee #1, met on 2026-11-28 at Mixer (needs #1)\n"
    shown = run("person", "show", "ann", db=db)
    assert "Ann Lee" in shown.stdout and "a notary" in shown.stdout
    assert "\x1b[" not in shown.stdout  # no colour in a pipe


def test_python_dash_m_and_netjournal_alias(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    env = {**os.environ, "NETJOURNAL_DB": str(db)}
    out = subprocess.run(
        [sys.executable, "-m", "netjournal", "--version"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert out.stdout.startswith("netjournal ")
    alias = shutil.which("netjournal")
    assert alias is not None
    assert subprocess.run(
        [alias, "db", "path"], capture_output=True, text=True, env=env, check=True
    ).stdout.strip() == str(db)


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    result = run("log", "Nobody", "hello", db=db)
    assert result.returncode == 1
    assert result.stderr.startswith("Error:") and len(result.stderr.splitlines()) == 1
    usage = run("met", "--no-such-flag", db=db)
    assert usage.returncode == 2
    assert usage.stderr.startswith("Error:") and "Traceback" not in usage.stderr


def test_two_processes_writing_at_once_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    script = (
        "import subprocess, sys\n"
        "for i in range(25):\n"
        "    r = subprocess.run([sys.argv[1], 'met', f'{sys.argv[2]} {i}', '--needs', 'x', '-q'],"
        " capture_output=True, text=True)\n"
        "    if r.returncode: print(r.stderr); sys.exit(1)\n"
    )
    env = {**os.environ, "NETJOURNAL_DB": str(db), "NETJOURNAL_TODAY": "2026-11-28"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, NJ or "nj", who],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("Alpha", "Beta")
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 50
    assert conn.execute("SELECT count(*) FROM needs").fetchone()[0] == 50
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_first_run_race_creates_one_journal(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "j.db"
    env = {**os.environ, "NETJOURNAL_DB": str(db), "NETJOURNAL_TODAY": "2026-11-28"}
    procs = [
        subprocess.Popen(
            [NJ or "nj", "met", f"P{i}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], results
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 4
    assert [p.name for p in db.parent.iterdir() if p.name.startswith(".netjournal-new")] == []


def test_ambiguous_name_prompts_on_a_terminal(tmp_path: Path) -> None:
    import pty
    import time

    db = tmp_path / "j.db"
    run("met", "Ann Lee", db=db)
    run("met", "Anna Wu", db=db)
    leader, follower = pty.openpty()
    env = {**os.environ, "NETJOURNAL_TODAY": "2026-11-28", "NETJOURNAL_DB": str(db)}
    proc = subprocess.Popen(
        [NJ or "nj", "log", "ann", "phoned", "--kind", "call"],
        env=env,
        stdin=follower,
        stderr=follower,
        stdout=subprocess.PIPE,
        text=True,
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 30
    while b"Which one" not in seen and time.monotonic() < deadline:
        seen += os.read(leader, 1024)
    assert b"Anna Wu" in seen
    os.write(leader, b"2\n")
    out, _ = proc.communicate(timeout=30)
    os.close(leader)
    assert proc.returncode == 0
    assert "with Anna Wu #2" in out


def test_a_write_on_a_terminal_is_styled_without_importing_rich(tmp_path: Path) -> None:
    """On a terminal the one line of ``nj log`` is bold where Rich would make it
    bold, and Rich is never imported for it (start-up stays light)."""
    pexpect = pytest.importorskip("pexpect")
    db = tmp_path / "j.db"
    env = {
        **os.environ,
        "NETJOURNAL_DB": str(db),
        "NETJOURNAL_TODAY": "2026-11-28",
        "TERM": "xterm-256color",
    }
    env.pop("NO_COLOR", None)
    subprocess.run([sys.executable, "-m", "netjournal", "met", "Ann Lee", "-q"], env=env)
    probe = (
        "import sys\n"
        "sys.argv = ['nj', 'log', 'Ann', 'hello', '--on', '2026-01-02']\n"
        "from netjournal.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('rich imported:', any(m.startswith('rich') for m in sys.modules))\n"
    )
    child = pexpect.spawn(sys.executable, ["-c", probe], env=env, timeout=30)
    child.expect(pexpect.EOF)
    screen = bytes(child.before)
    assert b"with \x1b[1mAnn Lee\x1b[0m #1 on 2026-01-02" in screen
    assert b"rich imported: False" in screen
    env["NO_COLOR"] = "1"  # bold is no colour: Rich keeps it too
    child = pexpect.spawn(sys.executable, ["-c", probe], env=env, timeout=30)
    child.expect(pexpect.EOF)
    assert b"\x1b[1mAnn Lee\x1b[0m" in bytes(child.before)
