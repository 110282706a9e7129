"""The demo journal: two months in the network of a small business owner in Bali.

You are Putu, who runs *Warung Kopi Senja*, a small café and catering business
in Canggu, and travels to Jakarta now and then. Between late September and
the story date you meet about thirty people: the wholesale tomato seller at
Pasar Badung who gives you a tomato to taste, a newcomer from Lyon who needs a
house and help with her visa paperwork, a baker in Jakarta who needs a good
doctor for her son, a notary, a visa agent, a coffee farmer... Needs are met
or left open, promises kept or late, introductions made with and without an
outcome. The text mixes English and Bahasa Indonesia, as real notes do;
``build(conn, lang="id")`` writes the story in Bahasa Indonesia
(:mod:`netjournal.core.demo_story_id`): names, places and tags stay.

The story itself is data (:data:`netjournal.core.demo_story.STORY`); this
module reads it. Everything is dated relative to :data:`STORY_DATE` (a fixed
day, so the demo review is the same every time) and written through the
project's own core functions (``people.met``, ``people.add_interaction``, the
needs, offers, introductions and follow-ups modules).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from netjournal.core import events, ledger, people, referrals
from netjournal.core.demo_story import STORY

#: The review date of the demo: the story's "today".
STORY_DATE = date(2026, 11, 28)


def _day(days_before: int) -> date:
    return STORY_DATE - timedelta(days=days_before)


class _Story:
    """The verbs of the story (see :mod:`netjournal.core.demo_story`)."""

    def __init__(self, conn: sqlite3.Connection, lang: str = "en") -> None:
        self.conn = conn
        self.lang = lang
        self.ids: dict[str, int] = {}
        #: Records named by a step's ``label`` option.
        self.labels: dict[str, int] = {}

    def meet(self, key: str, name: str, ago: int, details: dict[str, Any]) -> int:
        on = _day(ago)
        details = dict(details)
        via, became = details.pop("via", None), details.pop("became", None)
        result = people.met(self.conn, today=on, name=name, on=on, **details)
        self.ids[key] = result.person_id
        if details.get("at"):
            event, _created = events.add(self.conn, details["at"], on, today=on, new_event=True)
            events.link(self.conn, result.interaction_id, event)
        if via:
            referrals.set_via(self.conn, result.person_id, self.ids[via])
        if became:
            referrals.set_became(self.conn, result.person_id, became[0], _day(became[1]))
        return result.person_id

    def log(self, key: str, ago: int, kind: str, note: str) -> None:
        people.add_interaction(self.conn, self.ids[key], on=_day(ago), kind=kind, note=note)

    def need(self, key: str, ago: int, text: str) -> int:
        return ledger.add_need(self.conn, self.ids[key], text, _day(ago))

    def promise(self, key: str, ago: int, text: str, *, due_in: int = 7) -> int:
        on = _day(ago)
        return ledger.add_offer(
            self.conn, self.ids[key], text, offered_on=on, due_on=on + timedelta(days=due_in)
        )

    def helped(self, key: str, ago: int, text: str) -> int:
        return ledger.add_offer(self.conn, self.ids[key], text, offered_on=_day(ago), done=True)

    def received(self, key: str, ago: int, text: str) -> int:
        return ledger.add_offer(self.conn, self.ids[key], text, offered_on=_day(ago), received=True)

    def intro(
        self, a: str, b: str, ago: int, *, need: str | None = None, note: str | None = None
    ) -> int:
        need_id = self.labels[need] if need else None
        return ledger.add_intro(
            self.conn, self.ids[a], self.ids[b], on=_day(ago), need_id=need_id, note=note
        )

    def set_outcome(self, intro: str, text: str, *, on: int) -> None:
        ledger.set_outcome(self.conn, self.labels[intro], text, on=_day(on))

    def close_need(
        self, need: str, *, status: ledger.NeedStatus, on: int, note: str | None = None
    ) -> None:
        ledger.close_need(self.conn, self.labels[need], status=status, on=_day(on), note=note)

    def complete_offer(self, offer: str, *, on: int) -> None:
        ledger.complete_offer(self.conn, self.labels[offer], on=_day(on))

    def followup(self, key: str, ago: int, due_ago: int, note: str) -> int:
        return ledger.add_followup(
            self.conn, self.ids[key], due_on=_day(due_ago), note=note, created_on=_day(ago)
        )

    def occasions(
        self, key: str, *, birthday: str | None = None, celebrates: str | None = None
    ) -> None:
        updates = {"birthday": birthday, "celebrates": celebrates}
        people.update_person(self.conn, self.ids[key], {k: v for k, v in updates.items() if v})

    def _text(self, value: Any) -> Any:
        """``value`` in the story's language: sentences, lists of them and the
        details of a meeting (but not its tags, which are keys to filter by)."""
        if self.lang != "id":
            return value
        from netjournal.core.demo_story_id import indonesian

        if isinstance(value, str):
            return indonesian(value)
        if isinstance(value, list):
            return [self._text(item) for item in value]
        if isinstance(value, dict):
            return {k: v if k == "tags" else self._text(v) for k, v in value.items()}
        return value

    def play(self, step: tuple[Any, ...]) -> None:
        """Write one step: ``(verb, *arguments, options)``."""
        verb, *args = step
        args = [self._text(arg) for arg in args]
        options: dict[str, Any] = {}
        if verb != "meet" and args and isinstance(args[-1], dict):
            options = dict(args.pop())
        label = options.pop("label", None)
        written = getattr(self, verb)(*args, **options)
        if label is not None:
            self.labels[label] = written


def build(conn: sqlite3.Connection, lang: str = "en") -> dict[str, int]:
    """Write the whole story into an empty journal (inside the caller's transaction),
    in English (``lang="en"``, the story as written) or Bahasa Indonesia (``"id"``).

    Returns how many records of each kind were written.
    """
    story = _Story(conn, lang)
    for step in STORY:
        story.play(step)
    return {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("people", "interactions", "needs", "offers", "introductions", "followups")
    }


def story_end(conn: sqlite3.Connection, country: str) -> dict[str, Any]:
    """What ``nj demo`` shows after the review: where the network came from
    (the referral chains and the biggest event, with its business-card-bin
    figure) and a look-ahead to the next Lebaran from :data:`STORY_DATE`.

    Keys: ``chains`` (as in ``nj report referrals``), ``events`` (how many),
    ``biggest_event`` (an ``nj event list`` record or None) and ``lebaran`` (a
    group of ``core.occasions.groups``, or None).
    """
    from netjournal.core import occasions

    listed = events.list_events(conn)
    biggest = max(listed, key=lambda e: (e["met"], e["on"]), default=None)
    return {
        "chains": referrals.report(conn)["chains"],
        "events": len(listed),
        "biggest_event": biggest,
        "lebaran": occasions.next_holiday(conn, STORY_DATE, "lebaran", country),
    }
