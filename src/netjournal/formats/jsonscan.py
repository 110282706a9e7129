"""Reading a large JSON document without building it all at once.

:func:`scan` walks the top-level object of a document. Values that are lists
become :class:`Section` objects, which parse their items one at a time when
iterated (each item with the standard library's own scanner, so the objects
are exactly those of ``json.loads``); other values are parsed at once. Memory
then holds the text and one item, never the text and the whole tree.

Anything unusual (a syntax error, trailing data, a top level that is not an
object) raises :class:`NotScanned`: the caller then uses ``json.loads``, whose
error message is the one users see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from json.decoder import JSONDecodeError, JSONDecoder
from typing import Any

_DECODER = JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")  # what JSON allows between tokens


class NotScanned(Exception):
    """The text is not a plain JSON object: parse it with ``json.loads`` instead."""


def _skip(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


def _items(text: str, start: int) -> Iterator[tuple[Any, int]]:
    """(item, position after it) for the list that opens at ``start``."""
    pos = _skip(text, start + 1)
    if text[pos] == "]":
        return
    while True:
        item, pos = _DECODER.raw_decode(text, pos)
        yield item, pos
        pos = _skip(text, pos)
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
        elif text[pos] == "]":
            return
        else:
            raise NotScanned


class Section:
    """A list of the document, read item by item each time it is iterated."""

    def __init__(self, text: str, start: int, length: int) -> None:
        self.text = text
        self.start = start
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator[Any]:
        for item, _end in _items(self.text, self.start):
            yield item


def _list_end(text: str, start: int) -> tuple[int, int]:
    """(number of items, position after the closing bracket); items are parsed and dropped."""
    count, end = 0, start + 1
    for _item, after in _items(text, start):
        count, end = count + 1, after
    return count, _skip(text, end) + 1


def scan(text: str) -> dict[str, Any]:
    """The top-level object, its lists as :class:`Section` (raises NotScanned)."""
    doc: dict[str, Any] = {}
    try:
        pos = _skip(text, 0)
        if text[pos] != "{":
            raise NotScanned
        pos = _skip(text, pos + 1)
        while text[pos] != "}":
            key, pos = _DECODER.raw_decode(text, pos)
            pos = _skip(text, pos)
            if not isinstance(key, str) or text[pos] != ":":
                raise NotScanned
            pos = _skip(text, pos + 1)
            if text[pos] == "[":
                length, end = _list_end(text, pos)
                doc[key], pos = Section(text, pos, length), end
            else:
                doc[key], pos = _DECODER.raw_decode(text, pos)
            pos = _skip(text, pos)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
                if text[pos] == "}":
                    raise NotScanned  # a trailing comma: not JSON
            elif text[pos] != "}":
                raise NotScanned
        if _skip(text, pos + 1) != len(text):
            raise NotScanned  # data after the object
    except (IndexError, JSONDecodeError):
        raise NotScanned from None
    return doc
