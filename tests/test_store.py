"""Opening, creating, refusing and checking journal files (real SQLite files)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from tests.conftest import NJ, table_counts

from netjournal.db import journal as store
from netjournal.errors import JournalError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_journal_is_private_and_ours(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "journal.db"
    with store.open_journal(path) as journal, journal.write() as conn:
        conn.execute(
            "INSERT INTO people (name, name_key, created_on) VALUES ('A', 'a', '2026-01-01')"
        )
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            assert mode(side) & 0o077 == 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # No temporary files are left behind in the folder.
    assert sorted(
        p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))
    ) == ["journal.db"]


def test_connection_pragmas_are_set(tmp_path: Path) -> None:
    with store.open_journal(tmp_path / "j.db") as journal:
        conn = journal.conn
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    store.open_journal(folder / "j.db").close()
    assert mode(folder) == 0o755
    assert mode(folder / "j.db") == 0o600


def test_write_rolls_back_on_error(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with store.open_journal(path) as journal, pytest.raises(RuntimeError), journal.write() as conn:
        conn.execute(
            "INSERT INTO people (name, name_key, created_on) VALUES ('A', 'a', '2026-01-01')"
        )
        raise RuntimeError("boom")
    assert table_counts(path)["people"] == 0


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_text("name,email\nAnn,a@b.c\n"), "not an SQLite file"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 84), "corrupt"),
    ],
    ids=["folder", "empty", "text", "garbage-header"],
)
def test_files_that_are_not_journals_are_refused_untouched(tmp_path: Path, setup, message) -> None:
    path = tmp_path / "j.db"
    setup(path)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(JournalError, match=message):
        store.open_journal(path)
    if before is not None:
        assert path.read_bytes() == before


def test_database_of_another_application_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match="another application"):
        store.open_journal(path)
    assert path.read_bytes() == before


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    store.open_journal(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match="newer netjournal"):
        store.open_journal(path)
    assert path.read_bytes() == before


def test_broken_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "j.db"
    link.symlink_to(tmp_path / "nowhere" / "x.db")
    with pytest.raises(JournalError, match="broken symbolic link"):
        store.open_journal(link)
    assert not (tmp_path / "nowhere").exists()


def test_symlink_to_a_journal_works(tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    store.open_journal(real).close()
    link = tmp_path / "link.db"
    link.symlink_to(real)
    with store.open_journal(link) as journal:
        assert journal.conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_check_reports_world_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    store.open_journal(path).close()
    os.chmod(path, 0o644)
    with store.open_journal(path) as journal:
        report = store.check(journal)
    assert report["ok"]
    assert report["integrity"] == "ok"
    assert any("readable by others" in w for w in report["warnings"])


def test_backup_is_a_private_consistent_copy(tmp_path: Path, nj: NJ) -> None:
    nj("met", "Ann Lee", "--at", "Mixer")
    target = tmp_path / "copy.db"
    nj("db", "backup", str(target))
    assert mode(target) == 0o600
    assert table_counts(target)["people"] == 1
    # It is a journal itself, and refuses to overwrite.
    with store.open_journal(target) as journal:
        assert store.check(journal)["ok"]
    result = nj.fails("db", "backup", str(target))
    assert "already exists" in result.stderr


def test_backup_refuses_a_corrupt_journal(tmp_path: Path, nj: NJ) -> None:
    for i in range(200):
        nj("person", "add", f"Person {i}", "--notes", "x" * 500)
    conn = sqlite3.connect(nj.db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(nj.db.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 12)):
        data[offset] = 0x5A
    nj.db.write_bytes(bytes(data))
    result = nj("db", "backup", str(tmp_path / "bak.db"), ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:")
    assert not (tmp_path / "bak.db").exists()
    check = nj("db", "check", ok=False)
    assert check.exit_code == 1
    assert "Error:" in check.stderr


def test_db_path_follows_option_env_and_default(tmp_path: Path, nj: NJ) -> None:
    from typer.testing import CliRunner

    from netjournal.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["db", "path", "--db", "/x/y.db"]).stdout == "/x/y.db\n"
    env_result = runner.invoke(app, ["db", "path"], env={"NETJOURNAL_DB": "/from/env.db"})
    assert env_result.stdout == "/from/env.db\n"
    default = runner.invoke(app, ["db", "path"]).stdout.strip()
    assert default == str(tmp_path / "xdg-data" / "netjournal" / "journal.db")


def test_db_check_json(nj: NJ) -> None:
    nj("met", "Ann Lee")
    report = nj.json("db", "check")
    assert report["ok"] is True
    assert report["schema_version"] == store.SCHEMA_VERSION
    assert report["counts"]["people"] == 1
    assert report["mode"] == "600"


def test_db_migrate_on_current_schema(nj: NJ) -> None:
    nj("met", "Ann")
    report = nj.json("db", "migrate")
    assert report["migrated_from"] is None
    assert report["schema_version"] == store.SCHEMA_VERSION


def test_schema_version_equals_number_of_migrations() -> None:
    from netjournal.db import migrations, schema

    assert migrations.count() == store.SCHEMA_VERSION
    assert [m.name for m in migrations.migrations._migrations] == list(schema.MIGRATIONS)
