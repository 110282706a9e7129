"""Events (issue 15): one event per name and date, what came of it, logging a group contact."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import NJ, table_counts

from netjournal.db import journal as store

DATA = Path(__file__).parent / "data"
KEYS = {
    "id",
    "name",
    "on",
    "place",
    "met",
    "followed_up_7d",
    "needs",
    "introductions",
    "help_given",
}


def _pasar(nj: NJ) -> None:
    nj("met", "Budi Santoso", "--at", "Pasar Induk", "--on", "2026-10-03", "--needs", "a driver")
    nj("met", "Maria Rossi", "--at", "pasar  induk", "--on", "2026-10-03")
    nj("met", "Dewi Lestari", "--at", "Pasar Induk", "--on", "2026-10-03")
    nj("log", "Maria", "called about tomatoes", "--on", "2026-10-06", "--kind", "call")
    nj("offer", "add", "Budi", "a driver's number", "--on", "2026-10-20", "--done")


def test_same_name_same_date_is_one_event_with_its_figures(nj: NJ) -> None:
    _pasar(nj)
    events = nj.json("event", "list")
    assert len(events) == 1
    (event,) = events
    assert set(event) == KEYS
    assert event["name"] == "Pasar Induk" and event["on"] == "2026-10-03"
    assert event["met"] == 3
    assert event["followed_up_7d"] == 1  # only Maria, called three days later
    assert event["needs"] == 1
    out = nj("event", "list").stdout
    assert "1 (33%)" in out
    shown = nj.json("event", "show", "pasar")
    assert [p["name"] for p in shown["people"]] == ["Budi Santoso", "Dewi Lestari", "Maria Rossi"]
    assert shown["follow_up_rate"] == 0.33


def test_a_typo_in_the_name_or_date_names_the_event_nearby(nj: NJ) -> None:
    _pasar(nj)
    before = table_counts(nj.db)
    result = nj.fails("met", "Eko", "--at", "Pasar Indk", "--on", "2026-10-04")
    assert "Pasar Induk (2026-10-03) #1" in result.stderr and "--new-event" in result.stderr
    assert table_counts(nj.db) == before
    nj("met", "Eko", "--at", "Pasar Indk", "--on", "2026-10-04", "--new-event")
    assert len(nj.json("event", "list")) == 2
    nj("met", "Fajar", "--at", "#1", "--on", "2026-10-03")
    # Numbers are deliberate: "Meetup 2" is not a typo of "Meetup 1".
    nj("event", "add", "Canggu meetup 1", "--on", "2026-10-03")
    nj("event", "add", "Canggu meetup 2", "--on", "2026-10-03")
    assert nj.json("event", "show", "#1")["met"] == 4
    assert len(nj.json("event", "list")) == 4


def test_add_edit_merge(nj: NJ) -> None:
    added = nj.json("event", "add", "Ubud meetup", "--on", "2026-11-02", "--place", "Ubud")
    assert added["created"] is True and added["place"] == "Ubud"
    again = nj.json("event", "add", "ubud meetup", "--on", "2026-11-02")
    assert again["created"] is False and again["id"] == added["id"]
    nj("event", "add", "Ubud meet-up", "--on", "2026-11-03", "--new-event")
    nj("met", "Kadek", "--at", "#2", "--on", "2026-11-03")
    nj.fails("event", "merge", "#1", "#2", code=2)  # not a terminal: needs --yes
    merged = nj.json("event", "merge", "#1", "#2", "--yes")
    assert merged["met"] == 1 and merged["merged"]["moved"] == 1
    assert [e["id"] for e in nj.json("event", "list")] == [1]
    edited = nj.json("event", "edit", "ubud", "--name", "Ubud coffee meetup", "--place", "")
    assert edited["name"] == "Ubud coffee meetup" and edited["place"] is None
    nj.fails("event", "show", "nothing like it")


def test_log_with_several_people_at_an_event(nj: NJ) -> None:
    nj("met", "Ani", "--on", "2026-11-01")
    nj("met", "Budi", "--on", "2026-11-01")
    record = nj.json(
        "log",
        "--event",
        "Arisan RT 05",
        "Ani",
        "Budi",
        "--note",
        "monthly arisan",
        "--kind",
        "meeting",
    )
    assert [i["person"]["name"] for i in record["interactions"]] == ["Ani", "Budi"]
    assert record["event"]["name"] == "Arisan RT 05"
    for name in ("ani", "budi"):
        assert nj.json("person", "show", name)["last_contact"] == "2026-11-28"
    assert nj.json("event", "show", "arisan")["contacts"] == 2
    # Without --event, several names are a usage error; nothing is written.
    before = table_counts(nj.db)
    nj.fails("log", "Ani", "Budi", "hello", code=2)
    nj.fails("log", "--event", "Arisan RT 05", "Ani", "Nobody here")
    assert table_counts(nj.db) == before


def test_a_contact_at_an_event_is_a_meeting_unless_said_otherwise(nj: NJ) -> None:
    nj("met", "Ani", "-q")
    nj("met", "Budi", "-q")
    said = nj("log", "--event", "Kopdar UMKM", "Ani", "Budi").stdout
    assert said.startswith("Logged meeting with 2 people at Kopdar UMKM")
    record = nj.json("log", "--event", "Kopdar UMKM", "Ani", "Budi", "--kind", "call")
    assert record["kind"] == "call"
    assert nj.json("log", "Ani", "sent the deck")["kind"] == "other"


def test_event_output_is_translated(nj: NJ, indonesian: None) -> None:
    _pasar(nj)
    said = nj("log", "--event", "Arisan RT 05", "Budi", "Maria", "--kind", "meeting").stdout
    assert said.startswith("Tercatat pertemuan dengan 2 orang di Arisan RT 05")
    assert "meeting" not in said
    table = nj("event", "list").stdout
    assert "Perkenalan" in table and "Intros" not in table
    # JSON keeps the stored kind
    record = nj.json("log", "--event", "Arisan RT 05", "Dewi", "Budi", "--kind", "wa")
    assert record["kind"] == "message"


def _migrate(tmp_path: Path, fixture: Path) -> Path:
    path = tmp_path / "journal.db"
    shutil.copy(fixture, path)
    with store.open_journal(path):
        pass
    return path


def test_migration_turns_met_at_texts_into_events(tmp_path: Path) -> None:
    for fixture in ("journal-v1.db", "journal-v2.db"):
        path = _migrate(tmp_path, DATA / fixture)
        conn = sqlite3.connect(path)
        events = conn.execute("SELECT name, on_date FROM events ORDER BY id").fetchall()
        assert events == [("Pasar Induk", "2026-10-03"), ("Ubud meetup", "2026-10-10")]
        links = conn.execute(
            "SELECT i.event, e.name FROM interactions i JOIN events e ON e.id = i.event_id"
        ).fetchall()
        assert sorted(links) == [
            ("Pasar Induk", "Pasar Induk"),
            ("Pasar Induk", "Pasar Induk"),
            ("Ubud meetup", "Ubud meetup"),
        ]
        cols = {r[1] for r in conn.execute("PRAGMA table_info(people)")}
        assert {"referred_by", "became", "became_on", "archived_on"} <= cols
        conn.close()
        path.unlink()
        for extra in tmp_path.glob("journal.db*"):
            extra.unlink()


def test_migration_keeps_odd_met_at_values(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    shutil.copy(DATA / "journal-v1.db", path)
    conn = sqlite3.connect(path)
    with conn:
        odd = [
            (1, "  Pasar   INDUK ", "2026-10-03"),  # the same event, spelled differently
            (2, "Café Ümlaut", "2026-10-03"),
            (3, "   ", "2026-10-05"),  # blank: no event
            (4, "x" * 300, "2026-10-07"),
        ]
        for pid, text, on in odd:
            conn.execute(
                "INSERT INTO interactions (person_id, on_date, kind, event) VALUES (?, ?, 'met', ?)",
                (pid, on, text),
            )
        conn.execute("UPDATE people SET met_at = 'Only on the card', met_on = 'soon' WHERE id = 4")
    conn.close()
    before = table_counts(path)
    with store.open_journal(path):
        pass
    assert table_counts(path) == before
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM events ORDER BY id")]
    assert names[0] == "Pasar Induk" and "Ubud meetup" in names
    assert "Café Ümlaut" in names and "x" * 300 in names and "Only on the card" in names
    assert len(names) == 5
    # Every non-blank text kept and linked; the original text is unchanged.
    unlinked = conn.execute(
        "SELECT event FROM interactions WHERE event IS NOT NULL AND event_id IS NULL"
    ).fetchall()
    assert unlinked == [("   ",)]
    card_date = conn.execute(
        "SELECT on_date FROM events WHERE name = 'Only on the card'"
    ).fetchone()[0]
    assert card_date == "2026-11-01"  # met_on is not a date: the day they were added


def test_event_list_through_the_installed_nj(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    shutil.copy(DATA / "journal-v2.db", db)
    nj = str(Path(sys.executable).with_name("nj"))
    env = {"NETJOURNAL_TODAY": "2026-11-28", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    run = subprocess.run(
        [nj, "event", "list", "--db", str(db)], capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    assert "Pasar Induk" in run.stdout and "Ubud meetup" in run.stdout


def test_a_blank_at_is_no_event(nj: NJ) -> None:
    """A script's empty $EVENT (``--at ""`` or blanks) records the meeting without one."""
    for i, blank in enumerate(("", " ", "\u00a0 ")):
        card = nj.json("met", f"Tamu {i}", "--at", blank)
        assert card["met_at"] is None
    assert nj.json("event", "list") == []
