"""One translation function for every user-facing string.

``_()`` is gettext-style: today it returns the English text; a Bahasa Indonesia
catalogue can be added later (``NETJOURNAL_LANG=id``) without touching the
commands. gettext is imported only when a catalogue is asked for, to keep the
start-up path of every command light.
"""

from __future__ import annotations

import os
from collections.abc import Callable

_translate: Callable[[str], str] | None = None


def _load() -> Callable[[str], str]:
    lang = os.environ.get("NETJOURNAL_LANG", "")
    if not lang or lang.startswith("en"):
        return lambda message: message
    import gettext
    from pathlib import Path

    localedir = Path(__file__).parent / "locale"
    translation = gettext.translation(
        "netjournal", localedir=str(localedir), languages=[lang], fallback=True
    )
    return translation.gettext


def _(message: str) -> str:
    """Translate ``message`` (identity until a catalogue exists)."""
    global _translate
    if _translate is None:
        _translate = _load()
    return _translate(message)
