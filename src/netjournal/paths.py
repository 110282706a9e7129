"""Where netjournal keeps its files: one resolver, overridable by environment.

Computed here instead of with platformdirs: the rule is a few lines and this
runs on the start-up path of every command (platformdirs costs ~16 ms to import).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP = "netjournal"


def _user_dir(
    environ: Mapping[str, str] | None,
    xdg: tuple[str, str],
    windows: tuple[str, str, str],
    mac: str,
) -> Path:
    """``$XDG_…/netjournal`` (its default under home when unset or relative) on
    Linux; the platform's own folders on Windows and macOS."""
    env = os.environ if environ is None else environ
    home = Path.home()
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        var, default, below = windows
        return Path(env.get(var) or str(home / default)) / APP / below
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        return home / "Library" / mac / APP
    var, default = xdg
    base = env.get(var) or ""
    if not base or not os.path.isabs(base):
        base = str(home / default)
    return Path(base) / APP


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user data directory for netjournal (XDG on Linux)."""
    return _user_dir(
        environ,
        ("XDG_DATA_HOME", ".local/share"),
        ("LOCALAPPDATA", "AppData/Local", ""),
        "Application Support",
    )


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user config directory for netjournal (XDG on Linux)."""
    return _user_dir(
        environ,
        ("XDG_CONFIG_HOME", ".config"),
        ("APPDATA", "AppData/Roaming", ""),
        "Application Support",
    )


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user cache directory for netjournal (XDG on Linux): files
    that can be rebuilt at any time (the analysed knowledge of kinds of helper)."""
    return _user_dir(
        environ, ("XDG_CACHE_HOME", ".cache"), ("LOCALAPPDATA", "AppData/Local", "cache"), "Caches"
    )


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """``NETJOURNAL_DB`` if set, else ``journal.db`` in the user data directory."""
    env = os.environ if environ is None else environ
    override = env.get("NETJOURNAL_DB", "").strip()
    if override:
        return Path(override).expanduser()
    return data_dir(env) / "journal.db"


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """The database a command uses: ``--db`` first, then ``NETJOURNAL_DB``, then the default."""
    if option is not None and str(option).strip():
        return Path(option).expanduser()
    return default_db_path()
