"""Typing a passphrase on a terminal (no echo; asked twice when setting one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netjournal.i18n import _

if TYPE_CHECKING:
    from netjournal.cli.context import AppContext
    from netjournal.db.keys import Keys, Prompt


def prompt(question: str, confirm: bool) -> str:
    import getpass

    from netjournal.errors import JournalError

    first = getpass.getpass(f"{question}: ")
    if confirm and getpass.getpass(_("Type it again: ")) != first:
        raise JournalError(_("The two passphrases differ; nothing was changed"))
    return first


def prompter(env: AppContext) -> Prompt | None:
    """The prompt when we may ask (stdin and stderr are terminals), else None."""
    return prompt if env.interactive else None


def keys(env: AppContext) -> Keys:
    from netjournal.db.keys import Keys

    return Keys(prompt=prompter(env))
