"""Every released schema version, kept as a fixture database, opens and migrates with its data."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from tests.conftest import NJ, table_counts

from netjournal.db import journal as store

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(DATA.glob("journal-v*.db"))


def version_of(path: Path) -> int:
    match = re.search(r"journal-v(\d+)\.db$", path.name)
    assert match
    return int(match.group(1))


def test_there_is_a_fixture_for_every_released_version() -> None:
    versions = {version_of(p) for p in FIXTURES}
    assert versions >= {1}
    assert max(versions) <= store.SCHEMA_VERSION


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_fixture_opens_migrates_after_backup_and_keeps_data(tmp_path: Path, fixture: Path) -> None:
    path = tmp_path / "journal.db"
    shutil.copy(fixture, path)
    before = table_counts(path)
    version = version_of(fixture)
    with store.open_journal(path) as journal:
        if version < store.SCHEMA_VERSION:
            assert journal.migrated_from == version
            assert journal.backup_path is not None and journal.backup_path.exists()
            assert table_counts(journal.backup_path) == before
            assert store.file_mode(journal.backup_path) == 0o600
        else:
            assert journal.migrated_from is None
        report = store.check(journal)
    assert report["ok"], report
    assert report["schema_version"] == store.SCHEMA_VERSION
    assert table_counts(path) == before
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM people ORDER BY id")]
    assert "José Ávila" in names and "Budi Santoso" in names


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_fixture_through_the_cli(tmp_path: Path, fixture: Path) -> None:
    nj = NJ(tmp_path / "journal.db")
    shutil.copy(fixture, nj.db)
    card = nj.json("person", "show", "jose")
    assert card["name"] == "José Ávila"
    assert card["introductions"][0]["outcome"] == "booked an appointment"
    nj("log", "Budi", "ordered tomatoes", "--kind", "call")
    assert nj.json("person", "show", "budi")["last_contact"] == "2026-11-28"
