"""Rich renderers and plain writers of the core's records (layer 4).

* :mod:`.console`: the two consoles (data to stdout, messages to stderr),
  literal user text (:func:`t`, :func:`line`, :class:`Msg`), JSON, the one line
  of a write command, notes and the ``Error:`` line;
* :mod:`.tables`: tables that are Rich on a terminal and plain rows in a pipe;
* :mod:`.lists`: the lists of people, needs, offers, introductions, follow-ups;
* :mod:`.person`: the card of ``nj person show``.

Rich itself is imported only when something is drawn with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netjournal.render.console import (
    Msg,
    err,
    error_line,
    indented,
    line,
    msg,
    note,
    out,
    print_json,
    styled_output,
    t,
    to_json,
    wrote,
)

if TYPE_CHECKING:
    from netjournal.render.person import person_card, person_label
    from netjournal.render.tables import table

# Loaded on first use: a write command prints one line and needs neither.
_LAZY = {
    "person_card": "netjournal.render.person",
    "person_label": "netjournal.render.person",
    "table": "netjournal.render.tables",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'netjournal.render' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Msg",
    "err",
    "error_line",
    "indented",
    "line",
    "msg",
    "note",
    "out",
    "person_card",
    "person_label",
    "print_json",
    "styled_output",
    "t",
    "table",
    "to_json",
    "wrote",
]
