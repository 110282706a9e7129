"""Where the passphrase of an encrypted journal (or export) comes from.

In this order: ``NETJOURNAL_PASSPHRASE`` (scripts, cron); the system keyring,
when the user stored the journal's key there (``nj db encrypt --keyring``);
a prompt on a terminal (the front end passes ``prompt``). With none of them,
one clear error naming the three ways. The keyring holds the journal's RAW
key (derived once), so a journal opened from the keyring skips the slow key
derivation; the ``keyring`` library is optional and imported only here.
"""

from __future__ import annotations

import os
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
#: ``prompt(question, confirm)`` returns the passphrase typed (twice when confirm).
Prompt = Callable[[str, bool], str]


def _keyring() -> Any | None:
    """The keyring module when installed and backed by a real store, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring):
        return None
    return keyring


def _entry(salt: bytes) -> str:
    return f"journal-key:{salt.hex()}"


def keyring_load(salt: bytes) -> Cipher | None:
    store = _keyring()
    if store is None:
        return None
    try:
        value = store.get_password(SERVICE, _entry(salt))
    except Exception:
        return None
    if not value:
        return None
    try:
        from netjournal.db.crypto import Cipher

        return Cipher(bytes.fromhex(value), salt)
    except ValueError:
        return None


def keyring_store(cipher: Cipher) -> None:
    """Keep the raw key in the system keyring; a clear error when there is none."""
    store = _keyring()
    if store is None:
        raise JournalError(
            _(
                "No system keyring is available (install the 'keyring' package and a "
                "keyring service, or use NETJOURNAL_PASSPHRASE); nothing was changed"
            )
        )
    try:
        store.set_password(SERVICE, _entry(cipher.salt), cipher.key.hex())
    except Exception as exc:
        raise JournalError(
            _("The keyring refused to store the key ({exc}); nothing was changed").format(exc=exc)
        ) from None


def keyring_forget(salt: bytes) -> bool:
    store = _keyring()
    if store is None:
        return False
    try:
        store.delete_password(SERVICE, _entry(salt))
    except Exception:
        return False
    return True


def no_passphrase() -> JournalError:
    return JournalError(
        _(
            "This journal is encrypted; set NETJOURNAL_PASSPHRASE, store the key in the "
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
