"""Many processes writing one journal at once: nothing lost, nothing "database is locked".

8 worker processes each run 50 mixed write commands (``nj met`` with a need and a
skill, ``nj log``, ``nj need add``, ``nj offer add``) through the installed ``nj``
while another process runs ``nj review`` (or ``nj person list`` before review
existed) in a loop. Every command must exit 0 and every row must be there.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netjournal.cli import app

NJ = shutil.which("nj")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NJ is None, reason="the nj console script is not installed"),
]

WORKERS = 8
COMMANDS_EACH = 50


def _exists(*path: str) -> bool:
    import typer

    cmd = typer.main.get_command(app)
    for name in path:
        if not hasattr(cmd, "list_commands"):
            return False
        cmd = cmd.get_command(None, name)
        if cmd is None:
            return False
    return True


WORKER = r"""
import json, subprocess, sys
nj, worker, count, kinds, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(","), sys.argv[5]
results = []
met = []
for j in range(count):
    kind = "met" if not met else kinds[j % len(kinds)]
    if kind == "met":
        name = f"W{worker} P{j}"
        args = ["met", name, "--at", f"Event {worker}", "--needs", f"need {worker}-{j}",
                "--can", f"can {worker}-{j}", "-q"]
        met.append(name)
    elif kind == "log":
        args = ["log", met[j % len(met)], f"log {worker}-{j}", "--kind", "call", "-q"]
    elif kind == "need":
        args = ["need", "add", met[j % len(met)], f"extra need {worker}-{j}", "-q"]
    else:
        args = ["offer", "add", met[j % len(met)], f"offer {worker}-{j}", "-q"]
    r = subprocess.run([nj, *args], capture_output=True, text=True)
    results.append({"kind": kind, "args": args, "rc": r.returncode, "stdout": r.stdout,
                    "stderr": r.stderr})
with open(out, "w") as f:
    json.dump(results, f)
"""

READER = r"""
import os, subprocess, sys
nj, stop, args = sys.argv[1], sys.argv[2], sys.argv[3:]
runs = failures = 0
while not os.path.exists(stop):
    r = subprocess.run([nj, *args], capture_output=True, text=True)
    runs += 1
    if r.returncode != 0:
        failures += 1
        print(r.stderr.strip(), file=sys.stderr)
print(runs, failures)
"""


def test_eight_writers_and_a_reader_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    env = {
        **os.environ,
        "NETJOURNAL_DB": str(db),
        "NETJOURNAL_TODAY": "2026-11-28",
        "NO_COLOR": "1",
    }
    kinds = ["met", "log"]
    kinds += ["need"] if _exists("need", "add") else ["met"]
    kinds += ["offer"] if _exists("offer", "add") else ["log"]
    reader_args = ["review"] if _exists("review") else ["person", "list"]
    # Create the journal first (read commands no longer create one, issue 11 #9).
    from netjournal.db.journal import open_journal

    open_journal(db).close()

    stop = tmp_path / "stop"
    started = time.monotonic()
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, NJ or "nj", str(stop), *reader_args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                NJ or "nj",
                str(w),
                str(COMMANDS_EACH),
                ",".join(kinds),
                str(tmp_path / f"w{w}.json"),
            ],
            env=env,
        )
        for w in range(WORKERS)
    ]
    for proc in workers:
        assert proc.wait(timeout=600) == 0
    stop.touch()
    reader_out, reader_err = reader.communicate(timeout=120)
    elapsed = time.monotonic() - started

    results = [r for w in range(WORKERS) for r in json.loads((tmp_path / f"w{w}.json").read_text())]
    assert len(results) == WORKERS * COMMANDS_EACH
    failed = [r for r in results if r["rc"] != 0]
    assert not failed, failed[:5]
    assert not any("locked" in r["stderr"] or "busy" in r["stderr"] for r in results)
    reader_runs, reader_failures = map(int, reader_out.split())
    assert reader_failures == 0, reader_err
    assert reader_runs > 0

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        people = {r[0]: r[1] for r in conn.execute("SELECT name, id FROM people")}
        needs = {r[0] for r in conn.execute("SELECT text FROM needs")}
        skills = {r[0] for r in conn.execute("SELECT text FROM capabilities")}
        notes = {r[0] for r in conn.execute("SELECT note FROM interactions WHERE note IS NOT NULL")}
        offers = {r[0] for r in conn.execute("SELECT text FROM offers")}
        met_rows = conn.execute("SELECT count(*) FROM interactions WHERE kind = 'met'").fetchone()[
            0
        ]
    finally:
        conn.close()
    lost = []
    counts = {"met": 0, "log": 0, "need": 0, "offer": 0}
    for r in results:
        counts[r["kind"]] += 1
        args = r["args"]
        present = {
            "met": lambda a: a[1] in people and a[5] in needs and a[7] in skills,
            "log": lambda a: a[2] in notes,
            "need": lambda a: a[3] in needs,
            "offer": lambda a: a[3] in offers,
        }[r["kind"]](args)
        if not present:
            lost.append(args)
        # Every -q run printed exactly the new id.
        assert r["stdout"].strip().isdigit(), r
    assert not lost, lost[:5]
    assert met_rows == counts["met"] == len(people)
    print(
        f"\nCONCURRENCY: {len(results)} commands from {WORKERS} processes held "
        f"({counts}); {reader_runs} concurrent '{' '.join(reader_args)}' runs; "
        f"0 failures, 0 rows lost; {elapsed:.1f} s"
    )
