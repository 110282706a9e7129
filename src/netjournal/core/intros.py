"""Introductions: who you introduced to whom, for which need, and what came of it."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from netjournal.core.ledger_common import (
    item_text,
    label,
    not_before,
    person_row,
)
from netjournal.core.needs import need_row
from netjournal.core.records import Introduction
from netjournal.db.schema import INTRO_RESULTS
from netjournal.errors import Conflict, InvalidInput, NotFound
from netjournal.i18n import _

_INTRO_SQL = """
SELECT i.*, pa.name AS a_name, pb.name AS b_name, n.text AS need_text,
       n.person_id AS need_person_id, pn.name AS need_person_name, n.status AS need_status
FROM introductions i
JOIN people pa ON pa.id = i.a_id
JOIN people pb ON pb.id = i.b_id
LEFT JOIN needs n ON n.id = i.need_id
LEFT JOIN people pn ON pn.id = n.person_id
"""


def _intro_record(row: sqlite3.Row) -> dict[str, Any]:
    return Introduction.from_row(row).to_json()


def _intro_row(conn: sqlite3.Connection, intro_id: int) -> sqlite3.Row:
    row = conn.execute(_INTRO_SQL + " WHERE i.id = ?", (intro_id,)).fetchone()
    if row is None:
        raise NotFound(_("No introduction with id #{id} (see 'nj intro list')").format(id=intro_id))
    return row  # type: ignore[no-any-return]


def get_intro(conn: sqlite3.Connection, intro_id: int) -> dict[str, Any]:
    return _intro_record(_intro_row(conn, intro_id))


def add_intro(
    conn: sqlite3.Connection,
    a_id: int,
    b_id: int,
    *,
    on: date,
    need_id: int | None = None,
    note: str | None = None,
) -> int:
    """Record that you introduced A and B, optionally to meet one of their needs."""
    clean = item_text(note, _("The note"), required=False)
    a = person_row(conn, a_id)
    b = person_row(conn, b_id)
    if a_id == b_id:
        raise Conflict(_("Cannot introduce {who} to themself").format(who=label(a)))
    if need_id is not None:
        need = need_row(conn, need_id)
        if need["person_id"] not in (a_id, b_id):
            raise Conflict(
                _("Need #{id} belongs to {owner}, not to {a} or {b}").format(
                    id=need_id,
                    owner=label({"id": need["person_id"], "name": need["person_name"]}),
                    a=label(a),
                    b=label(b),
                )
            )
        if need["status"] != "open":
            raise Conflict(
                _("Need #{id} is already {status} (since {on})").format(
                    id=need_id, status=need["status"], on=need["closed_on"]
                )
            )
    same = conn.execute(
        "SELECT id, on_date FROM introductions WHERE "
        "((a_id = :a AND b_id = :b) OR (a_id = :b AND b_id = :a)) AND need_id IS :n "
        "ORDER BY id LIMIT 1",
        {"a": a_id, "b": b_id, "n": need_id},
    ).fetchone()
    if same is not None:
        what = (
            _("for need #{id}").format(id=need_id) if need_id is not None else _("without a need")
        )
        raise Conflict(
            _("{a} and {b} were already introduced {what} on {on} (introduction #{id})").format(
                a=label(a), b=label(b), what=what, on=same["on_date"], id=same["id"]
            )
        )
    cur = conn.execute(
        "INSERT INTO introductions (a_id, b_id, need_id, on_date, note) VALUES (?, ?, ?, ?, ?)",
        (a_id, b_id, need_id, on.isoformat(), clean),
    )
    return int(cur.lastrowid or 0)


def set_outcome(
    conn: sqlite3.Connection,
    intro_id: int,
    text: str,
    *,
    on: date,
    replace: bool = False,
    result: str | None = None,
) -> None:
    """Record what came of an introduction (``replace`` overwrites an earlier outcome).

    ``result`` is the verdict: "worked", "did_not_work" (the need goes back to
    the review's "Introductions to make") or None (settles it, as before).
    """
    if result not in (None, *INTRO_RESULTS):
        raise InvalidInput(_("Unknown result '{result}'").format(result=result))
    clean = item_text(text, _("The outcome"))
    row = _intro_row(conn, intro_id)
    if row["outcome"] is not None and not replace:
        raise Conflict(
            _(
                "Introduction #{id} already has an outcome ({on}); use --replace to change it"
            ).format(id=intro_id, on=row["outcome_on"] or row["on_date"])
        )
    not_before(
        on,
        row["on_date"],
        _("Introduction #{id} was made on {made}; its outcome cannot date from {on}").format(
            id=intro_id, made=row["on_date"], on=on.isoformat()
        ),
    )
    conn.execute(
        "UPDATE introductions SET outcome = ?, outcome_on = ?, result = ? WHERE id = ?",
        (clean, on.isoformat(), result, intro_id),
    )


def list_intros(
    conn: sqlite3.Connection, *, person_id: int | None = None, need_id: int | None = None
) -> list[dict[str, Any]]:
    """Introductions, latest first."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if person_id is not None:
        where.append("(i.a_id = :p OR i.b_id = :p)")
        params["p"] = person_id
    if need_id is not None:
        where.append("i.need_id = :n")
        params["n"] = need_id
    sql = (
        _INTRO_SQL
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY i.on_date DESC, i.id DESC"
    )
    return [_intro_record(r) for r in conn.execute(sql, params)]


def intro_message(
    conn: sqlite3.Connection,
    intro_id: int,
    *,
    lang: str = "en",
    side: str = "both",
    template: str | None = None,
    source: str = "template",
    me: str = "",
) -> str:
    """A short, editable double opt-in introduction message (plain text).

    ``lang`` is the message's language ("en" or "id"), ``side`` "both", "a" or
    "b"; ``template`` the user's template text (else the default). See
    :mod:`netjournal.core.intro_message`.
    """
    from netjournal.core import intro_message as im

    return im.message(
        conn,
        get_intro(conn, intro_id),
        lang=lang,
        side=side,
        template=template,
        source=source,
        me=me,
    )
