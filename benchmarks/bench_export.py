#!/usr/bin/env python3
"""`nj export json` and `nj import json` on a large journal, as whole processes.

    python benchmarks/bench_export.py [--db /tmp/bench10k.db] [--runs R]

The journal is made once by ``benchmarks/make_journal.py`` (10,000 people,
200,000 interactions); this script only reads it, after copying it with
SQLite's backup API into a temporary folder. For each run it measures, in
fresh processes, the wall time, the CPU time (user + system) and the peak
memory (maximum resident set size, from ``os.wait4``) of:

1. ``nj export json`` to a pipe (the output is read and counted, not kept);
2. ``nj export json -o FILE`` (the safe-writing path);
3. ``nj import json FILE`` into a new journal (one transaction).

Targets (issue 10): the export at most 3 s and 100 MB; the import parses the
document once and never holds it twice. On a loaded machine the wall time
grows while the CPU time does not: both are printed.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """(wall s, cpu s, peak MB, bytes on stdout) of ``nj ARGS`` in a new process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "netjournal", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    size = 0
    while chunk := proc.stdout.read(1 << 20):
        size += len(chunk)
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed: nj {' '.join(args)}\n{err.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/bench10k.db", help="made by make_journal.py")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    source = Path(args.db)
    if not source.exists():
        raise SystemExit(
            f"{source} does not exist: python benchmarks/make_journal.py {source} "
            "--people 10000 --interactions 200000"
        )
    env = {**os.environ, "NETJOURNAL_TODAY": "2026-11-28"}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "journal.db"
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src:
            dst = sqlite3.connect(db)
            src.backup(dst)
            dst.close()
        results: dict[str, list[tuple[float, float, float, int]]] = {}
        for n in range(args.runs):
            doc = Path(tmp) / f"journal{n}.json"
            results.setdefault("export json | (pipe)", []).append(
                measure(["export", "json", "--db", str(db)], env)
            )
            results.setdefault("export json -o FILE", []).append(
                measure(["export", "json", "--db", str(db), "-o", str(doc)], env)
            )
            into = Path(tmp) / f"copy{n}.db"
            results.setdefault("import json (new journal)", []).append(
                measure(["import", "json", str(doc), "--db", str(into), "-q"], env)
            )
        size = results["export json | (pipe)"][0][3] / 1e6
        print(f"{source}: JSON document of {size:.1f} MB; {args.runs} runs, medians")
        for label, rows in results.items():
            wall, cpu, peak = (statistics.median(r[i] for r in rows) for i in range(3))
            print(f"  {label:<28} {wall:5.2f} s wall  {cpu:5.2f} s cpu  {peak:6.0f} MB peak")


if __name__ == "__main__":
    main()
