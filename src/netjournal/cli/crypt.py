"""``nj db encrypt|decrypt|rekey``: the encrypted journal (docs/privacy.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netjournal.cli.common import DbOpt, JsonOpt
from netjournal.cli.context import AppContext, app_context
from netjournal.i18n import _

#: Where ``nj db rekey`` reads the NEW passphrase in scripts (the old one: the usual sources).
NEW_ENV_VAR = "NETJOURNAL_NEW_PASSPHRASE"

KeyringOpt = Annotated[
    bool,
    typer.Option(
        "--keyring",
        help="Also keep the journal's key in the system keyring (opens without a passphrase, and fast).",
    ),
]


def register(db_app: typer.Typer) -> None:
    db_app.command("encrypt")(db_encrypt)
    db_app.command("decrypt")(db_decrypt)
    db_app.command("rekey")(db_rekey)


def _journal_file(env: AppContext, db: str | None, *, encrypted: bool) -> Path:
    from netjournal.db.journal import check_path, looks_encrypted
    from netjournal.errors import JournalError

    path = env.db_path(db)
    check_path(path)
    if not path.is_file():
        raise JournalError(_("No journal at {path}").format(path=path))
    if looks_encrypted(path) != encrypted:
        if encrypted:
            raise JournalError(_("{path} is not encrypted").format(path=path))
        raise JournalError(_("{path} is already encrypted").format(path=path))
    return path


def _report(json_out: bool, data: dict[str, Any], message: str) -> None:
    from netjournal import render

    if json_out:
        render.print_json(data)
    else:
        render.out().print(render.line(render.t(message)))


def db_encrypt(
    ctx: typer.Context,
    keyring: KeyringOpt = False,
    remove_backups: Annotated[
        bool,
        typer.Option(
            "--remove-backups",
            help="Overwrite and remove the backups in clear beside the journal (journal.db.*.bak).",
        ),
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Encrypt the journal in place (passphrase: NETJOURNAL_PASSPHRASE or typed twice)."""
    from netjournal import render
    from netjournal.cli.passphrase import prompter
    from netjournal.db import crypto, keys
    from netjournal.db.journal import looks_encrypted, open_journal

    env = app_context(ctx)
    if remove_backups and looks_encrypted(env.db_path(db)):
        path = env.db_path(db)  # already encrypted: only remove the old backups in clear
        gone = [str(b) for b in crypto.plain_backups(path)]
        for name in gone:
            crypto.shred_file(Path(name))
        data = {"path": str(path), "encrypted": True, "removed_backups": gone}
        _report(json_out, data, _("Removed {n} backup(s) in clear").format(n=len(gone)))
        return
    path = _journal_file(env, db, encrypted=False)
    crypto.driver()  # the extra is installed, before asking anything
    open_journal(path, create=False).close()  # ours, and its schema up to date
    secret = keys.passphrase(
        prompter(env), _("New passphrase for {path}").format(path=path), confirm=True
    )
    cipher = crypto.Cipher.new(secret)
    if keyring:
        keys.keyring_store(cipher)
    counts = crypto.convert(path, None, cipher)
    keys.cache_cipher(secret, cipher)  # the next commands skip the key derivation
    backups = crypto.plain_backups(path)
    removed: list[str] = []
    if remove_backups:
        for backup in backups:
            crypto.shred_file(backup)
            removed.append(str(backup))
        backups = []
    data = {
        "path": str(path),
        "encrypted": True,
        "keyring": keyring,
        "counts": counts,
        "plain_backups": [str(b) for b in backups],
        "removed_backups": removed,
    }
    _report(json_out, data, _("Encrypted {path}").format(path=path))
    if backups and not json_out:
        render.note(
            render.line(
                ("Warning: ", "yellow"),
                render.t(
                    _(
                        "{n} backup file(s) in clear remain beside the journal ({names}); "
                        "run 'nj db encrypt --remove-backups' to overwrite and remove them"
                    ).format(n=len(backups), names=", ".join(b.name for b in backups))
                ),
            )
        )


def db_decrypt(ctx: typer.Context, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Turn an encrypted journal back into a plain one (and forget its key in the keyring)."""
    from netjournal.cli.passphrase import keys as key_source
    from netjournal.db import crypto, keys

    env = app_context(ctx)
    path = _journal_file(env, db, encrypted=True)
    crypto.driver()
    cipher = key_source(env).cipher_for(path, crypto.read_salt(path))
    counts = crypto.convert(path, cipher, None)
    forgot = keys.keyring_forget(cipher.salt)
    data = {"path": str(path), "encrypted": False, "counts": counts, "keyring_removed": forgot}
    _report(json_out, data, _("Decrypted {path}").format(path=path))


def db_rekey(
    ctx: typer.Context, keyring: KeyringOpt = False, db: DbOpt = None, json_out: JsonOpt = False
) -> None:
    """Change the passphrase (new one: NETJOURNAL_NEW_PASSPHRASE or typed twice)."""
    import os

    from netjournal.cli.passphrase import keys as key_source
    from netjournal.cli.passphrase import prompter
    from netjournal.db import crypto, keys
    from netjournal.db.journal import open_journal
    from netjournal.errors import JournalError

    env = app_context(ctx)
    path = _journal_file(env, db, encrypted=True)
    with open_journal(path, create=False, keys=key_source(env)) as journal:
        assert journal.cipher is not None
        secret = os.environ.get(NEW_ENV_VAR)
        if not secret:
            ask = prompter(env)
            if ask is None:
                raise JournalError(
                    _("Set {var} to the new passphrase, or run nj db rekey in a terminal").format(
                        var=NEW_ENV_VAR
                    )
                )
            secret = ask(_("New passphrase for {path}").format(path=path), True)
        new = crypto.Cipher.derive(secret, journal.cipher.salt)
        stored = keys.keyring_load(journal.cipher.salt) is not None
        if keyring and not stored:
            keys.keyring_store(journal.cipher)  # fails early, before anything changed
        crypto.rekey(journal.conn, new)
        keys.forget_cache(new.salt)  # the cache of the old passphrase
        if keyring or stored:
            keys.keyring_store(new)
        keys.cache_cipher(secret, new)
    data = {"path": str(path), "encrypted": True, "keyring": keyring or stored}
    _report(json_out, data, _("Changed the passphrase of {path}").format(path=path))
