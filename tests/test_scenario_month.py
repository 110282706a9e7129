"""A realistic month of helping first, walked day by day with NETJOURNAL_TODAY.

Two events, five people, needs, promises kept and broken, two introductions with
outcomes, help received, follow-ups set, missed and closed. Every day the test
checks every list and every person's card against what a user expects: the
state only changes when the user acts, but "overdue" and "due today" move with
the calendar.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from tests.conftest import NJ

START = date(2026, 11, 2)
END = date(2026, 11, 30)

ANN, BOB, CARA, DEWI, EKO = 1, 2, 3, 4, 5


class Month:
    def __init__(self, nj: NJ) -> None:
        self.nj = nj
        self.today = START

    def env(self) -> dict[str, str]:
        return {"NETJOURNAL_TODAY": self.today.isoformat()}

    def run(self, *args: str) -> str:
        return str(self.nj(*args, env=self.env()).stdout)

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json"))

    def fails(self, *args: str) -> str:
        result = self.nj(*args, ok=False, env=self.env())
        assert result.exit_code == 1 and result.stderr.startswith("Error:"), result.stderr
        return str(result.stderr)


def d(text: str) -> date:
    return date.fromisoformat(text)


def _late(due: str, today: date) -> int | None:
    return (today - d(due)).days if d(due) <= today else None


def test_a_month_of_helping_first(nj: NJ) -> None:
    m = Month(nj)
    # What the user expects to be open, updated as they act.
    open_needs: dict[int, int] = {}  # need id -> person id
    promises: dict[int, str] = {}  # open promise id -> due date
    followups: dict[int, str] = {}  # open follow-up id -> due date
    outcomes: dict[int, str | None] = {}  # intro id -> outcome

    def act(day: date) -> None:
        iso = day.isoformat()
        if iso == "2026-11-03":  # Event 1: the chamber mixer
            assert m.run(
                "met",
                "Ann Lee",
                "--at",
                "Chamber mixer",
                "--org",
                "Acme",
                "--role",
                "CFO",
                "--needs",
                "a notary in Bali",
            ).startswith("Added Ann Lee #1")
            m.run(
                "met",
                "Bob Tan",
                "--at",
                "Chamber mixer",
                "--org",
                "Bali Legal",
                "--can",
                "notary work in Bali",
            )
            m.run("met", "Cara Wijaya", "--at", "Chamber mixer", "--needs", "a logo designer")
            open_needs.update({1: ANN, 2: CARA})
            out = m.run("offer", "add", "Ann", "send the tax checklist")
            assert out == "Promised #1 to Ann Lee #1: send the tax checklist, due 2026-11-10\n"
            promises[1] = "2026-11-10"
            assert (
                m.json(
                    "followup", "add", "Cara", "--on", "friday", "--note", "send her designer names"
                )["due_on"]
                == "2026-11-06"
            )
            followups[1] = "2026-11-06"
        elif iso == "2026-11-04":  # a promise kept the next day
            m.run("offer", "done", "1")
            del promises[1]
        elif iso == "2026-11-06":  # follow-up day: a message, and it closes the follow-up
            assert m.json("followup", "list")[0]["status"] == "due"
            m.run(
                "log", "Cara", "asked what style she likes", "--kind", "message", "--done-followups"
            )
            del followups[1]
        elif iso == "2026-11-10":  # Event 2: the Ubud meetup
            m.run(
                "met", "Dewi", "--at", "Ubud meetup", "--role", "designer", "--can", "logo design"
            )
            m.run("met", "Eko", "--at", "Ubud meetup", "--needs", "a bookkeeper")
            open_needs[3] = EKO
            assert (
                m.json("offer", "add", "Eko", "find him a bookkeeper", "--due", "in 5 days")[
                    "due_on"
                ]
                == "2026-11-15"
            )
            promises[2] = "2026-11-15"
            assert (
                m.json("offer", "add", "Dewi", "share the coworking discount")["due_on"]
                == "2026-11-17"
            )
            promises[3] = "2026-11-17"
        elif iso == "2026-11-11":  # first introduction, for Cara's need
            out = m.run("intro", "add", "Cara", "Dewi", "--need", "2")
            assert out.startswith("Introduced #1: Cara Wijaya #3 and Dewi #4 for need #2")
            assert "Cara, you mentioned that you need: a logo designer. I think Dewi" in out
            outcomes[1] = None
        elif iso == "2026-11-12":  # second introduction, for Ann's need
            message = m.run("intro", "add", "Bob", "Ann", "--need", "1", "--message-only")
            assert message.startswith("Hi Bob and Ann,")
            assert "Ann, you mentioned that you need: a notary in Bali. I think Bob" in message
            outcomes[2] = None
            assert "already introduced" in m.fails("intro", "add", "Ann", "Bob", "--need", "1")
            assert (
                m.json(
                    "followup",
                    "add",
                    "Ann",
                    "--on",
                    "in 2 weeks",
                    "--note",
                    "did the notary work out?",
                )["due_on"]
                == "2026-11-26"
            )
            followups[2] = "2026-11-26"
        elif iso == "2026-11-14":  # help received
            m.run("offer", "add", "Bob", "a contact at the tax office", "--received")
        elif iso == "2026-11-18":  # a promise broken
            m.run("offer", "drop", "2")
            del promises[2]
            assert "already dropped" in m.fails("offer", "done", "2")
        elif iso == "2026-11-20":
            m.run("intro", "outcome", "1", "Dewi designed Cara's logo")
            outcomes[1] = "Dewi designed Cara's logo"
            m.run("need", "done", "2", "--note", "Dewi (intro #1)")
            del open_needs[2]
        elif iso == "2026-11-24":
            m.run("intro", "outcome", "2", "Ann hired Bob for the villa deed", "--on", "1d")
            outcomes[2] = "Ann hired Bob for the villa deed"
            m.run("need", "done", "1")
            del open_needs[1]
        elif iso == "2026-11-28":  # the overdue follow-up, done late
            m.run("followup", "done", "2")
            del followups[2]
        elif iso == "2026-11-29":  # the late promise, kept after all
            m.run("offer", "done", "3")
            del promises[3]

    def check(day: date) -> None:
        needs = m.json("need", "list")
        assert {n["id"]: n["person"]["id"] for n in needs} == open_needs, day
        offers = m.json("offer", "list")
        open_first = [o for o in offers if o["status"] == "promised"]
        assert offers[: len(open_first)] == open_first, day  # open promises first
        assert {o["id"]: o["due_on"] for o in open_first} == promises, day
        for o in open_first:
            assert o["days_overdue"] == _late(o["due_on"], day), (day, o)
        fus = m.json("followup", "list")
        assert {f["id"]: f["due_on"] for f in fus} == followups, day
        for f in fus:
            late = (day - d(f["due_on"])).days
            expected = "overdue" if late > 0 else "due" if late == 0 else "upcoming"
            assert f["status"] == expected, (day, f)
            assert f["days_overdue"] == (late if late >= 0 else None)
        intros = m.json("intro", "list")
        assert {i["id"]: i["outcome"] for i in intros} == outcomes, day
        people = m.json("person", "list")
        for person in people:
            card = m.json("person", "show", f"#{person['id']}")
            mine = {n["id"] for n in card["needs"] if n["status"] == "open"}
            assert mine == {k for k, v in open_needs.items() if v == person["id"]}, day
            assert card["summary"]["open_needs"] == len(mine)
            assert {o["id"] for o in card["offers"] if o["status"] == "promised"} == {
                o["id"] for o in open_first if o["person"]["id"] == person["id"]
            }, day
            assert {f["id"] for f in card["followups"] if not f["done_on"]} == {
                f["id"] for f in fus if f["person"]["id"] == person["id"]
            }, day
            dates = [e["on"] for e in card["timeline"]]
            assert dates == sorted(dates, reverse=True), day
            assert all(
                e["on"] <= day.isoformat() or e["type"] == "followup" for e in card["timeline"]
            ), day
            text = m.run("person", "show", f"#{person['id']}")
            assert person["name"] in text

    def spot(day: date) -> None:
        """What the user saw on particular days, literally."""
        iso = day.isoformat()
        if iso == "2026-11-05":
            assert "in 1d" in m.run("followup", "list")
        elif iso == "2026-11-16":
            promised = m.json("offer", "list", "--status", "promised")
            assert {o["id"]: o["days_overdue"] for o in promised} == {2: 1, 3: None}
            assert "due 2026-11-15, 1d late" in m.run("offer", "list")
        elif iso == "2026-11-21":
            out = m.run("need", "list")
            assert "a notary in Bali" in out and "#2" in out  # introduced, still open
            assert "a logo designer" not in out
        elif iso == "2026-11-27":
            assert [(f["id"], f["days_overdue"]) for f in m.json("followup", "list")] == [(2, 1)]
            assert "1d overdue" in m.run("followup", "list")
            card = m.run("person", "show", "Ann")
            assert "did the notary work out?" in card[card.index("Follow-ups") :]
        elif iso == "2026-11-28":
            assert "10d late" not in m.run("offer", "list", "--person", "Dewi")  # 11 days
            assert "11d late" in m.run("offer", "list", "--person", "Dewi")

    day = START
    while day <= END:
        m.today = day
        act(day)
        check(day)
        spot(day)
        day += timedelta(days=1)

    # The end of the month.
    m.today = END
    assert [n["text"] for n in m.json("need", "list")] == ["a bookkeeper"]
    closed = m.json("need", "list", "--all")
    assert [(n["id"], n["status"], n["closed_on"]) for n in closed] == [
        (3, "open", None),
        (1, "met", "2026-11-24"),
        (2, "met", "2026-11-20"),
    ]
    assert closed[1]["introductions"] == [2] and closed[2]["introductions"] == [1]
    offers = m.json("offer", "list")
    assert [(o["id"], o["status"], o["done_on"] or o["dropped_on"]) for o in offers] == [
        (3, "done", "2026-11-29"),
        (2, "dropped", "2026-11-18"),
        (4, "done", "2026-11-14"),
        (1, "done", "2026-11-04"),
    ]
    assert [o["id"] for o in m.json("offer", "list", "--received")] == [4]
    assert [o["id"] for o in m.json("offer", "list", "--status", "dropped")] == [2]
    assert m.json("followup", "list") == []
    assert [(f["id"], f["done_on"]) for f in m.json("followup", "list", "--all")] == [
        (2, "2026-11-28"),
        (1, "2026-11-06"),
    ]
    intros = m.json("intro", "list")
    assert [(i["id"], i["a"]["name"], i["b"]["name"], i["outcome_on"]) for i in intros] == [
        (2, "Bob Tan", "Ann Lee", "2026-11-23"),
        (1, "Cara Wijaya", "Dewi", "2026-11-20"),
    ]

    ann = m.json("person", "show", "Ann")
    assert ann["last_contact"] == "2026-11-12"  # the introduction
    assert ann["summary"] == {
        "open_needs": 0,
        "open_promises": 0,
        "help_given": 1,
        "help_received": 0,
        "introductions": 1,
        "open_followups": 0,
    }
    assert ann["introductions"][0]["other"] == {"id": BOB, "name": "Bob Tan"}
    assert ann["introductions"][0]["need"]["person"] == {"id": ANN, "name": "Ann Lee"}
    assert [e["type"] for e in ann["timeline"]] == [
        "followup_done",
        "followup",
        "need_met",
        "outcome",
        "introduction",
        "offer_done",
        "offer",
        "need",
        "met",
    ]
    bob = m.json("person", "show", "Bob")
    assert bob["summary"]["help_received"] == 1 and bob["last_contact"] == "2026-11-14"
    eko = m.json("person", "show", "Eko")
    assert [o["status"] for o in eko["offers"]] == ["dropped"]
    assert eko["last_contact"] == "2026-11-10"  # a dropped promise is no contact

    text = m.run("person", "show", "Bob")
    assert "Help received" in text and "a contact at the tax office" in text
    assert "for their need “a notary in Bali”" in text
    assert "Ann hired Bob for the villa deed" in text
    text = m.run("person", "show", "Dewi")
    assert "Help given" in text and "share the coworking discount" in text
