#!/usr/bin/env python3
"""Cold start of a write command against the floor (issue 2, SPEC.md quality bar).

Times, as whole processes and alternated in the same run:
  floor      python -c "import typer, sqlite3"
  log-iso    nj log NAME TEXT --on 2026-01-02
  log-phrase nj log NAME TEXT --on "last friday"
  log-iso-tty the same as log-iso with stdout on a terminal (Rich styling)
and prints medians and the ratios to the floor (target <= 1.5).

    python benchmarks/bench_cold_start.py [--runs 30]
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


def timed(cmd: list[str], env: dict[str, str], tty: bool = False) -> float:
    if tty:  # stdout on a pseudo-terminal: the Rich (styled) path
        import pty

        leader, follower = pty.openpty()
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=follower)
        elapsed = time.perf_counter() - start
        os.close(follower)
        os.close(leader)
        return elapsed
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    nj = shutil.which("nj")
    if nj is None:
        sys.exit("nj is not installed (pip install -e .)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        env = {**os.environ, "NETJOURNAL_DB": str(db), "NETJOURNAL_TODAY": "2026-11-28"}
        # Measure what an installed program costs: with its .pyc files written
        # (pip writes them for site-packages; an editable checkout needs a
        # first run). PYTHONDONTWRITEBYTECODE would recompile our sources on
        # every call.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [nj, "met", "Budi Santoso", "--at", "Bench"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        commands = {
            "floor": [sys.executable, "-c", "import typer, sqlite3"],
            "log-iso": [nj, "log", "Budi", "called", "--on", "2026-01-02"],
            "log-phrase": [nj, "log", "Budi", "called", "--on", "last friday"],
            "log-iso-tty": [nj, "log", "Budi", "called", "--on", "2026-01-02"],
        }
        for cmd in commands.values():  # warm the OS caches and .pyc files
            timed(cmd, env, tty=False)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                samples[name].append(timed(cmd, env, tty=name.endswith("-tty")))
    floor = statistics.median(samples["floor"])
    print(f"{'command':<12} {'median ms':>10} {'ratio':>6}")
    for name, values in samples.items():
        med = statistics.median(values)
        print(f"{name:<12} {med * 1000:>10.1f} {med / floor:>6.2f}")


if __name__ == "__main__":
    main()
