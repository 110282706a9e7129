"""One translation function for every user-facing string: English or Bahasa Indonesia.

The language is chosen once per process (:func:`choose_language` is the pure
rule): ``NETJOURNAL_LANG``, then the config key ``language``, then the
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: any ``id*`` is Indonesian),
else English. ``_()`` makes that choice lazily on its first call, from
``os.environ`` and the config file; :func:`set_language` overrides it.

English loads nothing (``_()`` returns its argument). Indonesian reads the
compiled catalogue ``locale/id/LC_MESSAGES/netjournal.mo`` from the package
folder with the standard library's gettext. The ``.po`` source and the
extraction script are described in ``scripts/i18n.py``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

DOMAIN = "netjournal"
LANGUAGES = ("en", "id")
DEFAULT = "en"

_language: str | None = None
_gettext: Callable[[str], str] | None = None
_ngettext: Callable[[str, str, int], str] | None = None


def normalize(value: str | None) -> str | None:
    """``"id"`` or ``"en"`` for a language or locale name; None when it names neither.

    ``id``, ``id_ID.UTF-8``, ``id-ID``, ``ind``, ``indonesian``, ``bahasa`` and the
    old code ``in_ID`` (still used by Android) are Indonesian; ``en*``, ``C`` and
    ``POSIX`` are English.
    """
    if not value:
        return None
    head = value.strip().lower().replace("-", "_").split(".")[0].split("@")[0]
    code = head.split("_")[0]
    if code in ("id", "in", "ind", "indonesian", "indonesia", "bahasa"):
        return "id"
    if code in ("en", "eng", "english", "c", "posix"):
        return "en"
    return None


def choose_language(env: Mapping[str, str], configured: str | None = None) -> str:
    """The interface language: pure, from the environment and the config value.

    ``NETJOURNAL_LANG`` wins (a language we do not have means English); then
    ``configured`` (the config key ``language``); then the first non-empty of
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as the C library reads them.
    """
    explicit = env.get("NETJOURNAL_LANG", "").strip()
    if explicit:
        return normalize(explicit) or DEFAULT
    chosen = normalize(configured)
    if chosen:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return normalize(value) or DEFAULT
    return DEFAULT


def catalogue_path(lang: str) -> str:
    """Where the compiled catalogue of ``lang`` lives inside the package."""
    return os.path.join(os.path.dirname(__file__), "locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def set_language(lang: str | None) -> str | None:
    """Use ``lang`` ("en" or "id") from now on; None forgets the choice.

    After None, the next ``_()`` chooses again from the environment (tests use
    this to run the CLI in another language in the same process). Returns the
    language in effect. A missing catalogue falls back to English.
    """
    global _language, _gettext, _ngettext
    if lang is None:
        _language, _gettext, _ngettext = None, None, None
        return None
    lang = normalize(lang) or DEFAULT
    if lang == "en":
        _language, _gettext, _ngettext = "en", str, _english_plural
        return "en"
    import gettext

    try:
        with open(catalogue_path(lang), "rb") as fh:
            catalogue = gettext.GNUTranslations(fh)
    except OSError:
        _language, _gettext, _ngettext = "en", str, _english_plural
        return "en"
    _language, _gettext, _ngettext = lang, catalogue.gettext, catalogue.ngettext
    return lang


def config_file(env: Mapping[str, str]) -> str:
    """The config file's path, as :func:`netjournal.config.config_path` says
    (a test keeps the two equal). Not imported from there: that module builds
    dataclasses, which would cost every command ~3 ms before its first message."""
    override = env.get("NETJOURNAL_CONFIG", "").strip()
    if override:
        return os.path.expanduser(override)
    from netjournal.paths import config_dir

    return str(config_dir(env) / "config.toml")


def _configured(env: Mapping[str, str]) -> str | None:
    """The config file's ``language``, or None (never an error: the config
    loader reports a broken file, in the language chosen without it)."""
    path = config_file(env)
    try:
        with open(path, "rb") as fh:
            if b"language" not in fh.read():
                return None  # the common case costs no TOML parser
    except OSError:
        return None
    from pathlib import Path

    from netjournal.config import configured_language

    return configured_language(Path(path))


def _decide() -> None:
    global _gettext, _ngettext
    # Messages asked for while we decide (none expected) stay English.
    _gettext, _ngettext = str, _english_plural
    env = os.environ
    configured = None if env.get("NETJOURNAL_LANG", "").strip() else _configured(env)
    set_language(choose_language(env, configured))


def language() -> str:
    """The language in effect ("en" or "id"), choosing it if not done yet."""
    if _language is None:
        _decide()
    return _language or DEFAULT


def _(message: str) -> str:
    """``message`` in the interface language (the English text is the key)."""
    if _gettext is None:
        _decide()
    assert _gettext is not None
    return _gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a count message for ``n``: ``ngettext("{n} person", "{n} people", n)``.

    Indonesian has one form; English picks by ``n == 1``. Format the result
    yourself: ``ngettext(...).format(n=n)``.
    """
    if _ngettext is None:
        _decide()
    assert _ngettext is not None
    return _ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


# Typer draws these itself, from constants set when typer.rich_utils is imported.
_TYPER_STRINGS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "REQUIRED_LONG_STRING": N_("[required]"),
}


def translate_help(command: Any) -> None:
    """Translate the help of a Click/Typer command tree in place, for ``--help``.

    Typer fills ``help`` from ``help=`` literals and docstrings when the module
    is imported; the CLI calls this on each command it builds, so ``--help``
    follows the language even when the strings were made in English.
    Nothing happens in English.
    """
    if language() == "en":
        return
    for attr in ("help", "short_help", "epilog"):
        text = getattr(command, attr, None)
        if isinstance(text, str) and text:
            setattr(command, attr, _(text))
    for param in getattr(command, "params", ()):
        text = getattr(param, "help", None)
        if isinstance(text, str) and text:
            param.help = _(text)
    commands = getattr(command, "commands", None)
    if isinstance(commands, dict):
        for sub in commands.values():
            translate_help(sub)
    # Typer's panel titles: patched only when rich_utils is already loaded,
    # never imported here (that would slow down every command).
    rich_utils = sys.modules.get("typer.rich_utils")
    if rich_utils is not None:
        for name, text in _TYPER_STRINGS.items():
            setattr(rich_utils, name, _(text))
