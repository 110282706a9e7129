#!/usr/bin/env python3
"""Time ``nj review`` and ``nj due`` as whole processes on a big journal.

    python benchmarks/bench_review.py [--people 10000] [--interactions 200000] [--runs 7]
                                      [--db PATH]

Builds the journal with make_journal.py (in a temporary folder, unless --db
names an existing one), warms the OS caches, then runs every command --runs
times, alternating them, and prints the median and the slowest run. The floor
is ``python -c "import typer, sqlite3"``; "review (1 person)" is the review of a
one-person journal with one open need, and the last line the ratio of the big
review to it. Target (issue 10): at most 2x.
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
from pathlib import Path

HERE = Path(__file__).parent


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="an existing journal to time instead")
    args = parser.parse_args()
    nj = shutil.which("nj")
    if nj is None:
        sys.exit("nj is not installed (pip install -e .)")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "big.db"
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
            )
        env = {
            **os.environ,
            "NETJOURNAL_DB": str(db),
            "NETJOURNAL_TODAY": "2026-11-28",
            "NETJOURNAL_WIDTH": "80",
        }
        env.pop("NETJOURNAL_CONFIG", None)
        small = {**env, "NETJOURNAL_DB": str(Path(tmp) / "one.db")}
        subprocess.run(
            [nj, "met", "Ann", "--needs", "a lawyer for a lease", "--on", "2026-10-01", "-q"],
            env=small,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        commands = {
            "floor": [sys.executable, "-c", "import typer, sqlite3"],
            "review": [nj, "review"],
            "review --json": [nj, "review", "--json"],
            "review --week": [nj, "review", "--week"],
            "due": [nj, "due"],
            "due --json": [nj, "due", "--json"],
            "due --count": [nj, "due", "--count"],
        }
        envs = {name: env for name in commands}
        commands["review (1 person)"] = [nj, "review"]
        envs["review (1 person)"] = small
        for name, cmd in commands.items():  # warm caches; brings any index up to date
            timed(cmd, envs[name])
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                samples[name].append(timed(cmd, envs[name]))
        counts = subprocess.run(
            [nj, "due", "--count"], env=env, check=True, capture_output=True, text=True
        ).stdout.strip()
    print(
        f"journal: {args.people} people, {args.interactions} interactions "
        f"({counts} items due); median of {args.runs} runs"
    )
    print(f"{'command':<18} {'median ms':>10} {'max ms':>8}")
    for name, values in samples.items():
        print(f"{name:<18} {statistics.median(values) * 1000:>10.0f} {max(values) * 1000:>8.0f}")
    ratio = statistics.median(samples["review"]) / statistics.median(samples["review (1 person)"])
    print(f"review / review (1 person): {ratio:.2f}x")


if __name__ == "__main__":
    main()
