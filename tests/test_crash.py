"""Writers killed (SIGKILL) at random moments leave a consistent journal.

Two kinds of victims:

* the installed ``nj met NAME --needs ... --can ...`` killed at a random moment of
  its life (start-up, opening, inside the transaction, printing);
* a Python process looping over core transactions (``people.met`` with five needs
  and five skills each), so that most kills land inside a transaction.

Afterwards ``PRAGMA integrity_check`` is ok, every command that reported success
is fully there, and every killed one is fully there or absent: never a person
without their needs, never needs without their person.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

NJ = shutil.which("nj")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

CLI_KILLS = 40
LOOP_KILLS = 25
PARTS = 5  # needs and skills per person in the loop writer


def _state(db: Path, name: str) -> tuple[int, int, int, int]:
    """(people, needs, skills, met interactions) recorded for ``name``."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT id FROM people WHERE name = ?", (name,)).fetchone()
        if row is None:
            needs = conn.execute(
                "SELECT count(*) FROM needs WHERE text LIKE ?", (f"need of {name} #%",)
            ).fetchone()[0]
            return (0, needs, 0, 0)
        pid = row[0]
        return (
            1,
            conn.execute("SELECT count(*) FROM needs WHERE person_id = ?", (pid,)).fetchone()[0],
            conn.execute(
                "SELECT count(*) FROM capabilities WHERE person_id = ?", (pid,)
            ).fetchone()[0],
            conn.execute(
                "SELECT count(*) FROM interactions WHERE person_id = ? AND kind = 'met'", (pid,)
            ).fetchone()[0],
        )
    finally:
        conn.close()


def _consistent(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


@pytest.mark.skipif(NJ is None, reason="the nj console script is not installed")
def test_nj_met_killed_at_random_moments(tmp_path: Path) -> None:
    seed = int(os.environ.get("NETJOURNAL_CRASH_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    db = tmp_path / "crash.db"
    env = {
        **os.environ,
        "NETJOURNAL_DB": str(db),
        "NETJOURNAL_TODAY": "2026-11-28",
        "NO_COLOR": "1",
    }
    from netjournal.db.journal import open_journal  # reads no longer create it (issue 11 #9)

    open_journal(db).close()
    # How long does one command take here? Kill across that whole span.
    t0 = time.monotonic()
    subprocess.run(
        [NJ or "nj", "met", "Warm Up", "--needs", "need of Warm Up", "--can", "x"],
        env=env,
        check=True,
        capture_output=True,
    )
    span = max(time.monotonic() - t0, 0.05) * 1.2
    note = "a long note " * 800
    succeeded: list[str] = []
    killed: list[str] = []
    n = 0
    while len(killed) < CLI_KILLS and n < CLI_KILLS * 6:
        batch = []
        for _ in range(2):  # two at once: one of them is often waiting for the lock
            name = f"Victim {n}"
            n += 1
            args = [
                NJ or "nj",
                "met",
                name,
                "--at",
                "Crash Party",
                "--note",
                note,
                "--tag",
                "crash",
            ]
            for k in range(3):
                args += ["--needs", f"need of {name} #{k}", "--can", f"skill of {name} #{k}"]
            batch.append(
                (
                    name,
                    subprocess.Popen(
                        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                    ),
                    rng.uniform(0.0, span),
                )
            )
        start = time.monotonic()
        for name, proc, delay in sorted(batch, key=lambda b: b[2]):
            time.sleep(max(0.0, start + delay - time.monotonic()))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate(timeout=60)
            if proc.returncode == -signal.SIGKILL:
                killed.append(name)
            else:
                assert proc.returncode == 0, err
                assert out.startswith(f"Added {name} #"), out
                succeeded.append(name)
    assert len(killed) >= CLI_KILLS, f"only {len(killed)} kills landed (seed {seed})"
    _consistent(db)
    present = 0
    for name in succeeded:
        assert _state(db, name) == (1, 3, 3, 1), (name, seed)
    for name in killed:
        state = _state(db, name)
        assert state in ((1, 3, 3, 1), (0, 0, 0, 0)), (name, state, seed)
        present += state[0]
    check = subprocess.run([NJ or "nj", "db", "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    after = subprocess.run(
        [NJ or "nj", "met", "After The Storm", "-q"], env=env, capture_output=True, text=True
    )
    assert after.returncode == 0, after.stderr
    print(
        f"\nCRASH (nj met): {len(killed)} kills survived ({present} had committed, "
        f"{len(killed) - present} left no trace), {len(succeeded)} finished first; "
        f"integrity ok; 0 half-written (seed {seed})"
    )


LOOP = r"""
import sys
from datetime import date
from netjournal.core import people
from netjournal.db.journal import open_journal
db, tag, parts = sys.argv[1], sys.argv[2], int(sys.argv[3])
journal = open_journal(db)
i = 0
while True:
    name = f"{tag} {i}"
    with journal.write() as conn:
        people.met(conn, today=date(2026, 11, 28), name=name, on=date(2026, 11, 28),
                   at="Loop", note="x" * 2000,
                   needs=[f"need of {name} #{k}" for k in range(parts)],
                   can=[f"skill of {name} #{k}" for k in range(parts)])
    print(i, flush=True)
    i += 1
"""


def test_core_transactions_killed_midway(tmp_path: Path) -> None:
    seed = int(os.environ.get("NETJOURNAL_CRASH_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    db = tmp_path / "loop.db"
    from netjournal.db.journal import open_journal

    open_journal(db).close()
    committed_total = in_flight_present = 0
    for round_no in range(LOOP_KILLS):
        tag = f"Loop{round_no}"
        proc = subprocess.Popen(
            [sys.executable, "-c", LOOP, str(db), tag, str(PARTS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Wait for the first commit, then kill at a random moment after it.
        first = proc.stdout.readline() if proc.stdout else ""
        assert first.strip() == "0", proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        out, _err = proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL
        done = [0] + [int(x) for x in out.split()]
        last = max(done)
        committed_total += len(done)
        full = (1, PARTS, PARTS, 1)
        for i in done:  # reported as committed: all of it is there
            assert _state(db, f"{tag} {i}") == full, (tag, i, seed)
        in_flight = _state(db, f"{tag} {last + 1}")  # killed: all or nothing
        assert in_flight in (full, (0, 0, 0, 0)), (tag, last + 1, in_flight, seed)
        in_flight_present += in_flight[0]
        assert _state(db, f"{tag} {last + 2}") == (0, 0, 0, 0)
    _consistent(db)
    print(
        f"\nCRASH (core loop): {LOOP_KILLS} kills survived, {committed_total} reported "
        f"transactions all present, {in_flight_present} in-flight ones committed just "
        f"before the kill, 0 half-written (seed {seed})"
    )
