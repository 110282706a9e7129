"""The encrypted journal: SQLCipher (the ``encrypt`` extra) behind the one open path.

A journal is encrypted when its file does not start with SQLite's header
(checked cheaply, before any library is loaded). We always key SQLCipher with a
RAW key: ``PBKDF2-HMAC-SHA512(passphrase, salt, 256,000 iterations, 32 bytes)``
with the salt SQLCipher keeps in the file's first 16 bytes. That is exactly
what SQLCipher 4 derives from the passphrase itself, so the file stays an
ordinary SQLCipher database (``sqlcipher`` opens it with the passphrase), the
passphrase never appears in SQL text, and a raw key kept in the system keyring
opens the journal without the slow derivation (docs/privacy.md).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from netjournal.db.journal import SQLITE_HEADER
from netjournal.errors import JournalError
from netjournal.i18n import _

SALT_BYTES = 16
KDF_ITERATIONS = 256_000  # SQLCipher 4's default
INSTALL_HINT = 'pip install "netjournal[encrypt]"'
TABLES_SQL = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"


@dataclass(frozen=True)
class Cipher:
    """The raw key of one encrypted journal and the salt it was derived with."""

    key: bytes
    salt: bytes

    @classmethod
    def derive(cls, passphrase: str, salt: bytes) -> Cipher:
        import hashlib  # only when a key is derived: ~2 ms on every command otherwise

        raw = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
        return cls(raw, salt)

    @classmethod
    def new(cls, passphrase: str) -> Cipher:
        return cls.derive(passphrase, os.urandom(SALT_BYTES))

    def spec(self) -> str:
        """The value for ``PRAGMA key`` / ``ATTACH ... KEY``: raw key and salt, in hex."""
        return f"x'{self.key.hex()}{self.salt.hex()}'"


class KeySource(Protocol):
    """Where the key of an encrypted journal comes from (the CLI's: env, keyring, prompt)."""

    def cipher_for(self, path: Path, salt: bytes) -> Cipher: ...


def read_salt(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SALT_BYTES)


def driver() -> Any:
    """``sqlcipher3.dbapi2``, its errors made subclasses of ``sqlite3``'s (so every
    ``except sqlite3.OperationalError`` in the program keeps working)."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise JournalError(
            _("This journal is encrypted and SQLCipher is not installed; run: {cmd}").format(
                cmd=INSTALL_HINT
            )
        ) from None
    if not getattr(dbapi2, "_netjournal_patched", False):
        for name in (
            "InterfaceError",
            "DatabaseError",
            "DataError",
            "OperationalError",
            "IntegrityError",
            "InternalError",
            "ProgrammingError",
            "NotSupportedError",
        ):
            cls = getattr(dbapi2, name)
            cls.__bases__ = (*cls.__bases__, getattr(sqlite3, name))
        dbapi2._netjournal_patched = True
    return dbapi2


def connect(path: Path, cipher: Cipher | None, timeout: float) -> sqlite3.Connection:
    """An SQLCipher connection, keyed (the key is its FIRST statement) unless ``cipher`` is None."""
    dbapi2 = driver()
    conn = dbapi2.connect(str(path), isolation_level=None, timeout=timeout)
    conn.row_factory = dbapi2.Row
    conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher logs to stderr otherwise
    if cipher is not None:
        conn.execute(f'PRAGMA key = "{cipher.spec()}"')
        remove_leftovers(path)  # a decrypt killed midway left a copy in clear
    return conn  # type: ignore[no-any-return]


def wrong_key(path: Path) -> JournalError:
    return JournalError(_("Wrong passphrase for {path}; nothing was changed").format(path=path))


def verify_key(conn: sqlite3.Connection, path: Path) -> None:
    """Raise a clear error when the key does not open the file."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise wrong_key(path) from None
        raise


def opens(path: Path, cipher: Cipher) -> bool:
    """Whether ``cipher`` opens the encrypted file at ``path`` (read only, nothing written)."""
    try:
        conn = connect(path, cipher, timeout=5)
    except (sqlite3.Error, JournalError):
        return False
    try:
        verify_key(conn, path)
    except (sqlite3.Error, JournalError):
        return False
    finally:
        conn.close()
    return True


def _counts(conn: sqlite3.Connection, schema: str = "main") -> dict[str, int]:
    tables = [
        r[0] for r in conn.execute(TABLES_SQL.replace("sqlite_master", f"{schema}.sqlite_master"))
    ]
    return {t: conn.execute(f'SELECT count(*) FROM {schema}."{t}"').fetchone()[0] for t in tables}


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _shred(handle: int) -> None:
    """Overwrite an open file with zeros and flush it (best effort on SSDs: docs/privacy.md)."""
    size = os.fstat(handle).st_size
    block = b"\0" * 65536
    os.lseek(handle, 0, os.SEEK_SET)
    done = 0
    while done < size:
        done += os.write(handle, block[: min(len(block), size - done)])
    os.fsync(handle)


def shred_file(path: Path) -> None:
    """Overwrite a file with zeros, then remove it."""
    with open(path, "r+b") as handle:
        _shred(handle.fileno())
    path.unlink()


def plain_backups(path: Path) -> list[Path]:
    """Backups in clear beside the journal (``journal.db.v3.bak``, dated ``.bak`` files)."""
    found = []
    for candidate in sorted(path.parent.glob(f"{path.name}.*.bak")):
        with contextlib.suppress(OSError), open(candidate, "rb") as handle:
            if handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                found.append(candidate)
    return found


def _side_files(path: Path) -> list[Path]:
    return [Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal")]


def _lock(handle: int) -> bool:
    """Take the lock that marks a temporary copy as being written (False: another has it).

    ``flock`` is released by the kernel when its process dies, even by SIGKILL;
    it is independent of the POSIX locks SQLite takes on the same file."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: copies older than an hour are stale
        return time.time() - os.fstat(handle).st_mtime > 3600
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_leftovers(path: Path) -> None:
    """Overwrite and remove the copies an interrupted encrypt/decrypt left beside the
    journal (a decrypt's is in clear), never one another process is still writing."""
    for stale in sorted(path.parent.glob(f".{path.name}.convert-*")):
        if stale.name.endswith(("-journal", "-wal", "-shm")):
            if Path(str(stale).rsplit("-", 1)[0]).exists():
                continue  # removed with its copy, below
        else:
            try:
                handle = os.open(stale, os.O_RDWR)
            except OSError:
                continue
            try:
                if not _lock(handle):
                    continue  # being written right now
                with contextlib.suppress(OSError):
                    for side in _side_files(stale):
                        shred_file(side)
            finally:
                os.close(handle)
        with contextlib.suppress(OSError):
            shred_file(stale)


def convert(path: Path, source: Cipher | None, target: Cipher | None) -> dict[str, int]:
    """Rewrite the journal at ``path`` keyed with ``target`` (None: in clear), in place.

    Written beside it, checked (integrity, row counts), then swapped in with
    ``os.replace``; the old file is overwritten with zeros when it was in
    clear. A crash leaves either the old file or the new one, never half of
    one. Returns the row counts that were checked.
    """
    import tempfile

    remove_leftovers(path)
    conn = connect(path, source, timeout=5)
    tmp: Path | None = None
    lock = -1
    try:
        verify_key(conn, path)
        # Checkpoint and drop the WAL (and -shm): nothing of the old file lives on beside it.
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise JournalError(
                _("Another nj command is using {path}; try again when it has finished").format(
                    path=path
                )
            )
        lock, name = tempfile.mkstemp(prefix=f".{path.name}.convert-", dir=path.parent)
        _lock(lock)  # until the swap: no other nj takes this copy for a leftover
        tmp = Path(name)
        os.chmod(tmp, 0o600)
        conn.execute(
            "ATTACH DATABASE ? AS target KEY ?", (str(tmp), target.spec() if target else "")
        )
        conn.execute("BEGIN IMMEDIATE")  # no writer may slip in until the swap
        conn.execute("SELECT sqlcipher_export('target')")
        for pragma in ("user_version", "application_id"):
            value = int(conn.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            conn.execute(f"PRAGMA target.{pragma} = {value}")
        before = _counts(conn, "main")
        seen = conn.execute("PRAGMA data_version").fetchone()[0]
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE target")
        conn.execute("BEGIN IMMEDIATE")
        if conn.execute("PRAGMA data_version").fetchone()[0] != seen:
            raise JournalError(
                _("{path} changed meanwhile; nothing was changed, try again").format(path=path)
            )
        _check_copy(tmp, target, before)
        with open(path, "r+b") as old:
            os.replace(tmp, path)
            tmp = None
            _fsync_dir(path.parent)
            if source is None:
                _shred(old.fileno())
        return before
    except sqlite3.Error as exc:
        raise JournalError(_("Cannot convert {path}: {exc}").format(path=path, exc=exc)) from None
    finally:
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        conn.close()
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if lock >= 0:
            os.close(lock)


def _check_copy(tmp: Path, cipher: Cipher | None, expected: dict[str, int]) -> None:
    check = connect(tmp, cipher, timeout=5)
    try:
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok" or _counts(check) != expected:
            raise JournalError(
                _("The converted copy did not check out ({detail}); nothing was changed").format(
                    detail=integrity
                )
            )
    finally:
        check.close()
    for side in _side_files(tmp):
        with contextlib.suppress(FileNotFoundError):
            side.unlink()


def rekey(conn: sqlite3.Connection, new: Cipher) -> None:
    """Change the key of an open, keyed journal (the salt stays: ``new`` uses it)."""
    conn.execute(f'PRAGMA rekey = "{new.spec()}"')


def export_copy(path: Path, cipher: Cipher, target: Path) -> None:
    """An encrypted backup of an encrypted journal: same key and salt, read through a
    connection of its own (it sees the committed state, even during a migration)."""
    conn = connect(path, cipher, timeout=60)
    try:
        conn.execute("ATTACH DATABASE ? AS target KEY ?", (str(target), cipher.spec()))
        conn.execute("BEGIN")
        conn.execute("SELECT sqlcipher_export('target')")
        for pragma in ("user_version", "application_id"):
            value = int(conn.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            conn.execute(f"PRAGMA target.{pragma} = {value}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()


def library_version(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA cipher_version").fetchone()
    return f"SQLCipher {row[0]}" if row else ""
