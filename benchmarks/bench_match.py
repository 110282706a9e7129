#!/usr/bin/env python3
"""nj match and nj search over a 10,000-person journal (issue 5: "well under a second").

Builds the journal with benchmarks/make_journal.py (10,000 people, 200,000
interactions), then times, alternated and as medians:

  match-one     the whole process `nj match NEED_ID --json`
  match-all     the whole process `nj match` over every open need (text and --json)
  search        the whole process `nj search "notaris bali" --json`
  floor         python -c "import typer, sqlite3" (the start-up every command pays)
  in-process    FtsMatcher.suggest for 50 open needs: a new matcher per need (what
                `nj match NEED` pays) and one matcher for all (what the review and
                `nj match` pay per need), and the refresh of one edited person

    python benchmarks/bench_match.py [--people 10000] [--runs 15] [--db PATH]

--db copies an existing journal (such as one made by make_journal.py) instead
of building one; the copy is written to (an edit, a reindex), never the original.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, help="copy this existing journal instead")
    args = parser.parse_args()
    nj = shutil.which("nj")
    if nj is None:
        sys.exit("nj is not installed (pip install -e .)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        start = time.perf_counter()
        if args.db is not None:
            import sqlite3

            source = sqlite3.connect(args.db)
            source.execute(f"VACUUM INTO '{db}'")
            source.close()
        else:
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "make_journal.py"),
                    str(db),
                    "--people",
                    str(args.people),
                    "--interactions",
                    str(args.interactions),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        print(
            f"journal: {args.db or f'{args.people} people, {args.interactions} interactions'}, "
            f"ready in {time.perf_counter() - start:.1f} s"
        )
        env = {**os.environ, "NETJOURNAL_TODAY": "2026-11-28", "NETJOURNAL_DB": str(db)}

        from netjournal.db.journal import open_journal
        from netjournal.search import index as search_index
        from netjournal.search.matcher import FtsMatcher

        journal = open_journal(db)
        conn = journal.conn
        needs = conn.execute(
            "SELECT id, person_id, text FROM needs WHERE status = 'open' ORDER BY id LIMIT 50"
        ).fetchall()
        need_id = str(needs[0]["id"])
        cmds = {
            "floor": [sys.executable, "-c", "import typer, sqlite3"],
            "match-one": [nj, "match", need_id, "--json"],
            "match-all": [nj, "match"],
            "match-all --json": [nj, "match", "--json"],
            "search": [nj, "search", "notaris bali", "--json"],
        }
        times: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(args.runs):
            for name, cmd in cmds.items():
                times[name].append(timed(cmd, env))
        for name, values in times.items():
            print(
                f"{name:<16} median {statistics.median(values) * 1000:7.1f} ms   "
                f"max {max(values) * 1000:7.1f} ms"
            )

        as_of = date(2026, 11, 28)
        with journal.read() as rconn:
            for label, shared in (
                ("suggest (new matcher)", False),
                ("suggest (one matcher)", True),
            ):
                matcher = FtsMatcher(as_of=as_of)
                per_need = []
                for row in needs:
                    if not shared:
                        matcher = FtsMatcher(as_of=as_of)
                    start = time.perf_counter()
                    matcher.suggest(rconn, dict(row), limit=3)
                    per_need.append(time.perf_counter() - start)
                print(
                    f"{label:<22} median {statistics.median(per_need) * 1000:6.1f} ms per need, "
                    f"max {max(per_need) * 1000:.1f} ms ({len(per_need)} needs, in process)"
                )
        conn.execute("UPDATE people SET role = 'Notaris' WHERE id = 1")
        start = time.perf_counter()
        search_index.ensure_fresh(conn)
        print(f"refresh    {(time.perf_counter() - start) * 1000:7.1f} ms after one edit")
        start = time.perf_counter()
        with journal.write() as wconn:
            counts = search_index.reindex(wconn)
        print(f"reindex    {time.perf_counter() - start:7.1f} s  {counts}")
        journal.close()


if __name__ == "__main__":
    main()
