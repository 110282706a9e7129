"""The long reliability run: 1,000+ SIGKILLs over every kind of write, and
thousands of fuzzed import files. Its figures go into docs/reliability.md.

    python benchmarks/reliability_run.py --kills 1000 --fuzz 2000
    python benchmarks/reliability_run.py --kills 124 --fuzz 0 --only "db "   # some kinds

It runs the same engines as the CI tests (``tests/test_kill_writes.py``,
``tests/test_fuzz_imports.py``), with more kills, bigger import files and more
fuzz cases, and prints two Markdown tables:

* kills: kind, kills, integrity ok, fully there, absent (and "between": a
  migration committed, the write after it not), rows lost, decrypt copies in
  clear found after a kill (each removed by the next command), failures;
* fuzz: format, cases, imported, refused with one ``Error:`` line (journal
  unchanged), the same with ``--skip-bad``, records skipped, failures.

Needs the test extras (``pip install -e ".[test]"``) and ``nj`` on PATH.
Exit status 1 when any check failed (the failures are listed).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

TESTS = Path(__file__).resolve().parent.parent / "tests"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, TESTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _kill_job(args: tuple[int, int, int, int, str]) -> tuple[str, Any, float]:
    index, kills, size, seed, root = args
    kw = _load("test_kill_writes")
    kind = kw.KINDS[index]
    t0 = time.monotonic()
    work = Path(root) / f"kind{index}"
    tally = kw.run_kind(kind, work, kills=kills, size=size, seed=seed, max_tries=6)
    return kind.name, argparse.Namespace(**vars(tally)), time.monotonic() - t0


def _fuzz_job(args: tuple[str, int, int]) -> tuple[str, Any, float]:
    fmt, cases, seed = args
    fz = _load("test_fuzz_imports")
    rng = random.Random(f"{seed}:{fmt}")
    tally = fz.FuzzTally()
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="nj-fuzz-run-") as work:
        for _ in range(cases):
            data, steps = fz.mutate(fmt, rng)
            fz.check_case(fmt, data, Path(work), tally, steps)
    return fmt, argparse.Namespace(**vars(tally)), time.monotonic() - t0


def run_kills(total: int, size: int, seed: int, jobs: int, only: str = "") -> bool:
    kw = _load("test_kill_writes")
    chosen = [i for i, kind in enumerate(kw.KINDS) if only in kind.name]
    per_kind = max(1, -(-total // len(chosen)))
    with tempfile.TemporaryDirectory(prefix="nj-kills-") as root:
        jobs_args = [(i, per_kind, size, seed, root) for i in chosen]
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_kill_job, jobs_args))
    print(f"\n### Kills ({per_kind} per kind, import files of {size} rows, seed {seed})\n")
    print(
        "| kind | kills | integrity ok | fully there | absent | between | "
        "finished first | rows lost | decrypt copies in clear, removed by the next command | "
        "failures | seconds |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    sums = [0] * 9
    failures: list[str] = []
    for name, t, seconds in results:
        row = [
            t.kills,
            t.integrity_ok,
            t.full,
            t.absent,
            t.between,
            t.finished,
            t.rows_lost,
            t.plain_copies,
            len(t.failures),
        ]
        sums = [a + b for a, b in zip(sums, row, strict=True)]
        print(f"| `nj {name}` | " + " | ".join(map(str, row)) + f" | {seconds:.0f} |")
        failures += t.failures
    print("| **all** | " + " | ".join(f"**{v}**" for v in sums) + " | |")
    for line in failures:
        print(f"FAILURE: {line}")
    return not failures


def run_fuzz(total: int, seed: int, jobs: int) -> bool:
    fmts = ["vcard", "csv", "linkedin", "json"]
    per = max(1, -(-total // len(fmts)))
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(_fuzz_job, [(f, per, seed) for f in fmts]))
    print(f"\n### Fuzzed imports ({per} cases per format, seed {seed})\n")
    print(
        "| format | cases | imported | refused (one Error:, unchanged) | --skip-bad imported | "
        "--skip-bad refused | records skipped | known bugs | new failures | seconds |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    failures: list[str] = []
    sums = [0] * 8
    for fmt, t, seconds in results:
        skip = fmt != "json"
        row: list[object] = [
            t.cases,
            t.imported,
            t.refused,
            t.skip_bad_imported if skip else "n/a",
            t.skip_bad_refused if skip else "n/a",
            t.skip_bad_skipped_rows if skip else "n/a",
            t.known,
            len(t.failures),
        ]
        sums = [s + (v if isinstance(v, int) else 0) for s, v in zip(sums, row, strict=True)]
        print(f"| {fmt} | " + " | ".join(map(str, row)) + f" | {seconds:.0f} |")
        failures += t.failures
    print("| **all** | " + " | ".join(f"**{v}**" for v in sums) + " | |")
    for line in failures[:50]:
        print(f"FAILURE: {line[:1000]}")
    if len(failures) > 50:
        print(f"... and {len(failures) - 50} more failures")
    return not failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=1000, help="total kills (0: none)")
    parser.add_argument("--fuzz", type=int, default=2000, help="total fuzz cases (0: none)")
    parser.add_argument("--size", type=int, default=1000, help="rows in generated imports")
    parser.add_argument("--seed", type=int, default=time.time_ns() % 100_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--only", default="", help="only the kinds whose name contains this")
    args = parser.parse_args()
    print(
        f"netjournal reliability run, {date.today().isoformat()}, {platform.platform()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; "
        f"--kills {args.kills} --fuzz {args.fuzz} --size {args.size} --seed {args.seed} "
        f"--jobs {args.jobs}" + (f" --only {args.only!r}" if args.only else "")
    )
    t0 = time.monotonic()
    ok = True
    if args.kills:
        ok &= run_kills(args.kills, args.size, args.seed, args.jobs, args.only)
    if args.fuzz:
        ok &= run_fuzz(args.fuzz, args.seed, args.jobs)
    print(f"\n{'all checks passed' if ok else 'FAILED'} in {time.monotonic() - t0:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
