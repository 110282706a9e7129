"""The one way to open, lock, migrate, check and back up the journal file.

Hot commands use the standard ``sqlite3`` module only; sqlite-utils is imported
when a migration is pending (or by the modules that need its FTS and bulk
helpers). Every write command runs in one ``BEGIN IMMEDIATE`` transaction so
that concurrent commands wait for each other instead of failing with
"database is locked" (see PITFALLS.md).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The schema version this program writes: the number of migrations.
from netjournal.db.schema import SCHEMA_VERSION as SCHEMA_VERSION
from netjournal.errors import JournalError
from netjournal.i18n import _, ngettext

if TYPE_CHECKING:
    from netjournal.db.crypto import Cipher, KeySource

#: ``PRAGMA application_id`` of every netjournal database ("NJRN").
APPLICATION_ID = 0x4E4A524E
#: How long a command waits for another one's write lock, in milliseconds.
BUSY_TIMEOUT_MS = 60_000

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Journal:
    """An open journal: a connection in autocommit mode plus where it lives."""

    conn: sqlite3.Connection
    path: Path
    migrated_from: int | None = None
    backup_path: Path | None = None
    #: The key of an encrypted journal (db/crypto.py); None for a plain one.
    cipher: Cipher | None = None
    #: The command line and day the change log records for each write (db/changes.py).
    command: str = "nj"
    at: str = ""

    @contextlib.contextmanager
    def write(self, *, log: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with BEGIN IMMEDIATE; rolled back on any error.

        What it changes is logged for ``nj undo`` in the same transaction
        (``log=False``: not logged, for undo itself).
        """
        from netjournal.db import changes

        self.conn.execute("BEGIN IMMEDIATE")
        try:
            capturing = changes.start(self.conn)
            yield self.conn
            if capturing:
                if log:
                    changes.persist(self.conn, self.command, self.at)
                else:
                    changes.discard(self.conn)
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for commands that read several tables."""
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    return conn


def _set_pragmas(conn: sqlite3.Connection) -> None:
    # Per-connection settings, outside any transaction (foreign_keys is a
    # no-op inside one).
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    # Deleted text is overwritten with zeros instead of lingering in free pages
    # (nj person rm must really forget a person; docs/privacy.md).
    conn.execute("PRAGMA secure_delete = ON")
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")


def _describe(path: Path | str) -> str:
    """A path for an error message: a hostile 1 MB path is shortened, not echoed."""
    text = str(path)
    return text if len(text) <= 160 else f"{text[:80]}…{text[-60:]}"


def check_path(path: Path | str) -> None:
    """Refuse a file name holding control characters (a NUL, escape codes) before using it."""
    if any(
        ord(ch) < 0x20
        or 0x7F <= ord(ch) <= 0x9F
        or 0x202A <= ord(ch) <= 0x202E
        or 0x2066 <= ord(ch) <= 0x2069
        for ch in str(path)
    ):
        raise JournalError(
            _("The path {path!r} contains control characters; choose a plain file name").format(
                path=_describe(path)
            )
        )


def _check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, anything that is not a SQLite file."""
    if path.is_dir():
        raise JournalError(
            _("{path} is a folder, not a netjournal database").format(path=_describe(path))
        )
    if path.is_symlink() and not path.exists():
        raise JournalError(_("{path} is a broken symbolic link").format(path=_describe(path)))
    if not path.is_file():
        raise JournalError(_("{path} is not a regular file").format(path=_describe(path)))
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise JournalError(
            _("{path} cannot be read (permission denied)").format(path=_describe(path))
        ) from None
    if not header:
        raise JournalError(
            _(
                "{path} is an empty file, not a netjournal database; "
                "remove it or choose another --db"
            ).format(path=_describe(path))
        )
    if header != SQLITE_HEADER and not _encrypted(path):
        raise JournalError(
            _("{path} is not a netjournal database (not an SQLite file)").format(
                path=_describe(path)
            )
        )


def _encrypted(path: Path) -> bool:
    return looks_encrypted(path)


def looks_encrypted(path: Path) -> bool:
    """No SQLite header, and a size in whole pages: an SQLCipher file (cheap, no library)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return header != SQLITE_HEADER and size >= 1024 and size % 512 == 0


def _open_encrypted(path: Path, keys: KeySource | None) -> tuple[sqlite3.Connection, Cipher]:
    """Key an SQLCipher connection (the key first, before any pragma) and check the key."""
    from netjournal.db import crypto

    if keys is None:
        from netjournal.db.keys import Keys

        keys = Keys()
    cipher = keys.cipher_for(path, crypto.read_salt(path))
    conn = crypto.connect(path, cipher, BUSY_TIMEOUT_MS / 1000)
    try:
        crypto.verify_key(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn, cipher


def _repair_side_files(path: Path) -> None:
    """Make ``-wal``/``-shm`` writable again when the journal itself is.

    Reading a journal while it was read-only leaves a read-only ``-shm`` behind
    (SQLite copies the database's mode); once the user restores write access,
    that file would keep the journal "read-only" for ever.
    """
    if not os.access(path, os.W_OK):
        return
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        with contextlib.suppress(OSError):
            if side.exists() and not os.access(side, os.W_OK):
                os.chmod(side, file_mode(path))


def _identify(conn: sqlite3.Connection, path: Path) -> int:
    """Return the schema version, or raise when the file is not ours."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        # Read-only folder, full disk, locked...: not corruption.
        raise JournalError(translate_operational_error(exc, path)) from None
    except sqlite3.DatabaseError as exc:
        raise JournalError(
            _("{path} is corrupt or not a database ({exc})").format(path=_describe(path), exc=exc)
        ) from None
    if app_id != APPLICATION_ID:
        raise JournalError(
            _(
                "{path} is an SQLite database of another application, not a netjournal journal"
            ).format(path=_describe(path))
        )
    if version > SCHEMA_VERSION:
        raise JournalError(
            _(
                "{path} was written by a newer netjournal (schema {found}; "
                "this version knows up to {known}); upgrade netjournal"
            ).format(path=_describe(path), found=version, known=SCHEMA_VERSION)
        )
    return version


def _apply_migrations(conn: sqlite3.Connection) -> None:
    from sqlite_utils import Database

    from netjournal.db import migrations

    migrations.apply(Database(conn))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _create(path: Path) -> None:
    """Create a new journal atomically: build it beside the target, then link it in.

    A concurrent first run loses the race cleanly (the link fails, we use the
    other process's file), and a crash never leaves an empty file behind.
    """
    folder = path.parent
    if not folder.exists():
        # Every folder we create is 0700 (mkdir(parents=True) would create the
        # parents with the umask's mode, world-writable under umask 0).
        missing = [folder, *(p for p in folder.parents if not p.exists())]
        missing = [p for p in missing if not p.exists()]
        try:
            for part in reversed(missing):
                with contextlib.suppress(FileExistsError):
                    part.mkdir(mode=0o700)
                    os.chmod(part, 0o700)  # mkdir's mode is filtered by the umask too
        except OSError as exc:
            raise JournalError(
                _("Cannot create folder {folder}: {err}").format(
                    folder=_describe(folder), err=exc.strerror or exc
                )
            ) from None
    import tempfile

    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".netjournal-new-", suffix=".db", dir=folder)
    except OSError as exc:
        raise JournalError(
            _("Cannot create the journal in {folder}: {err}").format(
                folder=_describe(folder), err=exc.strerror or exc
            )
        ) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o600)
        conn = _connect(tmp)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("BEGIN IMMEDIATE")
            _apply_migrations(conn)
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(str(tmp) + suffix)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
                raise
            # Filesystems without hard links: rename (last writer wins, both empty).
            if not path.exists():
                os.replace(tmp, path)
    except OSError as exc:
        raise JournalError(
            _("Cannot create the journal {path}: {err}").format(
                path=_describe(path), err=exc.strerror or exc
            )
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def backup_before_migration(
    conn: sqlite3.Connection, path: Path, version: int, cipher: Cipher | None = None
) -> Path:
    """Write ``<name>.v<version>-<n>.bak`` beside the database (0600) with SQLite's backup API."""
    n = 0
    while True:
        target = path.with_name(
            f"{path.name}.v{version}.bak" if n == 0 else f"{path.name}.v{version}-{n}.bak"
        )
        if not target.exists():
            break
        n += 1
    backup_to(conn, target, cipher)
    return target


def backup_to(conn: sqlite3.Connection, target: Path, cipher: Cipher | None = None) -> None:
    """Online backup into a new file created 0600; refuses to overwrite.

    The backup of an encrypted journal is encrypted with the same key.
    """
    check_path(target)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise JournalError(
            _("{target} already exists; choose another file").format(target=_describe(target))
        ) from None
    except OSError as exc:
        raise JournalError(
            _("Cannot write backup {target}: {err}").format(
                target=_describe(target), err=exc.strerror or exc
            )
        ) from None
    os.close(fd)
    if cipher is not None:
        from netjournal.db.crypto import export_copy

        try:
            export_copy(Path(conn.execute("PRAGMA database_list").fetchone()[2]), cipher, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            raise
        return
    try:
        dest = sqlite3.connect(str(target))
        source = conn
        if conn.in_transaction:
            # backup_step() returns BUSY forever on a connection that holds the
            # write lock (the migration's BEGIN IMMEDIATE): read the committed
            # state through a second connection instead.
            source = sqlite3.connect(conn.execute("PRAGMA database_list").fetchone()[2])
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
            if source is not conn:
                source.close()
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        raise


def open_journal(
    path: Path | str,
    *,
    create: bool = True,
    migrate: bool = True,
    keys: KeySource | None = None,
) -> Journal:
    """Open (creating or migrating as needed) the journal at ``path``.

    Raises JournalError, changing nothing, when the file is not a netjournal
    database, is corrupt, or was written by a newer version. An encrypted
    journal is opened with the key from ``keys`` (default: the environment,
    then the keyring; see db/keys.py).
    """
    path = Path(path)
    check_path(path)
    if not path.exists() and not path.is_symlink():
        if not create:
            raise JournalError(_("No journal at {path}").format(path=_describe(path)))
        _create(path)
    _check_file(path)
    _repair_side_files(path)
    cipher = None
    try:
        if _encrypted(path):
            conn, cipher = _open_encrypted(path, keys)
        else:
            conn = _connect(path)
    except sqlite3.Error as exc:
        raise JournalError(
            _("Cannot open {path}: {exc}").format(path=_describe(path), exc=exc)
        ) from None
    try:
        version = _identify(conn, path)
        _set_pragmas(conn)
        journal = Journal(conn, path, cipher=cipher)
        if version < SCHEMA_VERSION and migrate:
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = _identify(conn, path)  # another process may have migrated
                if version < SCHEMA_VERSION:
                    journal.backup_path = backup_before_migration(conn, path, version, cipher)
                    journal.migrated_from = version
                    _apply_migrations(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        return journal
    except sqlite3.OperationalError as exc:
        conn.close()
        raise JournalError(translate_operational_error(exc, path)) from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise JournalError(
            _("{path} is corrupt or not a database ({exc})").format(path=_describe(path), exc=exc)
        ) from None
    except BaseException:
        conn.close()
        raise


def _disk_nearly_full(path: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 256 * 1024
    except OSError:
        return False


def translate_operational_error(exc: sqlite3.Error, path: Path | None = None) -> str:
    """A one-line, user-facing explanation of a SQLite failure."""
    text = str(exc)
    where = f" ({_describe(path)})" if path else ""
    if "readonly" in text or "read-only" in text:
        return _(
            "The journal is read-only{where}; check the permissions of the file and its folder"
        ).format(where=where)
    if (
        "disk is full" in text
        or "database or disk is full" in text
        or ("disk I/O error" in text and path is not None and _disk_nearly_full(path))
    ):
        # A full disk also shows as an I/O error when SQLite cannot grow its -shm file.
        return _("The disk is full{where}; nothing was written").format(where=where)
    if "unable to open" in text:
        return _("Cannot open the journal{where}: {text}").format(where=where, text=text)
    if "locked" in text or "busy" in text:
        return _(
            "The journal is busy{where}: another command held it too long; nothing was written"
        ).format(where=where)
    if "malformed" in text or "not a database" in text:
        return _("The journal is corrupt{where}: {text}; run 'nj db check'").format(
            where=where, text=text
        )
    return _("Database error{where}: {text}").format(where=where, text=text)


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def check(journal: Journal) -> dict[str, Any]:
    """Integrity, schema version and privacy of the journal, as data."""
    conn = journal.conn
    problems: list[str] = []
    warnings: list[str] = []
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    integrity = "ok" if rows == ["ok"] else "; ".join(rows[:5])
    if integrity != "ok":
        problems.append(_("integrity check failed: {detail}").format(detail=integrity))
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        problems.append(
            ngettext(
                "{n} row points to a record that does not exist",
                "{n} rows point to records that do not exist",
                len(fk),
            ).format(n=len(fk))
        )
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    mode = file_mode(journal.path)
    if mode & 0o077:
        warnings.append(
            _("the file is readable by others (mode {mode:o}); run: chmod 600 {path}").format(
                mode=mode, path=journal.path
            )
        )
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("people", "interactions", "needs", "offers", "introductions", "followups")
    }
    return {
        "path": str(journal.path),
        "ok": not problems,
        "integrity": integrity,
        "schema_version": version,
        "program_schema_version": SCHEMA_VERSION,
        "sqlite_version": sqlite3.sqlite_version,
        "encrypted": journal.cipher is not None,
        "journal_mode": conn.execute("PRAGMA journal_mode").fetchone()[0],
        "mode": f"{mode:o}",
        "counts": counts,
        "problems": problems,
        "warnings": warnings,
    }
