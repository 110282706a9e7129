"""The rules of the weekly review at their boundary days (SPEC.md, "The weekly review").

Each test writes a real journal through the core functions, then computes the
review for a chosen date D with ``build_review`` / ``due_items``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from netjournal.config import Config
from netjournal.core import ledger, people, review, review_data, review_rules
from netjournal.db.journal import open_journal
from netjournal.search import default_matcher

D = date(2026, 11, 28)


def ago(n: int) -> date:
    return D - timedelta(days=n)


class J:
    """A journal file and shortcuts to fill it."""

    def __init__(self, path: Path) -> None:
        self.journal = open_journal(path)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.journal.conn

    def met(self, name: str, n: int, **kw: Any) -> int:
        with self.journal.write() as conn:
            return people.met(conn, today=ago(n), name=name, on=ago(n), **kw).person_id

    def add(self, name: str, n: int, **kw: Any) -> int:
        with self.journal.write() as conn:
            return people.insert_person(conn, today=ago(n), name=name, **kw)

    def log(self, pid: int, n: int, kind: str = "call") -> None:
        with self.journal.write() as conn:
            people.add_interaction(conn, pid, on=ago(n), kind=kind, note="hello")

    def do(self, fn: Any, *args: Any, **kw: Any) -> Any:
        with self.journal.write() as conn:
            return fn(conn, *args, **kw)

    def review(self, as_of: date = D, config: Config | None = None, **kw: Any) -> dict[str, Any]:
        with self.journal.read() as conn:
            kw.setdefault("matcher", default_matcher(as_of=as_of))
            return review.build_review(conn, as_of, config or Config(), **kw)

    def due(self, as_of: date = D, config: Config | None = None) -> list[dict[str, Any]]:
        with self.journal.read() as conn:
            return review.due_items(conn, as_of, config or Config())

    def reasons(self, pid: int, as_of: date = D, config: Config | None = None) -> dict[str, int]:
        """reason -> days_overdue for one person, over every section and other_reasons."""
        found: dict[str, int] = {}
        for item in self.due(as_of, config):
            if item["person"]["id"] != pid:
                continue
            found[item["reason"]] = item["days_overdue"]
            for other in item.get("other_reasons", []):
                found[other["reason"]] = other["days_overdue"]
        return found


@pytest.fixture
def j(tmp_path: Path) -> Iterator[J]:
    journal = J(tmp_path / "rules.db")
    yield journal
    journal.journal.close()


def friend(j: J, name: str = "Ann Lee") -> int:
    """Someone known for long and in touch often, so no other rule fires."""
    pid = j.add(name, 200)
    j.log(pid, 150)
    return pid


# --------------------------------------------------------------------------
# Follow-ups: explicit
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("due_ago", "expected"), [(0, 0), (-1, None), (1, 1), (10, 10)])
def test_explicit_follow_up_boundaries(j: J, due_ago: int, expected: int | None) -> None:
    pid = friend(j)
    j.do(
        ledger.add_followup, pid, due_on=ago(due_ago), note="ask about the akta", created_on=ago(20)
    )
    assert j.reasons(pid).get("follow_up") == expected


def test_follow_up_done_is_out_but_shows_in_an_earlier_review(j: J) -> None:
    pid = friend(j)
    fid = j.do(ledger.add_followup, pid, due_on=ago(5), note="x", created_on=ago(20))
    j.do(ledger.done_followup, fid, on=ago(2))
    assert "follow_up" not in j.reasons(pid)
    assert j.reasons(pid, as_of=ago(2)).get("follow_up") is None  # done that day
    assert j.reasons(pid, as_of=ago(3))["follow_up"] == 2  # not done yet then


def test_follow_up_created_after_the_review_date_is_ignored(j: J) -> None:
    pid = friend(j)
    j.do(ledger.add_followup, pid, due_on=ago(10), note="x", created_on=ago(1))
    assert j.reasons(pid).get("follow_up") == 10
    assert "follow_up" not in j.reasons(pid, as_of=ago(2))


# --------------------------------------------------------------------------
# Follow-ups: keep in touch
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("last_ago", "expected"), [(14, 0), (13, None), (15, 1)])
def test_keep_in_touch_boundaries(j: J, last_ago: int, expected: int | None) -> None:
    pid = j.add("Ann Lee", 100, every="2w")
    j.log(pid, last_ago)
    assert j.reasons(pid).get("keep_in_touch") == expected


def test_keep_in_touch_calendar_months(j: J) -> None:
    pid = j.add("Ann Lee", 200, every="1m")
    j.log(pid, (D - date(2026, 10, 28)).days)
    assert j.reasons(pid)["keep_in_touch"] == 0


def test_keep_in_touch_any_contact_moves_the_clock(j: J) -> None:
    pid = j.add("Ann Lee", 100, every="2w")
    other = friend(j, "Bob")
    j.log(pid, 30)
    assert j.reasons(pid)["keep_in_touch"] == 16
    # An introduction involving the person is a contact too.
    j.do(ledger.add_intro, pid, other, on=ago(3))
    assert "keep_in_touch" not in j.reasons(pid)


def test_keep_in_touch_help_done_is_a_contact(j: J) -> None:
    pid = j.add("Ann Lee", 100, every="2w")
    j.log(pid, 30)
    j.do(ledger.add_offer, pid, "lent a projector", offered_on=ago(2), done=True)
    assert "keep_in_touch" not in j.reasons(pid)


def test_keep_in_touch_without_any_contact_counts_from_when_added(j: J) -> None:
    pid = j.add("Ann Lee", 14, every="2w")
    assert j.reasons(pid)["keep_in_touch"] == 0
    assert "keep_in_touch" not in j.reasons(pid, as_of=ago(1))


def test_keep_in_touch_ignores_contacts_after_the_review_date(j: J) -> None:
    pid = j.add("Ann Lee", 100, every="2w")
    j.log(pid, 30)
    j.log(pid, 1)
    assert j.reasons(pid, as_of=ago(2))["keep_in_touch"] == 14


# --------------------------------------------------------------------------
# Follow-ups: fresh contacts
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("met_ago", "expected"), [(7, 0), (6, None), (8, 1)])
def test_fresh_contact_boundaries(j: J, met_ago: int, expected: int | None) -> None:
    pid = j.met("Ann Lee", met_ago, at="Bali mixer")
    assert j.reasons(pid).get("fresh_contact") == expected


def test_fresh_contact_out_once_in_touch(j: J) -> None:
    pid = j.met("Ann Lee", 20)
    j.log(pid, 15, "message")
    assert "fresh_contact" not in j.reasons(pid)


def test_fresh_contact_received_help_is_a_contact(j: J) -> None:
    pid = j.met("Ann Lee", 20)
    j.do(ledger.add_offer, pid, "a tomato", offered_on=ago(20), received=True)
    assert "fresh_contact" not in j.reasons(pid)


def test_fresh_contact_met_twice_counts_from_the_last_meeting(j: J) -> None:
    pid = j.met("Ann Lee", 30)
    j.met("Ann Lee", 9)
    assert j.reasons(pid)["fresh_contact"] == 2


def test_fresh_contact_ignores_contacts_after_the_review_date(j: J) -> None:
    pid = j.met("Ann Lee", 20)
    j.log(pid, 2, "call")
    assert "fresh_contact" not in j.reasons(pid)
    assert j.reasons(pid, as_of=ago(3))["fresh_contact"] == 10


def test_fresh_contact_detail_names_the_event(j: J) -> None:
    j.met("Ann Lee", 8, at="Bali Startup Mixer")
    (item,) = j.review()["follow_ups"]
    assert item["detail"] == "Met at Bali Startup Mixer; no contact since"
    assert item["since"] == ago(8).isoformat()
    assert item["due"] == ago(1).isoformat()
    assert item["last_contact"] == ago(8).isoformat()


def test_threshold_comes_from_the_config(j: J) -> None:
    pid = j.met("Ann Lee", 3)
    assert "fresh_contact" not in j.reasons(pid)
    assert j.reasons(pid, config=Config(fresh_contact_days=3))["fresh_contact"] == 0


def test_one_item_per_person_with_the_most_overdue_reason(j: J) -> None:
    pid = j.met("Ann Lee", 20, every="1w")  # fresh (13 late) and keep in touch (13 late)
    j.do(ledger.add_followup, pid, due_on=ago(2), note="call back", created_on=ago(10))
    j.do(ledger.add_followup, pid, due_on=ago(30), note="old one", created_on=ago(40))
    items = j.review()["follow_ups"]
    assert len(items) == 1
    item = items[0]
    assert (item["reason"], item["days_overdue"], item["detail"]) == (
        "follow_up",
        30,
        "Follow-up: old one",
    )
    others = [(o["reason"], o["days_overdue"]) for o in item["other_reasons"]]
    assert others == [("keep_in_touch", 13), ("fresh_contact", 13), ("follow_up", 2)]


# --------------------------------------------------------------------------
# Introductions to make
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("noted_ago", "expected"), [(7, 0), (6, None), (8, 1)])
def test_open_need_boundaries(j: J, noted_ago: int, expected: int | None) -> None:
    pid = friend(j)
    j.do(ledger.add_need, pid, "a notary in Denpasar", ago(noted_ago))
    assert j.reasons(pid).get("open_need") == expected


@pytest.mark.parametrize("status", ["met", "dropped"])
def test_closed_need_is_out_but_shows_before_it_was_closed(j: J, status: str) -> None:
    pid = friend(j)
    nid = j.do(ledger.add_need, pid, "a notary", ago(20))
    j.do(ledger.close_need, nid, status=status, on=ago(5))
    assert "open_need" not in j.reasons(pid)
    assert "open_need" not in j.reasons(pid, as_of=ago(5))
    assert j.reasons(pid, as_of=ago(6))["open_need"] == 7


def test_need_with_an_introduction_is_out(j: J) -> None:
    pid = friend(j)
    helper = friend(j, "Sari Dewi")
    nid = j.do(ledger.add_need, pid, "a notary", ago(20))
    j.do(ledger.add_intro, pid, helper, on=ago(4), need_id=nid)
    assert "open_need" not in j.reasons(pid)
    assert j.reasons(pid, as_of=ago(5))["open_need"] == 8  # before the introduction


def test_introduction_item_carries_need_and_suggestions(j: J) -> None:
    pid = friend(j)
    with j.journal.write() as conn:
        notary = people.insert_person(conn, today=ago(100), name="Sari Dewi", role="notaris")
        people.add_capability(conn, notary, "notary for company deeds", ago(100))
        people.insert_person(conn, today=ago(100), name="Tono", role="surf instructor")
    nid = j.do(ledger.add_need, pid, "a notary for my company", ago(10))
    (item,) = j.review()["introductions"]
    assert item["reason"] == "open_need"
    assert item["need"] == {
        "id": nid,
        "text": "a notary for my company",
        "noted_on": ago(10).isoformat(),
    }
    names = [s["person"]["name"] for s in item["suggestions"]]
    assert names[0] == "Sari Dewi"
    assert "Tono" not in names and "Ann Lee" not in names
    assert item["suggestions"][0]["why"]


def test_no_match_means_ask_around(j: J) -> None:
    pid = friend(j)
    j.do(ledger.add_need, pid, "zzqx frobnicator", ago(10))
    (item,) = j.review()["introductions"]
    assert item["suggestions"] == []
    assert item["next"] == "Ask around"


# --------------------------------------------------------------------------
# Promises
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("due_ago", "expected"), [(0, 0), (-1, None), (1, 1)])
def test_promise_boundaries(j: J, due_ago: int, expected: int | None) -> None:
    pid = friend(j)
    j.do(ledger.add_offer, pid, "send the list", offered_on=ago(10), due_on=ago(due_ago))
    assert j.reasons(pid).get("promise") == expected


def test_promise_default_due_is_made_plus_config_days(j: J) -> None:
    pid = friend(j)
    with j.journal.write() as conn:  # a promise stored without a due date
        conn.execute(
            "INSERT INTO offers (person_id, text, offered_on) VALUES (?, 'x', ?)",
            (pid, ago(7).isoformat()),
        )
    assert j.reasons(pid)["promise"] == 0
    assert j.reasons(pid, config=Config(promise_days=3))["promise"] == 4


def test_promise_done_or_dropped_is_out(j: J) -> None:
    pid = friend(j)
    done = j.do(ledger.add_offer, pid, "a", offered_on=ago(20))
    dropped = j.do(ledger.add_offer, pid, "b", offered_on=ago(20))
    j.do(ledger.complete_offer, done, on=ago(3))
    j.do(ledger.drop_offer, dropped, on=ago(3))
    assert "promise" not in j.reasons(pid)
    assert [i["offer"]["id"] for i in j.review(as_of=ago(4))["promises"]] == [done, dropped]


def test_promise_made_after_the_review_date_is_ignored(j: J) -> None:
    pid = friend(j)
    j.do(ledger.add_offer, pid, "a", offered_on=ago(2), due_on=ago(2))
    assert "promise" not in j.reasons(pid, as_of=ago(3))


# --------------------------------------------------------------------------
# Check-ins
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("done_ago", "expected"), [(14, 0), (13, None), (15, 1)])
def test_check_in_after_help_boundaries(j: J, done_ago: int, expected: int | None) -> None:
    pid = friend(j)
    j.do(ledger.add_offer, pid, "catering at cost", offered_on=ago(done_ago), done=True)
    assert j.reasons(pid).get("check_in_help") == expected


def test_check_in_after_help_out_when_in_touch_since(j: J) -> None:
    pid = friend(j)
    j.do(ledger.add_offer, pid, "catering", offered_on=ago(20), done=True)
    j.log(pid, 20)  # the same day is not "since"
    assert j.reasons(pid)["check_in_help"] == 6
    j.log(pid, 19)
    assert "check_in_help" not in j.reasons(pid)


def test_check_in_after_introduction(j: J) -> None:
    owner = friend(j)
    helper = friend(j, "Sari Dewi")
    nid = j.do(ledger.add_need, owner, "a notary", ago(20))
    iid = j.do(ledger.add_intro, helper, owner, on=ago(14), need_id=nid)
    # The person asked is the one with the need, even when named second.
    assert j.reasons(owner)["check_in_intro"] == 0
    assert "check_in_intro" not in j.reasons(helper)
    assert "check_in_intro" not in j.reasons(owner, as_of=ago(1))
    (item,) = j.review()["check_ins"]
    assert item["introduction"]["id"] == iid
    assert item["introduction"]["other"] == {"id": helper, "name": "Sari Dewi"}
    assert item["detail"] == "Introduced to Sari Dewi for: a notary"


def test_check_in_after_introduction_out_with_outcome(j: J) -> None:
    a, b = friend(j), friend(j, "Bob")
    iid = j.do(ledger.add_intro, a, b, on=ago(20))
    assert j.reasons(a)["check_in_intro"] == 6
    j.do(ledger.set_outcome, iid, "they work together", on=ago(2))
    assert "check_in_intro" not in j.reasons(a)
    assert j.reasons(a, as_of=ago(3))["check_in_intro"] == 3  # outcome not yet recorded


def test_check_in_after_introduction_out_when_need_met(j: J) -> None:
    a, b = friend(j), friend(j, "Bob")
    nid = j.do(ledger.add_need, a, "a notary", ago(30))
    j.do(ledger.add_intro, a, b, on=ago(20), need_id=nid)
    j.do(ledger.close_need, nid, status="met", on=ago(10))
    assert "check_in_intro" not in j.reasons(a)


def test_check_in_after_introduction_out_when_in_touch_since(j: J) -> None:
    a, b = friend(j), friend(j, "Bob")
    j.do(ledger.add_intro, a, b, on=ago(20))
    j.log(a, 5)
    assert "check_in_intro" not in j.reasons(a)


@pytest.mark.parametrize(("got_ago", "expected"), [(3, 0), (2, None), (4, 1)])
def test_thank_boundaries(j: J, got_ago: int, expected: int | None) -> None:
    pid = friend(j)
    j.do(ledger.add_offer, pid, "a tomato", offered_on=ago(got_ago), received=True)
    assert j.reasons(pid).get("thank") == expected


def test_thank_out_when_in_touch_since(j: J) -> None:
    pid = friend(j)
    j.do(ledger.add_offer, pid, "a tomato", offered_on=ago(10), received=True)
    j.log(pid, 9, "message")
    assert "thank" not in j.reasons(pid)
    assert j.reasons(pid, as_of=ago(9)) == {}  # thanked that day
    assert j.reasons(pid, as_of=ago(10)) == {}  # not due yet


def test_help_received_after_the_review_date_is_ignored(j: J) -> None:
    pid = friend(j)
    j.do(ledger.add_offer, pid, "a tomato", offered_on=ago(1), received=True)
    assert j.review(as_of=ago(2))["summary"]["help_received"] == 0


# --------------------------------------------------------------------------
# Sorting, limits, --week, summary
# --------------------------------------------------------------------------


def test_sections_sorted_most_overdue_first_and_limited(j: J) -> None:
    for n in (8, 20, 12):
        j.met(f"Person {n}", n)
    data = j.review(limit=2)
    assert [i["days_overdue"] for i in data["follow_ups"]] == [13, 5]
    assert data["summary"]["overdue"]["follow_ups"] == 3
    assert data["summary"]["overdue"]["total"] == 3
    assert len(j.review()["follow_ups"]) == 3


def test_week_keeps_items_that_became_due_in_the_last_seven_days(j: J) -> None:
    for n in (7, 13, 14, 30):
        j.met(f"Person {n}", n)  # due 0, 6, 7 and 23 days ago
    data = j.review(week=True)
    assert [i["days_overdue"] for i in data["follow_ups"]] == [6, 0]
    assert data["summary"]["overdue"]["follow_ups"] == 2


def test_summary_counts_the_week_and_the_balance(j: J) -> None:
    ann = j.met("Ann Lee", 6)
    bob = j.met("Bob", 7)  # the 7 days ending on D start 6 days ago
    j.log(ann, 2, "call")
    j.do(ledger.add_offer, ann, "a", offered_on=ago(1), done=True)
    j.do(ledger.add_offer, bob, "b", offered_on=ago(30), done=True)
    j.do(ledger.add_offer, bob, "c", offered_on=ago(3), received=True)
    j.do(ledger.add_intro, ann, bob, on=ago(0))
    carl = friend(j, "Carl")
    j.do(ledger.add_intro, ann, carl, on=ago(10), note="earlier")
    s = j.review()["summary"]
    assert (s["from"], s["to"]) == (ago(6).isoformat(), D.isoformat())
    assert (s["met"], s["contacts"], s["help_given"], s["help_received"], s["introductions"]) == (
        1,
        1,
        1,
        1,
        1,
    )
    assert s["balance"] == {
        "week": {"given": 2, "received": 1, "net": 1},
        "all_time": {"given": 4, "received": 1, "net": 3},
    }


def test_json_shape(j: J) -> None:
    j.met("Ann Lee", 10)
    data = j.review()
    assert list(data)[:9] == [
        "as_of",
        "follow_ups",
        "introductions",
        "promises",
        "check_ins",
        "reconnect",
        "coming_up",
        "occasions",
        "summary",
    ]
    item = data["follow_ups"][0]
    for key in ("person", "reason", "detail", "due", "days_overdue"):
        assert key in item
    assert item["person"] == {"id": 1, "name": "Ann Lee"}


# --------------------------------------------------------------------------
# Pure rules without a database
# --------------------------------------------------------------------------


def test_pure_rules_on_plain_data() -> None:
    data = review_data.JournalData(as_of=D)
    data.people[1] = review_data.Person(1, "Ann", every="1w", created_on=ago(50))
    data.contacts[1] = review_data.Contact(last=ago(7), only_met=True)
    data.help_received.append(review_data.Offer(5, 1, "tomato", ago(3), done_on=ago(3)))
    assert [(i.reason, i.days_overdue) for i in review_rules.keep_in_touch_items(data)] == [
        ("keep_in_touch", 0)
    ]
    assert [
        (i.reason, i.days_overdue) for i in review_rules.fresh_contact_items(data, Config())
    ] == [("fresh_contact", 0)]
    assert [(i.reason, i.days_overdue) for i in review_rules.check_in_items(data, Config())] == [
        ("thank", 0)
    ]
    data.contacts[1] = review_data.Contact(last=ago(2), only_met=False)
    assert review_rules.check_in_items(data, Config()) == []
