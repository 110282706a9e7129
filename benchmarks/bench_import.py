"""How long `nj import vcard` takes for 10,000 cards, as a whole process.

    python benchmarks/bench_import.py [--cards N] [--runs R]

Writes N vCards (3.0, a mix of accented and non-Latin names, folded NOTEs,
emails, phones, categories and a PHOTO on every tenth card) to a temporary
file, then times, in fresh processes:

1. the import into a new journal (every card added);
2. the same import again (every card matched and merged: nothing changes);
3. the dry run of the same file.

The issue asks for "a few seconds, not minutes".
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = [
    "Budi",
    "Siti",
    "José",
    "Zoë",
    "Ni Luh",
    "Made",
    "山田",
    "Сергей",
    "Ελένη",
    "Ömer",
    "Chloé",
    "Wayan",
    "Dewi",
    "Łukasz",
    "Ana María",
    "김민준",
]
LAST = [
    "Santoso",
    "Rahayu",
    "Ávila",
    "Ødegård",
    "Putu",
    "Wirawan",
    "太郎",
    "Иванов",
    "Παπαδοπούλου",
    "Yılmaz",
    "Dubois",
    "Sudarma",
    "Kartika",
    "Wiśniewski",
    "Pérez",
    "Kim",
]
PHOTO = base64.b64encode(bytes(range(256)) * 8).decode()


def fold(line: str) -> str:
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def make_cards(n: int) -> str:
    chunks = []
    for i in range(n):
        given, family = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        name = f"{given} {family} {i}"
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{family} {i};{given};;;",
            f"FN:{name}",
            f"ORG:Company {i % 500}",
            f"TITLE:Role {i % 37}",
            f"EMAIL;TYPE=INTERNET:person{i}@example.com",
            f"TEL;TYPE=CELL:+62 812 {i:07d}",
            f"CATEGORIES:batch{i % 20},imported",
            "NOTE:" + f"Met at event {i % 100}; needs help with exports to Europe and a "
            f"notary in Bali. Card number {i}.",
        ]
        if i % 10 == 0:
            lines.append(f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}")
        lines.append("END:VCARD")
        chunks.append("\r\n".join(fold(x) for x in lines) + "\r\n")
    return "".join(chunks)


def run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "netjournal", *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"failed: {args}\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "NETJOURNAL_TODAY": "2026-11-28"}
    with tempfile.TemporaryDirectory() as tmp:
        cards = Path(tmp) / "cards.vcf"
        cards.write_text(make_cards(args.cards), encoding="utf-8")
        size = cards.stat().st_size / 1e6
        print(
            f"{args.cards} vCards, {size:.1f} MB; {args.runs} runs each "
            f"(wall time of the whole process)"
        )
        first, again, dry = [], [], []
        for n in range(args.runs):
            db = str(Path(tmp) / f"j{n}.db")
            first.append(run(["import", "vcard", str(cards), "--db", db, "-q"], env))
            again.append(run(["import", "vcard", str(cards), "--db", db, "-q"], env))
            dry.append(run(["import", "vcard", str(cards), "--db", db, "--dry-run"], env))
        for label, times in (
            ("import into a new journal", first),
            ("import again (all merged)", again),
            ("dry run", dry),
        ):
            print(
                f"  {label:<28} median {statistics.median(times):5.2f} s   "
                f"(min {min(times):.2f}, max {max(times):.2f})"
            )


if __name__ == "__main__":
    main()
