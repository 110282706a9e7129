"""The network map as data: people as nodes, what connects them as edges.

Edges, each one record of the journal:

* ``introduction``: you introduced A and B (undirected), labelled with the need
  it was for, when there is one; dated by the introduction.
* ``help_given``: you -> person, help you delivered (an offer marked done).
* ``help_received``: person -> you, help you received (done when recorded).
* ``referral``: referrer -> person, who sent this person to you
  (``people.referred_by``), dated by when you met them.

"You" is a node of its own (id 0). Records dated after ``as_of`` are left out,
so the map shows the journal as it was on that day. The writers (dot, mermaid,
svg, html) are in :mod:`netjournal.formats.graph`; this module only reads.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from netjournal.i18n import _

#: The node id of the journal's owner ("You"); people ids start at 1.
YOU = 0

EdgeKind = Literal["introduction", "help_given", "help_received", "referral"]
EDGE_KINDS: tuple[EdgeKind, ...] = ("introduction", "help_given", "help_received", "referral")


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    org: str | None = None
    archived: bool = False

    @property
    def is_you(self) -> bool:
        return self.id == YOU

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "org": self.org,
            "you": self.is_you,
            "archived": self.archived,
        }


@dataclass(frozen=True)
class Edge:
    kind: EdgeKind
    source: int
    target: int
    on: str | None
    label: str | None
    ref: str  # the record it comes from: "intro:3", "offer:5", "person:12"

    @property
    def directed(self) -> bool:
        return self.kind != "introduction"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source,
            "target": self.target,
            "directed": self.directed,
            "on": self.on,
            "label": self.label,
            "ref": self.ref,
        }


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]
    as_of: str
    focus: int | None = None
    depth: int | None = None
    #: People in the journal who are not on this map (no edge, or outside the neighbourhood).
    left_out: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "focus": self.focus,
            "depth": self.depth,
            "nodes": [n.to_json() for n in self.nodes],
            "edges": [e.to_json() for e in self.edges],
            "left_out": self.left_out,
        }


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _people(conn: sqlite3.Connection) -> tuple[dict[int, Node], dict[int, tuple[int, str | None]]]:
    """Every person as a node, and who referred whom (person -> (referrer, met_on))."""
    cols = _columns(conn, "people")
    # `archived_on` (person archive) and `referred_by` (referrals, migration m006)
    # arrive with other features' migrations: read them only when the column exists,
    # so the map works on every schema version in between.
    archived = "archived_on" if "archived_on" in cols else "NULL"
    referred = "referred_by" if "referred_by" in cols else "NULL"
    rows = conn.execute(
        f"SELECT id, name, org, {archived} AS archived_on, {referred} AS referred_by, "
        "coalesce(met_on, created_on) AS since FROM people ORDER BY id"
    ).fetchall()
    nodes: dict[int, Node] = {}
    referrals: dict[int, tuple[int, str | None]] = {}
    for pid, name, org, archived_on, referred_by, since in rows:
        nodes[pid] = Node(pid, name, org or None, archived_on is not None)
        if referred_by is not None and referred_by != pid:
            referrals[pid] = (int(referred_by), since)
    return nodes, referrals


def _edges(conn: sqlite3.Connection, as_of: str) -> list[Edge]:
    edges: list[Edge] = []
    for iid, a, b, on, need in conn.execute(
        "SELECT i.id, i.a_id, i.b_id, i.on_date, n.text FROM introductions i "
        "LEFT JOIN needs n ON n.id = i.need_id WHERE i.on_date <= ?",
        (as_of,),
    ):
        edges.append(Edge("introduction", a, b, on, need, f"intro:{iid}"))
    for oid, pid, direction, text, on in conn.execute(
        "SELECT id, person_id, direction, text, coalesce(done_on, offered_on) FROM offers "
        "WHERE status = 'done' AND coalesce(done_on, offered_on) <= ?",
        (as_of,),
    ):
        if direction == "received":
            edges.append(Edge("help_received", pid, YOU, on, text, f"offer:{oid}"))
        else:
            edges.append(Edge("help_given", YOU, pid, on, text, f"offer:{oid}"))
    return edges


def load_network(
    conn: sqlite3.Connection, *, as_of: date, focus: int | None = None, depth: int = 1
) -> Network:
    """The map on ``as_of``: everyone with at least one edge, and You when help was
    exchanged; with ``focus`` (a person id), only the people within ``depth`` hops."""
    day = as_of.isoformat()
    people, referrals = _people(conn)
    edges = _edges(conn, day)
    for pid, (referrer, since) in referrals.items():
        if referrer in people and (since is None or since <= day):
            edges.append(Edge("referral", referrer, pid, since, None, f"person:{pid}"))
    edges.sort(key=lambda e: (e.on or "", EDGE_KINDS.index(e.kind), e.ref))
    linked = {e.source for e in edges} | {e.target for e in edges}
    if focus is not None:
        linked = _within(edges, focus, depth)
        edges = [e for e in edges if e.source in linked and e.target in linked]
    nodes = [Node(YOU, _("You"))] if YOU in linked else []
    nodes += [people[pid] for pid in sorted(linked - {YOU}) if pid in people]
    left_out = len(people) - sum(1 for n in nodes if not n.is_you)
    return Network(nodes, edges, day, focus, depth if focus is not None else None, left_out)


def _within(edges: list[Edge], start: int, depth: int) -> set[int]:
    """The ids within ``depth`` hops of ``start`` (always including it).

    Hops follow introductions, referrals and help in either direction, but never
    pass *through* You: everyone you helped is one hop from you, so going through
    you would make every neighbourhood the whole map. Help between you and a
    person in the neighbourhood is still shown.
    """
    adjacent: dict[int, set[int]] = {}
    for e in edges:
        adjacent.setdefault(e.source, set()).add(e.target)
        adjacent.setdefault(e.target, set()).add(e.source)
    seen = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if seen[current] >= depth or (current == YOU and current != start):
            continue
        for other in sorted(adjacent.get(current, ())):
            if other not in seen:
                seen[other] = seen[current] + 1
                queue.append(other)
    return set(seen)
