"""Journal files that are not what they claim: a clear error, nothing overwritten.

Each case runs real commands through the CLI and checks the exit code, the one
``Error:`` line, and that the file's bytes (and the folder's contents) did not change.

Read-only cases need a user the permissions apply to: when the tests run as root
(who ignores file modes) the commands run as ``nobody`` in a folder owned by
``nobody``; otherwise as the current user. Disk full is simulated twice: with
``PRAGMA max_page_count`` pinned on the connection (always), and with a real
512 KiB tmpfs filled to the last byte (only where the tests may mount, e.g. as root
in a container).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import NJ, table_counts

from netjournal.db import journal as store

NJ_BIN = shutil.which("nj")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def make_journal(nj: NJ) -> None:
    nj(
        "met",
        "Ann Lee",
        "--at",
        "Mixer",
        "--needs",
        "a notary",
        "--can",
        "tax law",
        "--note",
        "likes long walks " * 200,
    )
    for i in range(30):
        nj("met", f"Person {i}", "--note", f"note {i} " * 100)


def assert_refused(nj: NJ, *args: str, says: str) -> None:
    result = nj.fails(*args, code=1)
    assert says in result.stderr, result.stderr


# --- files that are not journals -------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    ["folder", "empty", "text", "other_app", "newer_schema", "symlink_to_text", "broken_symlink"],
)
def test_not_a_journal_is_refused_and_left_alone(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "place"
    folder.mkdir()
    path = folder / "journal.db"
    says = {
        "folder": "is a folder",
        "empty": "is an empty file",
        "text": "not an SQLite file",
        "other_app": "another application",
        "newer_schema": "newer netjournal",
        "symlink_to_text": "not an SQLite file",
        "broken_symlink": "broken symbolic link",
    }[kind]
    if kind == "folder":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind in ("text", "symlink_to_text"):
        target = folder / "notes.txt" if kind == "symlink_to_text" else path
        target.write_text("Shopping list\nmilk\n")
        if kind == "symlink_to_text":
            path.symlink_to(target)
    elif kind == "other_app":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
        conn.commit()
        conn.close()
    elif kind == "newer_schema":
        NJ(path)("met", "Ann Lee")
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
    elif kind == "broken_symlink":
        path.symlink_to(folder / "gone.db")
    before = listing(folder)
    sums = {p.name: digest(p) for p in folder.iterdir() if p.is_file()}
    nj = NJ(path)
    for args in (["met", "Bob"], ["person", "list"], ["db", "check"], ["db", "backup"]):
        assert_refused(nj, *args, says=says)
    assert listing(folder) == before  # no -wal, -shm, backup or replacement file
    assert {p.name: digest(p) for p in folder.iterdir() if p.is_file()} == sums
    if kind == "broken_symlink":
        assert not (folder / "gone.db").exists()


def test_symlink_to_a_journal_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    NJ(real)("met", "Ann Lee")
    link = tmp_path / "link.db"
    link.symlink_to(real)
    NJ(link)("met", "Bob Stone")
    assert link.is_symlink()  # not replaced by a file
    assert table_counts(real)["people"] == 2


def _corrupt_middle(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as f:
        for offset in range(4096 * 2, size - 4096, 4096 * 3):
            f.seek(offset)
            f.write(os.urandom(1024))


@pytest.mark.parametrize("damage", ["truncated", "corrupted"])
def test_damaged_journal_is_reported_and_not_backed_up(damage: str, nj: NJ, db: Path) -> None:
    make_journal(nj)
    if damage == "truncated":
        with open(db, "r+b") as f:
            f.truncate(db.stat().st_size // 2)
    else:
        _corrupt_middle(db)
    sums = digest(db)
    check = nj.fails("db", "check")
    assert (
        "corrupt" in check.stderr or "integrity" in check.stderr or "malformed" in check.stderr
    ), check.stderr
    backup = nj.fails("db", "backup")
    assert "corrupt" in backup.stderr, backup.stderr
    assert not list(db.parent.glob("*.bak"))
    # Other commands: a clear one-line error (or success on undamaged pages), never a crash.
    for args in (["person", "list"], ["person", "show", "Ann Lee"], ["met", "New Person"]):
        result = nj(*args, ok=False)
        assert result.exit_code in (0, 1), result.stderr
        if result.exit_code:
            assert result.stderr.startswith("Error:") and "Internal error" not in result.stderr
    if damage == "truncated":
        assert digest(db) == sums  # nothing was written over the evidence


def test_db_check_json_reports_corruption(nj: NJ, db: Path) -> None:
    make_journal(nj)
    _corrupt_middle(db)
    result = nj("db", "check", "--json", ok=False)
    assert result.exit_code == 1
    import json

    report = json.loads(result.stdout)
    assert report["ok"] is False and report["problems"]


# --- read-only file and folder ----------------------------------------------------


@contextlib.contextmanager
def owned_folder() -> Iterator[tuple[Path, list[str]]]:
    """A folder owned by the user the commands run as (nobody, when we are root)."""
    folder = Path(tempfile.mkdtemp(prefix="nj-files-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file modes would not apply")
        run_as = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        os.chown(folder, 65534, 65534)
        _skip_unless_runnable_as(run_as)
    try:
        yield folder, run_as
    finally:
        os.chmod(folder, 0o700)
        shutil.rmtree(folder, ignore_errors=True)


def _skip_unless_runnable_as(run_as: list[str]) -> None:
    """Skip, saying why, when that user cannot start the venv's interpreter.

    A clone in a folder that ``nobody`` cannot enter (a home directory with
    mode 0700, say) makes the venv unreachable for that user.
    """
    probe = subprocess.run(
        [*run_as, sys.executable, "-c", "import netjournal"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if probe.returncode != 0:
        pytest.skip(
            f"user nobody cannot run {sys.executable} (is the clone in a folder "
            f"nobody cannot enter?): {probe.stderr.strip()[-200:]}"
        )


def run(args: list[str], db: Path, run_as: list[str]) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NETJOURNAL_DB": str(db),
        "NETJOURNAL_TODAY": "2026-11-28",
        "NO_COLOR": "1",
        "HOME": str(db.parent),
    }
    return subprocess.run(
        [*run_as, NJ_BIN or "nj", *args], capture_output=True, text=True, env=env, timeout=60
    )


def one_error(result: subprocess.CompletedProcess[str], says: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("Error:") and len(result.stderr.splitlines()) == 1
    assert says in result.stderr, result.stderr


@pytest.mark.skipif(NJ_BIN is None, reason="the nj console script is not installed")
def test_read_only_file_refuses_writes_and_recovers(tmp_path: Path) -> None:
    with owned_folder() as (folder, run_as):
        db = folder / "journal.db"
        assert run(["met", "Ann Lee", "--needs", "a notary"], db, run_as).returncode == 0
        os.chmod(db, 0o400)
        sums = digest(db)
        one_error(run(["met", "Bob Stone"], db, run_as), "read-only")
        one_error(run(["log", "Ann Lee", "called"], db, run_as), "read-only")
        listed = run(["person", "list", "--json"], db, run_as)  # reading still works
        assert listed.returncode == 0 and "Ann Lee" in listed.stdout, listed.stderr
        assert digest(db) == sums
        # Once the user restores write access, the journal works again (a read-only
        # -shm left behind by the reads above must not keep it read-only).
        os.chmod(db, 0o600)
        again = run(["met", "Bob Stone"], db, run_as)
        assert again.returncode == 0, again.stderr


@pytest.mark.skipif(NJ_BIN is None, reason="the nj console script is not installed")
def test_read_only_folder_refuses_clearly(tmp_path: Path) -> None:
    with owned_folder() as (folder, run_as):
        db = folder / "journal.db"
        assert run(["met", "Ann Lee"], db, run_as).returncode == 0
        os.chmod(folder, 0o500)
        sums, before = digest(db), listing(folder)
        result = run(["met", "Bob Stone"], db, run_as)
        assert result.returncode == 1 and result.stderr.startswith("Error:"), result.stderr
        assert "read-only" in result.stderr or "Cannot open" in result.stderr, result.stderr
        assert digest(db) == sums and listing(folder) == before
        # A new journal in a read-only folder: a clear error, no file.
        fresh = run(["met", "Ann Lee"], folder / "new.db", run_as)
        one_error(fresh, "Cannot create")
        assert listing(folder) == before


# --- disk full ----------------------------------------------------------------


def test_disk_full_simulated_with_max_page_count(
    nj: NJ, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nj("met", "Ann Lee")
    counts = table_counts(db)
    original = store._set_pragmas

    def full_disk(conn: sqlite3.Connection) -> None:
        original(conn)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(store, "_set_pragmas", full_disk)
    result = nj.fails("met", "Bob Stone", "--note", "a long note " * 800, "--needs", "x" * 9000)
    assert "disk is full" in result.stderr and "nothing was written" in result.stderr
    monkeypatch.setattr(store, "_set_pragmas", original)
    assert table_counts(db) == counts
    nj("met", "Bob Stone")


@contextlib.contextmanager
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount)],
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot mount a tmpfs here (mount not available)")
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); max_page_count test covers it")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=10)


@pytest.mark.skipif(NJ_BIN is None, reason="the nj console script is not installed")
@pytest.mark.parametrize("room", [0, 48 * 1024], ids=["no-room-for-shm", "full-mid-write"])
def test_real_disk_full_on_a_tiny_tmpfs(tmp_path: Path, room: int) -> None:
    with small_tmpfs(tmp_path) as mount:
        db = mount / "journal.db"
        assert run(["met", "Ann Lee"], db, []).returncode == 0
        filler = mount / "filler"
        counts = table_counts(db)  # (reading needs room for a -shm file, so before)
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        os.ftruncate(fd, max(0, os.fstat(fd).st_size - room))
        os.close(fd)
        result = run(
            ["met", "Bob Stone", "--note", "n" * 9000, "--needs", "x" * 9000, "--can", "y" * 1900],
            db,
            [],
        )
        one_error(result, "disk is full")
        filler.unlink()
        assert table_counts(db) == counts
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        assert run(["met", "Bob Stone"], db, []).returncode == 0
