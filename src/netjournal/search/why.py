"""Why a person was suggested: the lines of their profile that matched, strongest first."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from netjournal.i18n import _
from netjournal.search.analyser import excerpt, token_set
from netjournal.search.plan import Term

_FIELD_ORDER = ("can", "role", "tag", "org", "helped", "notes")


def person_fields(conn: sqlite3.Connection, pid: int) -> dict[str, Any]:
    """``{"name", "fields"}``: the person's name and what they offer, as (kind, text) pairs."""
    row = conn.execute("SELECT name, org, role, notes FROM people WHERE id = ?", (pid,)).fetchone()
    out: list[tuple[str, str]] = []
    out += [
        ("can", r[0])
        for r in conn.execute(
            "SELECT text FROM capabilities WHERE person_id = ? ORDER BY id", (pid,)
        )
    ]
    if row[2]:
        out.append(("role", row[2]))
    out += [
        ("tag", r[0])
        for r in conn.execute("SELECT tag FROM tags WHERE person_id = ? ORDER BY tag", (pid,))
    ]
    if row[1]:
        out.append(("org", row[1]))
    out += [
        ("helped", r[0])
        for r in conn.execute(
            "SELECT n.text FROM search_helped h JOIN needs n ON n.id = h.need_id "
            "WHERE h.person_id = ? ORDER BY n.id",
            (pid,),
        )
    ]
    if row[3]:
        out.append(("notes", row[3]))
    return {"name": row[0], "fields": out}


def why_lines(fields: Sequence[tuple[str, str]], terms: Sequence[Term]) -> list[str]:
    """Up to four lines: each field that holds every token of a matched term."""
    labels = {
        "can": _("can"),
        "role": _("role"),
        "tag": _("tag"),
        "org": _("org"),
        "helped": _("helped with"),
        "notes": _("notes"),
    }
    found: list[tuple[int, int, str]] = []
    for n, (kind, text) in enumerate(fields):
        have = token_set(text)
        hits = [t for t in terms if t.tokens <= have]
        if not hits:
            continue
        line = f"{labels[kind]}: {excerpt(text, frozenset().union(*(t.tokens for t in hits)))}"
        if not any(t.kind == "word" for t in hits):
            line += " (≈ " + ", ".join(sorted({t.word for t in hits})) + ")"
        found.append((_FIELD_ORDER.index(kind), n, line))
    return [line for _o, _n, line in sorted(found)[:4]]
