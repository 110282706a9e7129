"""Checking user text on the way in, making it harmless on the way out.

Policy (docs/reliability.md): one-line fields (names, org, role, email, phone,
tags, events) refuse control characters; free text (notes, needs, offers)
allows newlines and tabs only. Everything else (markup such as ``[bold]``,
emoji, right-to-left marks, SQL) is stored literally and displayed harmlessly.
"""

from __future__ import annotations

import re

from netjournal.errors import InvalidInput
from netjournal.i18n import _

MAX_LINE = 200
MAX_TEXT = 10_000

# C0 controls, DEL and C1 controls.
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates: harmless in storage, but they can
# reorder what a terminal shows, so they are removed on display.
_DISPLAY_STRIP = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _show(value: str) -> str:
    return value[:40] + "…" if len(value) > 40 else value


def clean_line(
    value: str | None, field: str, *, required: bool = False, max_len: int = MAX_LINE
) -> str | None:
    """Validate a one-line field; returns the trimmed text, or None when empty and optional."""
    if value is None:
        if required:
            raise InvalidInput(_("{field} cannot be empty").format(field=field))
        return None
    if len(value) > max_len:
        raise InvalidInput(
            _("{field} is too long ({n} characters; at most {max})").format(
                field=field, n=len(value), max=max_len
            )
        )
    if _CONTROL_LINE.search(value):
        raise InvalidInput(
            _(
                "{field} contains control characters (such as escape codes); please type plain text"
            ).format(field=field)
        )
    text = " ".join(value.split())
    if not text:
        if required:
            raise InvalidInput(_("{field} cannot be empty").format(field=field))
        return None
    return text


def clean_text(
    value: str | None, field: str, *, required: bool = False, max_len: int = MAX_TEXT
) -> str | None:
    """Validate free text: newlines and tabs allowed, other control characters refused."""
    if value is None:
        if required:
            raise InvalidInput(_("{field} cannot be empty").format(field=field))
        return None
    if len(value) > max_len:
        raise InvalidInput(
            _("{field} is too long ({n} characters; at most {max})").format(
                field=field, n=len(value), max=max_len
            )
        )
    if _CONTROL_TEXT.search(value.replace("\r\n", "\n")):
        raise InvalidInput(
            _(
                "{field} contains control characters (such as escape codes); please type plain text"
            ).format(field=field)
        )
    text = value.replace("\r\n", "\n").strip()
    if not text:
        if required:
            raise InvalidInput(_("{field} cannot be empty").format(field=field))
        return None
    return text


def clean_name(value: str) -> str:
    """A person's name: required, one line, not just digits (those are ids)."""
    text = clean_line(value, _("The name"), required=True)
    assert text is not None
    if text.lstrip("#").isdigit():
        raise InvalidInput(
            _("'{name}' looks like an id, not a name; write '#{id}' to mean a person's id").format(
                name=_show(text), id=text.lstrip("#")
            )
        )
    return text


def clean_tag(value: str) -> str:
    tag = clean_line(value, _("A tag"), required=True, max_len=60)
    assert tag is not None
    return tag.lstrip("#").casefold() or tag


# Characters a JSON document may carry inside strings but that a terminal could
# act on (C1 controls, direction overrides, line/paragraph separators).
_JSON_ESCAPE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_safe(document: str) -> str:
    """Escape, as \\uXXXX, what could steer a terminal in a JSON document; the parsed
    value stays exactly the same (json.dumps already escapes C0 controls)."""
    return _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def displayable(value: str) -> str:
    """Remove what could steer a terminal: control characters and direction overrides."""
    return _DISPLAY_STRIP.sub("", value)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text``: the one folding of names and words.

    Text made only of marks (a lone "¨") keeps them rather than folding to
    nothing, so that it still has a key of its own.
    """
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return folded if folded.strip() or not text.strip() else decomposed.casefold()
