"""The TOML config file: thresholds of the weekly review and a few preferences.

tomllib is imported only when the file exists, so commands stay fast for users
who never write one.
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
    day_first: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def config_path() -> Path:
    """``NETJOURNAL_CONFIG`` if set, else ``config.toml`` in the user config directory."""
    override = os.environ.get("NETJOURNAL_CONFIG", "").strip()
    if override:
        return Path(override).expanduser()
    return config_dir() / "config.toml"


def parse_config(text: str, source: str = "config") -> Config:
    """Build a Config from TOML text; unknown keys and wrong types are errors."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
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
        if expected is int and not (0 <= value <= 3650):
            raise InvalidInput(
                _("Config file {source}: '{key}' must be between 0 and 3650").format(
                    source=source, key=key
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
