"""Privacy: who can read the journal, and whether deleting someone really forgets them."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from tests.conftest import NJ, table_counts

from netjournal.db import journal as store

NJ_BIN = shutil.which("nj")
needs_nj = pytest.mark.skipif(NJ_BIN is None, reason="the nj console script is not installed")


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def run_with_umask(args: list[str], db: Path, umask: int = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETJOURNAL_DB": str(db), "NETJOURNAL_TODAY": "2026-11-28"}
    return subprocess.run(
        [NJ_BIN or "nj", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        preexec_fn=lambda: os.umask(umask),
    )


@needs_nj
def test_new_journal_is_0600_in_a_0700_folder_even_with_umask_0(tmp_path: Path) -> None:
    db = tmp_path / "data" / "netjournal" / "journal.db"
    result = run_with_umask(["met", "Ann Lee"], db)
    assert result.returncode == 0, result.stderr
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700
    assert mode(db.parent.parent) == 0o700  # every folder we had to create


def test_wal_and_shm_are_not_readable_by_others(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        journal = store.open_journal(tmp_path / "j.db")
        with journal.write() as conn:
            conn.execute(
                "INSERT INTO people (name, name_key, created_on) "
                "VALUES ('Ann', 'ann', '2026-11-28')"
            )
        wal, shm = Path(f"{journal.path}-wal"), Path(f"{journal.path}-shm")
        assert wal.exists() and shm.exists()
        assert mode(wal) & 0o077 == 0 and mode(shm) & 0o077 == 0, (oct(mode(wal)), oct(mode(shm)))
        journal.close()
    finally:
        os.umask(old)


@needs_nj
def test_backups_are_private_even_with_umask_0(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    assert run_with_umask(["met", "Ann Lee"], db).returncode == 0
    auto = run_with_umask(["db", "backup", "--json"], db)
    assert auto.returncode == 0, auto.stderr
    explicit = run_with_umask(["db", "backup", str(tmp_path / "copy.db")], db)
    assert explicit.returncode == 0, explicit.stderr
    for backup in (Path(json.loads(auto.stdout)["backup"]), tmp_path / "copy.db"):
        assert mode(backup) == 0o600, (backup, oct(mode(backup)))


def test_migration_backup_is_private(tmp_path: Path) -> None:
    fixtures = sorted((Path(__file__).parent / "data").glob("journal-v*.db"))
    old = [f for f in fixtures if int(f.stem.split("-v")[1]) < store.SCHEMA_VERSION]
    if not old:
        pytest.skip("no released schema older than this one yet: nothing to migrate")
    db = tmp_path / "old.db"
    shutil.copyfile(old[0], db)
    os.chmod(db, 0o644)  # copied by the user with a permissive umask
    journal = store.open_journal(db)
    journal.close()
    assert journal.backup_path is not None
    assert mode(journal.backup_path) == 0o600


def test_db_check_warns_when_others_can_read(nj: NJ, db: Path) -> None:
    nj("met", "Ann Lee")
    quiet = nj("db", "check")
    assert "readable by others" not in quiet.stderr
    os.chmod(db, 0o644)
    loud = nj("db", "check")  # a warning, not a failure
    assert "Warning: the file is readable by others (mode 644)" in loud.stderr
    assert f"chmod 600 {db}" in loud.stderr
    report = nj.json("db", "check")
    assert report["mode"] == "644" and report["warnings"]
    os.chmod(db, 0o600)
    assert nj.json("db", "check")["warnings"] == []


def test_secure_delete_is_on(tmp_path: Path) -> None:
    journal = store.open_journal(tmp_path / "j.db")
    try:
        assert journal.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        journal.close()


MARKER = "Qzx7Secret"


def _file_bytes(db: Path) -> bytes:
    data = db.read_bytes()
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db}{suffix}")
        if side.exists():
            data += side.read_bytes()
    return data.lower()


def test_person_rm_forgets_them_in_the_file_too(nj: NJ, db: Path) -> None:
    nj("met", "Ann Lee", "--needs", "a notary")  # someone who stays
    nj(
        "met",
        f"Zed {MARKER}person",
        "--at",
        f"{MARKER} party",
        "--org",
        f"{MARKER} Ltd",
        "--email",
        f"zed@{MARKER.lower()}.example",
        "--note",
        f"{MARKER} private note " * 50,
        "--needs",
        f"{MARKER} need",
        "--can",
        f"{MARKER} skill",
        "--tag",
        f"{MARKER}tag",
    )
    nj("log", "Zed", f"{MARKER} call notes " * 30, "--kind", "call")
    assert MARKER.lower().encode() in _file_bytes(db)
    # Make the search index (issue 5) hold them too, if it exists.
    search = nj("search", MARKER, ok=False)
    if search.exit_code == 0:
        assert "Zed" in search.stdout
        nj("match", ok=False)
    result = nj.json("person", "rm", "Zed", "--yes")
    assert result["deleted"]
    if search.exit_code == 0:
        # The index drops a deleted person's words when it next refreshes (any search,
        # match or review); docs/privacy.md says so.
        assert "Zed" not in nj("search", MARKER, ok=False).stdout
    counts = table_counts(db)
    assert counts["people"] == 1 and counts["needs"] == 1 and counts["capabilities"] == 0
    # Nothing about them is left in any table, index or free page of the file.
    conn = sqlite3.connect(db)
    try:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            assert not any(MARKER.lower() in str(v).lower() for r in rows for v in r), table
    finally:
        conn.close()
    assert MARKER.lower().encode() not in _file_bytes(db)
