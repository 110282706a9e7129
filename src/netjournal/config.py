"""The TOML config file: thresholds of the weekly review and a few preferences.

tomllib is imported only when the file exists, so commands stay fast for users
who never write one. :func:`parse_value` and :func:`set_in_text` back
``nj config set``/``unset``: they edit the text, keeping comments and layout.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from netjournal.errors import InvalidInput
from netjournal.i18n import _
from netjournal.paths import config_dir


@dataclass(frozen=True)
class Config:
    """Every setting with its default (SPEC.md: 7, 7, 14, 3 days)."""

    fresh_contact_days: int = 7
    open_need_days: int = 7
    promise_days: int = 7
    check_in_days: int = 14
    thank_days: int = 3
    review_limit: int = 15
    # Dormant ties: no contact for this many days (nj reconnect, the review).
    reconnect_after_days: int = 180
    day_first: bool = True
    # "auto": NETJOURNAL_LANG, else the locale (LANG...); "en" or "id" fix it.
    language: str = "auto"
    # Your name: signs the introduction messages ({me} in a template).
    my_name: str = ""
    # Occasions (birthdays, holidays) shown this many days ahead in the review.
    occasion_days: int = 14
    # Whose public holidays date Lebaran, Imlek...: an ISO country code.
    holidays_country: str = "ID"
    # Long output on a terminal goes through $PAGER (less -R); false turns it off.
    pager: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# Settings that take one of a few words.
CHOICES: dict[str, tuple[str, ...]] = {"language": ("auto", "en", "id")}
INT_RANGE = (0, 3650)


def config_path() -> Path:
    """``NETJOURNAL_CONFIG`` if set, else ``config.toml`` in the user config directory."""
    override = os.environ.get("NETJOURNAL_CONFIG", "").strip()
    if override:
        return Path(override).expanduser()
    return config_dir() / "config.toml"


def _loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    data: dict[str, Any] = tomllib.loads(text)
    return data


def parse_config(text: str, source: str = "config") -> Config:
    """Build a Config from TOML text; unknown keys and wrong types are errors."""
    try:
        data = _loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise InvalidInput(
            _("Config file {source} is not valid TOML: {exc}").format(source=source, exc=exc)
        ) from None
    section = data.get("review", {})
    merged: dict[str, Any] = {k: v for k, v in data.items() if k != "review"}
    if isinstance(section, dict):
        merged.update(section)
    defaults = Config()
    values: dict[str, Any] = {}
    for key, value in merged.items():
        if not hasattr(defaults, key):
            raise InvalidInput(
                _("Config file {source}: unknown setting '{key}'").format(source=source, key=key)
            )
        expected = type(getattr(defaults, key))
        if type(value) is not expected:
            raise InvalidInput(
                _("Config file {source}: '{key}' must be {type}").format(
                    source=source, key=key, type=expected.__name__
                )
            )
        if expected is int and not (INT_RANGE[0] <= value <= INT_RANGE[1]):
            raise InvalidInput(
                _("Config file {source}: '{key}' must be between 0 and 3650").format(
                    source=source, key=key
                )
            )
        if key in CHOICES and value not in CHOICES[key]:
            raise InvalidInput(
                _("Config file {source}: '{key}' must be one of {choices}").format(
                    source=source, key=key, choices=", ".join(CHOICES[key])
                )
            )
        values[key] = value
    return Config(**values)


def load_config() -> Config:
    """The user's config, or the defaults when there is no file."""
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            _("Cannot read config file {path}: {exc}").format(path=path, exc=exc)
        ) from None
    return parse_config(text, str(path))


def configured_language(path: Path | None = None) -> str | None:
    """The file's ``language`` ("en" or "id"), or None: never an error.

    Read before the interface language is known (see netjournal.i18n); a broken
    file is reported later by :func:`load_config`, in the language chosen without it.
    """
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
        data = _loads(text)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    section = data.get("review")
    value = section.get("language") if isinstance(section, dict) else None
    value = value if value is not None else data.get("language")
    return value if value in ("en", "id") else None


_TRUE = ("true", "yes", "on", "1", "ya")
_FALSE = ("false", "no", "off", "0", "tidak")


def parse_value(key: str, text: str) -> int | bool | str:
    """The typed value of ``key`` typed on the command line; InvalidInput if it is wrong.

    The key must exist (check with ``key in Config().as_dict()``).
    """
    default = Config().as_dict()[key]
    raw = text.strip()
    if isinstance(default, bool):
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise InvalidInput(
            _("'{key}' must be true or false, not '{value}'").format(key=key, value=text)
        )
    if isinstance(default, int):
        try:
            number = int(raw)
        except ValueError:
            number = None
        if number is None or not (INT_RANGE[0] <= number <= INT_RANGE[1]):
            raise InvalidInput(
                _("'{key}' must be a whole number between 0 and 3650, not '{value}'").format(
                    key=key, value=text
                )
            )
        return number
    choices = CHOICES.get(key)
    if choices is not None and raw.lower() not in choices:
        raise InvalidInput(
            _("'{key}' must be one of {choices}, not '{value}'").format(
                key=key, choices=", ".join(choices), value=text
            )
        )
    return raw.lower() if choices else raw


def toml_value(value: int | bool | str) -> str:
    """``value`` written as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _assignment_key(line: str) -> str | None:
    stripped = line.strip()
    if not stripped or stripped.startswith(("#", "[")) or "=" not in stripped:
        return None
    return stripped.split("=", 1)[0].strip().strip('"').strip("'")


def set_in_text(text: str, key: str, value: int | bool | str | None) -> str:
    """``text`` with ``key`` set to ``value`` (None removes it); comments stay.

    Every assignment of ``key`` at the top level or under ``[review]`` is
    replaced (or removed); a new key goes at the top level, before the first table.
    """
    lines = text.splitlines(keepends=True)
    table: str | None = None
    out: list[str] = []
    first_table: int | None = None
    found = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("["):
            table = stripped.strip("[] \t").split("#")[0].strip("[] \t")
            if first_table is None:
                first_table = len(out)
        elif _assignment_key(line) == key and table in (None, "review"):
            found = True
            if value is None:
                continue
            indent = line[: len(line) - len(line.lstrip())]
            comment = _trailing_comment(line.split("=", 1)[1])
            ending = "\n" if line.endswith("\n") else ""
            out.append(f"{indent}{key} = {toml_value(value)}{comment}{ending}")
            continue
        out.append(line)
    if not found and value is not None:
        new = f"{key} = {toml_value(value)}\n"
        if first_table is None:
            if out and not out[-1].endswith("\n"):
                out[-1] += "\n"
            out.append(new)
        else:
            out.insert(first_table, new + "\n")
    return "".join(out)


def _trailing_comment(value_part: str) -> str:
    """`` # comment`` after a scalar value, or ""; quoted text may contain ``#``."""
    quote: str | None = None
    for i, char in enumerate(value_part):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            return "  " + value_part[i:].rstrip("\r\n")
    return ""
