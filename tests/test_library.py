"""netjournal is a library first: the public API works without the CLI."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import netjournal


def test_every_public_name_resolves() -> None:
    for name in netjournal.__all__:
        assert getattr(netjournal, name) is not None, name


def test_a_review_through_the_library(tmp_path: Path) -> None:
    day = date(2026, 11, 30)
    with netjournal.open_journal(tmp_path / "journal.db") as journal:
        with journal.write() as conn:
            conn.execute(
                "INSERT INTO people (name, name_key, created_on) VALUES ('Ann Lee', 'ann lee', ?)",
                ("2026-11-01",),
            )
        with journal.read() as conn:
            review = netjournal.build_review(
                conn, day, netjournal.Config(), matcher=netjournal.default_matcher(as_of=day)
            )
    assert review["as_of"] == "2026-11-30"


def test_importing_the_package_loads_nothing_heavy() -> None:
    code = (
        "import sys, netjournal; "
        "print(sorted(m for m in sys.modules if m.startswith(('netjournal.', 'rich', 'sqlite_utils'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
