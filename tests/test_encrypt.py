"""The encrypted journal (issue 16): real SQLCipher files, every command group, the error paths."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from tests.conftest import NJ

pytest.importorskip("sqlcipher3")

from netjournal.db import crypto, keys
from netjournal.db import journal as store
from netjournal.db.journal import looks_encrypted

PASS = "kopi susu 2026"
SECRET_WORDS = [b"Wulandari", b"dokter anak", b"KUR loan", b"Sari"]
DATA = Path(__file__).parent / "data"


@pytest.fixture
def pp(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", PASS)
    return PASS


def _fill(nj: NJ) -> None:
    nj("met", "Sari Wulandari", "--at", "Pasar Induk", "--needs", "a KUR loan adviser", "-q")
    nj("met", "Dewi Lestari", "--role", "dokter anak", "--can", "dokter spesialis anak", "-q")
    nj("log", "Sari Wulandari", "asked about the KUR loan")


def _no_plain_bytes(folder: Path) -> None:
    for item in folder.rglob("*"):
        if item.is_file():
            data = item.read_bytes()
            assert not data.startswith(crypto.SQLITE_HEADER), item
            for word in SECRET_WORDS:
                assert word not in data, (item, word)


@pytest.fixture
def enc(nj: NJ, pp: str) -> NJ:
    """A journal with a few people, encrypted with ``nj db encrypt``."""
    _fill(nj)
    nj("db", "encrypt")
    return nj


def test_encrypt_leaves_nothing_in_clear(nj: NJ, pp: str) -> None:
    _fill(nj)
    nj("db", "backup")  # a backup in clear, made before encryption
    out = nj.json("db", "encrypt", "--remove-backups")
    assert out["encrypted"] is True and out["counts"]["people"] == 2
    assert len(out["removed_backups"]) == 1 and out["plain_backups"] == []
    assert looks_encrypted(nj.db)
    assert sorted(p.name for p in nj.db.parent.iterdir() if p.is_file()) == ["journal.db"]
    _no_plain_bytes(nj.db.parent)
    # after a few commands, the -wal/-shm are encrypted too
    nj("log", "Sari Wulandari", "KUR loan approved")
    _no_plain_bytes(nj.db.parent)


def test_encrypt_warns_about_plain_backups_then_removes_them(nj: NJ, pp: str) -> None:
    _fill(nj)
    nj("db", "backup")
    result = nj("db", "encrypt")
    assert "--remove-backups" in result.stderr
    out = nj.json("db", "encrypt", "--remove-backups")  # already encrypted: only the backups
    assert len(out["removed_backups"]) == 1
    _no_plain_bytes(nj.db.parent)


def test_every_command_group_works_on_an_encrypted_journal(
    enc: NJ, tmp_path: Path, pp: str
) -> None:
    nj = enc
    nj("met", "Bob Tan", "--org", "Bali Legal", "--can", "notary work in Bali", "-q")
    nj("need", "add", "Sari Wulandari", "a notary in Bali")
    nj("offer", "add", "Bob Tan", "free first consultation")
    nj("intro", "add", "Sari Wulandari", "Bob Tan", "--need", "1")
    nj("followup", "add", "Sari Wulandari", "--on", "2026-12-05", "--note", "ask about the loan")
    assert any(p["name"] == "Bob Tan" for p in nj.json("person", "list"))
    assert "Sari Wulandari" in nj("person", "show", "Sari Wulandari").stdout
    nj("review")
    nj("due", "--all")
    assert "Bob Tan" in nj("match", "2").stdout
    assert "Sari" in nj("search", "KUR").stdout
    assert nj.json("db", "check")["encrypted"] is True
    # exports and imports
    export = tmp_path / "out.json"
    nj("export", "json", "-o", str(export))
    nj("export", "csv", "-o", str(tmp_path / "out.csv"))
    nj("export", "vcard", "-o", str(tmp_path / "out.vcf"))
    nj("import", "vcard", str(DATA / "import" / "phone_export.vcf"))
    nj("import", "csv", str(DATA / "import" / "kontak_indonesia.csv"))
    assert nj.json("db", "check")["ok"] is True
    assert looks_encrypted(nj.db)


def test_backup_of_an_encrypted_journal_is_encrypted(enc: NJ, tmp_path: Path) -> None:
    target = tmp_path / "backups" / "b.db"
    target.parent.mkdir()
    enc("db", "backup", str(target))
    _no_plain_bytes(target.parent)
    other = NJ(target)
    assert {p["name"] for p in other.json("person", "list")} == {"Sari Wulandari", "Dewi Lestari"}


def test_wrong_passphrase_is_a_clear_error_and_changes_nothing(
    enc: NJ, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = enc.db.read_bytes()
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "not it")
    for args in (("met", "Eve"), ("person", "list"), ("db", "check"), ("db", "decrypt")):
        result = enc.fails(*args)
        assert "Wrong passphrase" in result.stderr
    assert enc.db.read_bytes() == before


def test_no_passphrase_names_the_three_ways(enc: NJ, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NETJOURNAL_PASSPHRASE")
    result = enc.fails("person", "list")
    for way in ("NETJOURNAL_PASSPHRASE", "keyring", "terminal"):
        assert way in result.stderr


def test_decrypt_gives_the_plain_journal_back(enc: NJ) -> None:
    out = enc.json("db", "decrypt")
    assert out["encrypted"] is False
    assert enc.db.read_bytes().startswith(crypto.SQLITE_HEADER)
    assert len(enc.json("person", "list")) == 2
    enc.fails("db", "decrypt")  # not encrypted any more


def test_rekey_changes_the_passphrase(enc: NJ, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETJOURNAL_NEW_PASSPHRASE", "teh manis")
    enc("db", "rekey")
    enc.fails("person", "list")  # the old passphrase no longer opens it
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "teh manis")
    assert len(enc.json("person", "list")) == 2


def test_rekey_without_a_new_passphrase_is_refused(enc: NJ) -> None:
    enc("person", "list")  # the first open turns WAL on (rewrites page 1)
    before = enc.db.read_bytes()
    enc.fails("db", "rekey")
    assert enc.db.read_bytes() == before


def test_encrypting_twice_is_refused(enc: NJ) -> None:
    assert "already encrypted" in enc.fails("db", "encrypt").stderr


def test_the_file_stays_a_standard_sqlcipher_database(enc: NJ) -> None:
    """Our raw key is what SQLCipher derives from the passphrase: its own tools open it."""
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(enc.db))
    conn.execute(f"PRAGMA key = '{PASS}'")
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 2
    conn.close()


@pytest.mark.parametrize("fixture", sorted(DATA.glob("journal-v*.db")), ids=lambda p: p.name)
def test_an_old_encrypted_journal_migrates_with_an_encrypted_backup(
    tmp_path: Path, fixture: Path, pp: str
) -> None:
    path = tmp_path / "journal.db"
    shutil.copy(fixture, path)
    crypto.convert(path, None, crypto.Cipher.new(pp))  # encrypted at its old schema
    with store.open_journal(path, keys=keys.Keys(use_keyring=False)) as journal:
        assert journal.cipher is not None
        assert journal.backup_path is not None
        version = journal.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == store.SCHEMA_VERSION
    assert looks_encrypted(journal.backup_path)
    NJ(path)("db", "check")


class MemoryKeyring:
    """A real keyring backend (the library's base class), in memory."""

    @staticmethod
    def make() -> Any:
        import keyring.backend

        class Backend(keyring.backend.KeyringBackend):
            priority = 1  # type: ignore[assignment]
            store: ClassVar[dict[tuple[str, str], str]] = {}

            def get_password(self, service: str, username: str) -> str | None:
                return self.store.get((service, username))

            def set_password(self, service: str, username: str, password: str) -> None:
                self.store[(service, username)] = password

            def delete_password(self, service: str, username: str) -> None:
                self.store.pop((service, username))

        return Backend()


def test_keyring_opens_the_journal_without_a_passphrase(
    nj: NJ, pp: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring = pytest.importorskip("keyring")
    backend = MemoryKeyring.make()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        _fill(nj)
        nj("db", "encrypt", "--keyring")
        kinds = sorted(user.split(":")[0] for _service, user in backend.store)
        assert kinds == ["journal-cache", "journal-key"]  # asked for, and the env's cache
        assert all(PASS not in value for value in backend.store.values())  # never the passphrase
        monkeypatch.delenv("NETJOURNAL_PASSPHRASE")
        assert len(nj.json("person", "list")) == 2
        monkeypatch.setenv("NETJOURNAL_NEW_PASSPHRASE", "baru")
        nj("db", "rekey")
        assert len(nj.json("person", "list")) == 2  # the keyring follows the new key
        nj("db", "decrypt")
        assert backend.store == {}
    finally:
        keyring.set_keyring(previous)


def test_keyring_without_a_backend_is_a_clear_error(
    nj: NJ, pp: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring = pytest.importorskip("keyring")
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        _fill(nj)
        before = nj.db.read_bytes()
        assert "keyring" in nj.fails("db", "encrypt", "--keyring").stderr
        assert nj.db.read_bytes() == before
    finally:
        keyring.set_keyring(previous)


def _run(args: list[str], env: dict[str, str], block_sqlcipher: bool = False) -> Any:
    code = "import sys\n"
    if block_sqlcipher:
        code += "sys.modules['sqlcipher3'] = None\nsys.modules['sqlcipher3.dbapi2'] = None\n"
    code += "from netjournal.cli import main\nsys.argv = ['nj'] + sys.argv[1:]\nmain()\n"
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_missing_extra_says_how_to_install(enc: NJ) -> None:
    env = {**os.environ}
    result = _run(["--db", str(enc.db), "person", "list"], env, block_sqlcipher=True)
    assert result.returncode == 1, result
    assert result.stderr.startswith("Error:") and len(result.stderr.strip().splitlines()) == 1
    assert 'pip install "netjournal[encrypt]"' in result.stderr


def test_installed_nj_on_an_encrypted_journal(enc: NJ) -> None:
    env = {**os.environ}
    result = _run(["--db", str(enc.db), "person", "list", "--json"], env)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2
    assert result.stderr == ""  # SQLCipher's own logging is off
    env["NETJOURNAL_PASSPHRASE"] = "wrong"
    result = _run(["--db", str(enc.db), "person", "list"], env)
    assert result.returncode == 1 and result.stderr.startswith("Error: Wrong passphrase")
    assert len(result.stderr.strip().splitlines()) == 1


def test_encrypted_export_round_trip(nj: NJ, tmp_path: Path, pp: str) -> None:
    _fill(nj)
    sealed = tmp_path / "move.json"
    nj("export", "json", "--encrypt", "-o", str(sealed))
    data = sealed.read_bytes()
    assert data.startswith(b"NJSEALED1\n")
    assert not any(word in data for word in SECRET_WORDS)
    other = NJ(tmp_path / "new.db")
    other("import", "json", str(sealed))
    assert {p["name"] for p in other.json("person", "list")} == {"Sari Wulandari", "Dewi Lestari"}


def test_encrypted_export_with_a_wrong_passphrase_imports_nothing(
    nj: NJ, tmp_path: Path, pp: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(nj)
    sealed = tmp_path / "move.json"
    nj("export", "json", "--encrypt", "-o", str(sealed))
    other = NJ(tmp_path / "new.db")
    other("met", "Someone Else", "-q")
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "wrong")
    assert "wrong passphrase" in other.fails("import", "json", str(sealed)).stderr
    assert len(other.json("person", "list")) == 1
    monkeypatch.delenv("NETJOURNAL_PASSPHRASE")
    assert "NETJOURNAL_PASSPHRASE" in other.fails("import", "json", str(sealed)).stderr
    assert "NETJOURNAL_PASSPHRASE" in nj.fails("export", "json", "--encrypt").stderr


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_a_killed_decrypts_copy_in_clear_is_removed_by_the_next_command(enc: NJ) -> None:
    """A decrypt killed before its swap leaves its copy (in clear) beside the journal:
    the next command on the journal overwrites and removes it, unless a running
    nj still holds it (its lock dies with its process, even on SIGKILL)."""
    import fcntl

    stale = enc.db.parent / f".{enc.db.name}.convert-abc123"
    shutil.copyfile(DATA / "journal-v1.db", stale)
    Path(f"{stale}-journal").write_bytes(b"SQLite format 3\0 Wulandari")
    busy = enc.db.parent / f".{enc.db.name}.convert-busy99"
    busy.write_bytes(b"SQLite format 3\0")
    with open(busy, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        assert len(enc.json("person", "list")) == 2
        assert not stale.exists() and not Path(f"{stale}-journal").exists()
        assert busy.exists()  # still being written by "another nj"
    enc("person", "list")
    assert not busy.exists()


def test_no_passphrase_says_the_three_ways_in_the_issues_words(tmp_path: Path) -> None:
    """Issue 16: ``Error: this journal is encrypted; …`` naming the three ways, exit 1."""
    pytest.importorskip("sqlcipher3")
    db = tmp_path / "j.db"
    env = {**os.environ, "NETJOURNAL_DB": str(db), "NETJOURNAL_TODAY": "2026-11-28"}
    env.pop("NETJOURNAL_PASSPHRASE", None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    nj_bin = shutil.which("nj") or str(Path(sys.executable).with_name("nj"))
    subprocess.run([nj_bin, "met", "Ann", "-q"], env=env, check=True, capture_output=True)
    enc = {**env, "NETJOURNAL_PASSPHRASE": "correct horse"}
    subprocess.run([nj_bin, "db", "encrypt"], env=enc, check=True, capture_output=True)
    out = subprocess.run(
        [nj_bin, "person", "list"],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.startswith("Error: this journal is encrypted; ")
    assert "NETJOURNAL_PASSPHRASE" in out.stderr and "--keyring" in out.stderr
    assert "terminal" in out.stderr and len(out.stderr.splitlines()) == 1
