"""Where the passphrase of an encrypted journal (or export) comes from.

In this order: ``NETJOURNAL_PASSPHRASE`` (scripts, cron); the system keyring,
when the user stored the journal's key there (``nj db encrypt --keyring``);
a prompt on a terminal (the front end passes ``prompt``). With none of them,
one clear error naming the three ways. The keyring holds the journal's RAW
key (derived once), so a journal opened from the keyring skips the slow key
derivation; the ``keyring`` library is optional and imported only here.

Two kinds of keyring entry, one of each per journal (named by its salt):

* ``journal-key:SALT`` = the raw key, stored because the user asked
  (``--keyring``): it opens the journal with no passphrase at all;
* ``journal-cache:SALT`` = ``VERIFIER:KEY``, stored on its own when a usable
  keyring exists, so that ``NETJOURNAL_PASSPHRASE`` costs no key derivation
  after the first command. It is used only when
  ``HMAC-SHA256(salt, passphrase)`` equals the verifier, so a changed or
  wrong passphrase is never opened by the cache (the key follows from the
  passphrase and the salt, so a matching verifier means a matching key).

Start-up cost (docs/privacy.md): importing ``keyring`` and discovering its
backend (an entry-point scan) costs more than the key derivation it saves.
So the backend found once is remembered by name (not a secret) in
``keyring-backend`` in the data folder, and loaded directly the next time;
"none" is remembered too (re-checked after a week), so cron without any
keyring pays only the derivation, as before.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netjournal.errors import JournalError
from netjournal.i18n import _

if TYPE_CHECKING:  # crypto (hashlib) loads only for an encrypted journal
    from netjournal.db.crypto import Cipher

ENV_VAR = "NETJOURNAL_PASSPHRASE"
SERVICE = "netjournal"
MEMO_FILE = "keyring-backend"
NO_BACKEND = "none"
NO_BACKEND_RECHECK_S = 7 * 24 * 3600
#: ``prompt(question, confirm)`` returns the passphrase typed (twice when confirm).
Prompt = Callable[[str, bool], str]


def _memo_path() -> Path:
    from netjournal.paths import data_dir

    return data_dir() / MEMO_FILE


def _read_memo() -> str | None:
    """The remembered backend (a class name or "none"), None when unknown or stale."""
    import time

    path = _memo_path()
    try:
        value = path.read_text(encoding="utf-8").strip()
        age = time.time() - path.stat().st_mtime
    except (OSError, UnicodeDecodeError):
        return None
    if not value or (value == NO_BACKEND and age > NO_BACKEND_RECHECK_S):
        return None
    return value


def _write_memo(value: str) -> None:
    path = _memo_path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{MEMO_FILE}.{os.getpid()}")
        tmp.write_text(value + "\n", encoding="utf-8")
        os.replace(tmp, path)


class _Deferred(types.ModuleType):
    """A stand-in for a module nobody may need: the real one is imported on first use."""

    def __getattr__(self, attr: str) -> Any:
        sys.modules.pop(self.__name__, None)
        return getattr(importlib.import_module(self.__name__), attr)


def _defer_imports() -> None:
    """Importing ``keyring`` imports ``jaraco.context``, which imports ``urllib.request``
    (http.client, ssl, email: ~13 ms, a third of the keyring's cost) for a download
    helper the keyring never calls. Stand it in, so it loads only if used."""
    if "urllib.request" in sys.modules or "keyring" in sys.modules:
        return
    import urllib

    stub = _Deferred("urllib.request")
    stub.__spec__ = None
    sys.modules["urllib.request"] = stub
    urllib.request = stub


def _usable(backend: Any) -> bool:
    from keyring.backends import fail

    return not isinstance(backend, fail.Keyring) and backend.priority > 0


def _discover(*, remember: bool = True) -> Any | None:
    """The keyring library's own choice (environment, keyringrc.cfg, else a scan),
    remembered by name unless ``remember`` is False."""
    _defer_imports()
    try:
        import keyring
    except ImportError:
        _write_memo(NO_BACKEND)
        return None
    try:
        backend = keyring.get_keyring()
        usable = _usable(backend)
    except Exception:
        backend, usable = None, False
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if remember and "<" not in name:
        _write_memo(name if usable else NO_BACKEND)
    return backend if usable else None


def _backend(*, discover: bool = True) -> Any | None:
    """The keyring backend when the library is installed and backed by a real store, else None.

    ``discover=False`` (the ``NETJOURNAL_PASSPHRASE`` path) never pays for a
    discovery when the remembered answer says there is no keyring.
    """
    if "keyring" in sys.modules or "PYTHON_KEYRING_BACKEND" in os.environ:
        # Already loaded (a backend set in-process, as tests do), or chosen by the
        # user for this run: cheap, and not remembered.
        return _discover(remember=False)
    memo = _read_memo()
    if memo == NO_BACKEND:
        return _discover() if discover else None
    if memo is not None:
        _defer_imports()
        try:
            from keyring.core import load_keyring, set_keyring

            backend = load_keyring(memo)
            if _usable(backend):
                set_keyring(backend)  # the library's choice for the rest of this process
                return backend
        except Exception:  # uninstalled, or not usable here (e.g. no D-Bus under cron)
            pass
        return _discover() if discover else None
    return _discover()


def _entry(salt: bytes) -> str:
    return f"journal-key:{salt.hex()}"


def _cache_entry(salt: bytes) -> str:
    return f"journal-cache:{salt.hex()}"


def _verifier(passphrase: str, salt: bytes) -> str:
    import hashlib
    import hmac

    return hmac.new(salt, passphrase.encode("utf-8"), hashlib.sha256).hexdigest()


def _get(backend: Any, entry: str) -> str | None:
    try:
        value = backend.get_password(SERVICE, entry)
    except Exception:
        return None
    return str(value) if value else None


def keyring_load(salt: bytes) -> Cipher | None:
    """The key the user stored with ``--keyring``, if any."""
    backend = _backend()
    value = _get(backend, _entry(salt)) if backend is not None else None
    if value is None:
        return None
    try:
        from netjournal.db.crypto import Cipher

        return Cipher(bytes.fromhex(value), salt)
    except ValueError:
        return None


def keyring_store(cipher: Cipher) -> None:
    """Keep the raw key in the system keyring; a clear error when there is none."""
    backend = _backend()
    if backend is None:
        raise JournalError(
            _(
                "No system keyring is available (install the 'keyring' package and a "
                "keyring service, or use NETJOURNAL_PASSPHRASE); nothing was changed"
            )
        )
    try:
        backend.set_password(SERVICE, _entry(cipher.salt), cipher.key.hex())
    except Exception as exc:
        raise JournalError(
            _("The keyring refused to store the key ({exc}); nothing was changed").format(exc=exc)
        ) from None


def cached_cipher(passphrase: str, salt: bytes) -> Cipher | None:
    """The key cached for this passphrase (no derivation), or None."""
    backend = _backend(discover=False)
    value = _get(backend, _cache_entry(salt)) if backend is not None else None
    if value is None:
        return None
    verifier, _sep, key = value.partition(":")
    import hmac

    if not hmac.compare_digest(verifier, _verifier(passphrase, salt)):
        return None
    try:
        from netjournal.db.crypto import Cipher

        return Cipher(bytes.fromhex(key), salt)
    except ValueError:
        return None


def cache_cipher(passphrase: str, cipher: Cipher) -> None:
    """Remember a derived key for this passphrase when a keyring is usable (best effort)."""
    backend = _backend(discover=False)
    if backend is None:
        return
    value = f"{_verifier(passphrase, cipher.salt)}:{cipher.key.hex()}"
    with contextlib.suppress(Exception):
        backend.set_password(SERVICE, _cache_entry(cipher.salt), value)


def derive(passphrase: str, path: Path, salt: bytes) -> Cipher:
    """The key for a passphrase: from the keyring's cache, else derived, and cached
    once it has opened the journal (a wrong passphrase is never cached)."""
    cached = cached_cipher(passphrase, salt)
    if cached is not None:
        return cached
    from netjournal.db import crypto

    cipher = crypto.Cipher.derive(passphrase, salt)
    if crypto.opens(path, cipher):
        cache_cipher(passphrase, cipher)
    return cipher


def keyring_forget(salt: bytes) -> bool:
    """Drop both entries of a journal; True when the ``--keyring`` one was there."""
    backend = _backend()
    if backend is None:
        return False
    with contextlib.suppress(Exception):
        backend.delete_password(SERVICE, _cache_entry(salt))
    try:
        backend.delete_password(SERVICE, _entry(salt))
    except Exception:
        return False
    return True


def forget_cache(salt: bytes) -> None:
    """Drop the cached key of a journal (its passphrase changed)."""
    backend = _backend()
    if backend is not None:
        with contextlib.suppress(Exception):
            backend.delete_password(SERVICE, _cache_entry(salt))


def no_passphrase() -> JournalError:
    return JournalError(
        _(
            "this journal is encrypted; set NETJOURNAL_PASSPHRASE, store the key in the "
            "keyring (nj db encrypt --keyring) or run nj in a terminal to type the passphrase"
        )
    )


def passphrase(prompt: Prompt | None, question: str, *, confirm: bool = False) -> str:
    """The passphrase from the environment or the prompt (never the keyring: it holds keys)."""
    value = os.environ.get(ENV_VAR)
    if value:
        return value
    if prompt is None:
        raise no_passphrase()
    value = prompt(question, confirm)
    if not value:
        raise JournalError(_("An empty passphrase is not allowed"))
    return value


@dataclass
class Keys:
    """The CLI's :class:`~netjournal.db.crypto.KeySource`: environment, keyring, prompt."""

    prompt: Prompt | None = None
    use_keyring: bool = True

    def cipher_for(self, path: Path, salt: bytes) -> Cipher:
        value = os.environ.get(ENV_VAR)
        if value:
            if self.use_keyring:
                return derive(value, path, salt)
            from netjournal.db.crypto import Cipher

            return Cipher.derive(value, salt)
        if self.use_keyring:
            stored = keyring_load(salt)
            if stored is not None:
                return stored
        if self.prompt is None:
            raise no_passphrase()
        typed = self.prompt(_("Passphrase for {path}").format(path=path), False)
        from netjournal.db.crypto import Cipher

        return Cipher.derive(typed, salt)
