"""The keyring's key cache for NETJOURNAL_PASSPHRASE and the remembered backend (issue 16):
start-up within 1.5x of a plain journal (benchmarks/bench_encrypt.py), never a key in clear
on disk, a wrong or changed passphrase never opened by the cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NJ
from tests.test_encrypt import PASS, MemoryKeyring, _fill

from netjournal.db import crypto, keys

pytest.importorskip("sqlcipher3")
keyring = pytest.importorskip("keyring")


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[tuple[str, str], str]]:
    """A real keyring backend in memory, as the process's keyring."""
    backend = MemoryKeyring.make()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", PASS)
    try:
        yield backend.store
    finally:
        keyring.set_keyring(previous)


def _cache(store: dict[tuple[str, str], str], db: Path) -> tuple[tuple[str, str], str]:
    salt = crypto.read_salt(db)
    key = ("netjournal", f"journal-cache:{salt.hex()}")
    return key, store[key]


def test_the_passphrase_path_caches_the_raw_key(nj: NJ, store: Any) -> None:
    _fill(nj)
    nj("db", "encrypt")  # no --keyring: only the cache of this passphrase
    entry, value = _cache(store, nj.db)
    verifier, key = value.split(":")
    assert len(verifier) == 64 and len(key) == 64 and PASS not in value
    assert [user for _s, user in store] == [entry[1]]
    # The cache is what opens it: spoil the cached key (the verifier still
    # matches) and the journal no longer opens, so nothing was derived.
    store[entry] = f"{verifier}:{'00' * 32}"
    assert "Wrong passphrase" in nj.fails("person", "list").stderr
    store[entry] = value
    assert len(nj.json("person", "list")) == 2


def test_the_cache_never_opens_without_the_passphrase(
    nj: NJ, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(nj)
    nj("db", "encrypt")
    monkeypatch.delenv("NETJOURNAL_PASSPHRASE")
    assert "NETJOURNAL_PASSPHRASE" in nj.fails("person", "list").stderr


def test_a_wrong_passphrase_is_refused_and_not_cached(
    nj: NJ, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(nj)
    nj("db", "encrypt")
    entry, value = _cache(store, nj.db)
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "salah")
    assert "Wrong passphrase" in nj.fails("person", "list").stderr
    assert store[entry] == value  # the good cache is kept, the wrong key never stored
    store.clear()
    assert "Wrong passphrase" in nj.fails("person", "list").stderr
    assert store == {}


def test_rekey_replaces_the_cache_and_decrypt_drops_it(
    nj: NJ, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(nj)
    nj("db", "encrypt")
    entry, old = _cache(store, nj.db)
    monkeypatch.setenv("NETJOURNAL_NEW_PASSPHRASE", "baru sekali")
    nj("db", "rekey")
    assert store[entry] != old
    assert "Wrong passphrase" in nj.fails("person", "list").stderr  # the old one
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "baru sekali")
    assert len(nj.json("person", "list")) == 2
    nj("db", "decrypt")
    assert store == {}


def test_a_cache_made_before_a_rekey_elsewhere_is_not_used(nj: NJ, store: Any) -> None:
    """The journal was rekeyed by a copy of nj that did not see this keyring."""
    _fill(nj)
    nj("db", "encrypt")
    entry, value = _cache(store, nj.db)
    store[entry] = f"{keys._verifier('something else', crypto.read_salt(nj.db))}:{'11' * 32}"
    assert len(nj.json("person", "list")) == 2  # derived again, then cached again
    assert store[entry] == value


KEYRING_MODULE = """
import json, os
from keyring.backend import KeyringBackend
class FileKeyring(KeyringBackend):
    priority = 1
    def _load(self):
        try:
            with open(os.environ["TEST_KEYRING_FILE"]) as f:
                return json.load(f)
        except FileNotFoundError:
            return {}
    def get_password(self, service, username):
        return self._load().get(username)
    def set_password(self, service, username, password):
        data = self._load(); data[username] = password
        with open(os.environ["TEST_KEYRING_FILE"], "w") as f:
            json.dump(data, f)
    def delete_password(self, service, username):
        data = self._load(); data.pop(username, None)
        with open(os.environ["TEST_KEYRING_FILE"], "w") as f:
            json.dump(data, f)
"""


def _nj(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys\nfrom netjournal.cli import main\nsys.argv = ['nj'] + sys.argv[1:]\nmain()\n"
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_a_fresh_process_remembers_the_backend_by_name(tmp_path: Path) -> None:
    """No PYTHON_KEYRING_BACKEND, no keyringrc.cfg: the name in the data folder is loaded
    directly (no entry-point scan), and "none" skips the keyring altogether."""
    (tmp_path / "testkr.py").write_text(KEYRING_MODULE)
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env |= {
        "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path]),
        "TEST_KEYRING_FILE": str(tmp_path / "kr.json"),
        "NETJOURNAL_PASSPHRASE": PASS,
        "HOME": str(tmp_path),  # keyring's own keyringrc.cfg is looked for under it
    }
    db = str(tmp_path / "journal.db")
    assert _nj(env, "--db", db, "met", "Sari Wulandari", "-q").returncode == 0
    memo = Path(env["XDG_DATA_HOME"]) / "netjournal" / keys.MEMO_FILE
    memo.parent.mkdir(parents=True, exist_ok=True)
    memo.write_text(keys.NO_BACKEND)
    assert _nj(env, "--db", db, "db", "encrypt").returncode == 0
    assert not (tmp_path / "kr.json").exists()  # "none" remembered: no keyring consulted
    memo.write_text("testkr.FileKeyring\n")
    result = _nj(env, "--db", db, "person", "list", "--json")
    assert result.returncode == 0, result.stderr
    cached = json.loads((tmp_path / "kr.json").read_text())
    assert list(cached) == [f"journal-cache:{crypto.read_salt(Path(db)).hex()}"]
    result = _nj(env, "--db", db, "person", "list", "--json")
    assert [p["name"] for p in json.loads(result.stdout)] == ["Sari Wulandari"]
    memo.write_text("no_such_module.Keyring\n")  # uninstalled since: derived as before
    assert _nj(env, "--db", db, "person", "list").returncode == 0
    del env["NETJOURNAL_PASSPHRASE"]  # the keyring path looks again, and remembers anew
    assert "NETJOURNAL_PASSPHRASE" in _nj(env, "--db", db, "person", "list").stderr
    assert memo.read_text().strip() != "no_such_module.Keyring"  # "none" on a bare server


def test_the_keyring_import_leaves_urllib_working(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom netjournal.db import keys\nkeys._defer_imports()\nimport keyring\n"
        "assert type(sys.modules['urllib.request']).__name__ == '_Deferred'\n"
        "import urllib.request\nprint(urllib.request.Request('http://x').host)\n"
        "from urllib.request import urlopen\nprint(urlopen.__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["x", "urlopen"]
