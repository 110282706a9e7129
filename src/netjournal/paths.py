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


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user data directory for netjournal (XDG on Linux)."""
    env = os.environ if environ is None else environ
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        base = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        return Path.home() / "Library" / "Application Support" / APP
    base = env.get("XDG_DATA_HOME") or ""
    if not base or not os.path.isabs(base):
        base = str(Path.home() / ".local" / "share")
    return Path(base) / APP


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user config directory for netjournal (XDG on Linux)."""
    env = os.environ if environ is None else environ
    if sys.platform == "win32":  # pragma: no cover
        base = env.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / APP
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Application Support" / APP
    base = env.get("XDG_CONFIG_HOME") or ""
    if not base or not os.path.isabs(base):
        base = str(Path.home() / ".config")
    return Path(base) / APP


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user cache directory for netjournal (XDG on Linux): files
    that can be rebuilt at any time (the analysed knowledge of kinds of helper)."""
    env = os.environ if environ is None else environ
    if sys.platform == "win32":  # pragma: no cover
        base = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP / "cache"
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / APP
    base = env.get("XDG_CACHE_HOME") or ""
    if not base or not os.path.isabs(base):
        base = str(Path.home() / ".cache")
    return Path(base) / APP


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
