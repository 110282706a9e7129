"""Encrypted exports (``nj export json --encrypt``): a small header, then a Fernet token.

Layout: ``NJSEALED1\\n`` (the magic line ``nj import json`` recognises), 16
bytes of random salt, then the token of ``cryptography``'s Fernet (AES-128-CBC
with HMAC-SHA256, authenticated: a changed byte or a wrong passphrase is
refused, never half-read). The Fernet key is derived from the passphrase with
scrypt (n=2**15, r=8, p=1) and the salt. ``cryptography`` is well kept, ships
binary wheels, and needs no extra tool on the receiving computer.
"""

from __future__ import annotations

import base64
import os
from typing import Any

from netjournal.errors import InvalidInput, JournalError
from netjournal.i18n import _

MAGIC = b"NJSEALED1\n"
SALT_BYTES = 16
INSTALL_HINT = 'pip install "netjournal[encrypt]"'


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def _fernet(passphrase: str, salt: bytes) -> Any:
    try:
        from cryptography.fernet import Fernet
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    except ImportError:
        raise JournalError(
            _("Encrypted exports need the 'cryptography' package; run: {cmd}").format(
                cmd=INSTALL_HINT
            )
        ) from None
    key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def seal(data: bytes, passphrase: str) -> bytes:
    salt = os.urandom(SALT_BYTES)
    token: bytes = _fernet(passphrase, salt).encrypt(data)
    return MAGIC + salt + token


def unseal(data: bytes, passphrase: str, source: str) -> bytes:
    """The clear bytes; InvalidInput for a wrong passphrase or a damaged file."""
    from cryptography.fernet import InvalidToken

    salt = data[len(MAGIC) : len(MAGIC) + SALT_BYTES]
    token = data[len(MAGIC) + SALT_BYTES :]
    try:
        clear: bytes = _fernet(passphrase, salt).decrypt(token)
    except (InvalidToken, ValueError):
        raise InvalidInput(
            _(
                "{path}: wrong passphrase, or the encrypted export is damaged; nothing was imported"
            ).format(path=source)
        ) from None
    return clear
