"""Issue 12, point 7: edit every record, and ``nj undo`` the last write commands."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NJ, TODAY, table_counts

from netjournal.db import journal as store

DATA = Path(__file__).parent / "data"
USER_TABLES = (
    "people",
    "tags",
    "capabilities",
    "interactions",
    "needs",
    "offers",
    "introductions",
    "followups",
)


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every user table: what undo must give back exactly."""
    conn = sqlite3.connect(db)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in USER_TABLES}
    finally:
        conn.close()


def changes(db: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id, command FROM changes ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture
def ann(nj: NJ) -> NJ:
    nj("met", "Ann Lee", "--at", "Expo", "--needs", "a notary", "--can", "web design")
    nj("met", "Budi Santoso", "--can", "Legal Help", "--can", "tax forms")
    return nj


# -- edits -----------------------------------------------------------------------


def test_followup_edit_moves_and_renotes(ann: NJ) -> None:
    ann("followup", "add", "Ann", "--on", "2026-12-01", "--note", "send deck")
    out = ann("followup", "edit", "1", "--on", "2026-12-05", "--note", "send the new deck").stdout
    assert out.startswith("Updated follow-up #1 with Ann Lee #1: send the new deck on 2026-12-05")
    record = ann.json("followup", "edit", "#1", "--note", "")
    assert record["note"] is None and record["due_on"] == "2026-12-05"
    assert ann("followup", "edit", "1", "--on", "2026-12-06", "-q").stdout == "1\n"
    ann.fails("followup", "edit", "1", code=2)  # nothing to change
    ann.fails("followup", "edit", "9", "--note", "x")
    ann.fails("followup", "edit", "1", "--on", "2026-11-01")  # before it was set


def test_offer_need_intro_edit(ann: NJ) -> None:
    ann("offer", "add", "Ann", "an intro to my notary", "--due", "2026-12-03")
    rec = ann.json("offer", "edit", "1", "--text", "two notary names", "--due", "2026-12-10")
    assert (rec["text"], rec["due_on"]) == ("two notary names", "2026-12-10")
    assert ann("need", "edit", "1", "--text", "a notary in Bali").stdout.startswith(
        "Updated need #1"
    )
    assert ann.json("need", "list")[0]["text"] == "a notary in Bali"
    ann.fails("need", "edit", "1", "--text", "   ")
    ann.fails("need", "edit", "1", code=2)  # --text is required
    ann("intro", "add", "Ann", "Budi", "--note", "notary")
    rec = ann.json("intro", "edit", "1", "--note", "for her notary need", "--on", "2026-11-20")
    assert (rec["note"], rec["on"]) == ("for her notary need", "2026-11-20")
    ann.fails("intro", "edit", "1", code=2)


def test_log_list_edit_rm(ann: NJ) -> None:
    ann("log", "Ann", "called about the deck", "--kind", "call", "--on", "2026-11-25")
    rows = ann.json("log", "list")
    assert [r["id"] for r in rows] == [2, 1, 3]  # latest first: 28, 28, 25 November
    assert {"id", "person", "on", "kind", "note"} <= set(rows[0])
    only_ann = ann.json("log", "list", "Ann")
    assert {r["person"]["name"] for r in only_ann} == {"Ann Lee"}
    assert len(ann.json("log", "list", "--limit", "1")) == 1
    text = ann("log", "list").stdout
    assert "called about the deck" in text and "3 contacts" in text
    out = ann("log", "edit", "3", "--text", "called about the new deck", "--kind", "message")
    assert out.stdout.startswith("Updated contact #3 message with Ann Lee #1")
    rec = ann.json("log", "edit", "3", "--on", "2026-11-26")
    assert (rec["on"], rec["kind"]) == ("2026-11-26", "message")
    ann.fails("log", "edit", "3", "--kind", "party", code=2)
    ann.fails("log", "edit", "3", code=2)
    ann.fails("log", "rm", "3", code=2)  # not a terminal and no --yes
    assert ann("log", "rm", "3", "--yes").stdout.startswith("Deleted contact #3")
    ann.fails("log", "rm", "3", "--yes")
    assert ann("log", "rm", "2", "-y", "-q").stdout == "2\n"


def test_log_sub_words_and_a_person_called_list(nj: NJ) -> None:
    from netjournal.cli import app

    def bare(*args: str) -> Any:  # no --db at the end: after "--" it would be NAME TEXT
        return nj.runner.invoke(app, list(args), env={"NETJOURNAL_DB": str(nj.db)})

    nj("person", "add", "List")
    nj.fails("log", "list", "hello")  # sub-words win: no person "hello"
    assert bare("log", "--", "list", "hello").stdout.startswith("Logged other #1 with List #1")
    assert nj("log", "#1", "again", "--kind", "call").stdout.startswith("Logged call #2")
    assert nj("log", "--kind", "email", "List", "options first").stdout.startswith(
        "Logged email #3"
    )
    dashed = bare("log", "--", "List", "-x is just text")
    assert dashed.stdout.startswith("Logged other #4 with List #1"), dashed.stderr
    assert "list" in nj("log", "--help").stdout


def test_person_edit_add_note_and_uncan(ann: NJ) -> None:
    ann("person", "edit", "Ann", "--add-note", "prefers WhatsApp")
    card = ann(
        "person", "edit", "Ann", "--add-note", "two kids", env={"NETJOURNAL_TODAY": "2026-11-30"}
    )
    assert card.stdout.startswith("Updated Ann Lee #1")
    notes = ann.json("person", "show", "Ann")["notes"]
    assert notes == "2026-11-28: prefers WhatsApp\n2026-11-30: two kids"
    ann("person", "edit", "Budi", "--add-note", "[bold]x[/] ; DROP TABLE people")
    budi_notes = ann.json("person", "show", "Budi")["notes"]
    assert budi_notes == f"{TODAY}: [bold]x[/] ; DROP TABLE people"
    ann("person", "edit", "Budi", "--uncan", "  legal HELP ")
    caps = ann.json("person", "show", "Budi")["capabilities"]
    assert [c if isinstance(c, str) else c["text"] for c in caps] == ["tax forms"]
    err = ann.fails("person", "edit", "Budi", "--uncan", "cooking").stderr
    assert "cooking" in err and "'tax forms'" in err
    assert len(changes(ann.db)) == 6  # the failed edit wrote nothing, logged nothing


# -- undo ------------------------------------------------------------------------

WRITES: list[tuple[str, ...]] = [
    ("met", "Citra", "--at", "Meetup", "--needs", "a designer", "--tag", "bali"),
    ("log", "Ann", "coffee", "--kind", "meeting"),
    ("need", "add", "Ann", "a lawyer"),
    ("need", "done", "1", "--note", "found one"),
    ("offer", "add", "Ann", "my notary's number"),
    ("offer", "add", "Budi", "a referral", "--done"),
    ("intro", "add", "Ann", "Budi", "--need", "1"),
    ("followup", "add", "Budi", "--on", "2026-12-02"),
    ("person", "edit", "Ann", "--org", "Lee & Co", "--tag", "vip", "--add-note", "hi"),
    ("person", "edit", "Budi", "--uncan", "tax forms"),
    ("person", "merge", "Ann", "Budi", "--yes"),
]


@pytest.mark.parametrize("args", WRITES, ids=lambda a: " ".join(a[:2]))
def test_undo_of_each_kind_of_write(ann: NJ, args: tuple[str, ...]) -> None:
    if args[:2] == ("offer", "done"):
        ann("offer", "add", "Ann", "x")
    before = snapshot(ann.db)
    ann(*args)
    assert snapshot(ann.db) != before
    out = ann("undo").stdout
    assert out.startswith("Undid: nj " + args[0])
    assert snapshot(ann.db) == before


def test_undo_of_offer_and_followup_done(ann: NJ) -> None:
    ann("offer", "add", "Ann", "my notary's number")
    ann("followup", "add", "Ann", "--on", "2026-12-01")
    before = snapshot(ann.db)
    ann("offer", "done", "1")
    ann("followup", "done", "1")
    assert ann("undo").stdout == "Undid: nj followup done 1 (#6)\n"
    assert ann("undo").stdout == "Undid: nj offer done 1 (#5)\n"
    assert snapshot(ann.db) == before


def test_undo_of_an_import(nj: NJ, tmp_path: Path) -> None:
    nj("met", "Ann Lee")
    csv = tmp_path / "people.csv"
    csv.write_text("name,org\nDewi,Batik\nEka,Kopi\n", encoding="utf-8")
    before = snapshot(nj.db)
    nj("import", "csv", str(csv))
    assert len(nj.json("person", "list")) == 3
    assert nj("undo").stdout.startswith("Undid: nj import csv ")
    assert snapshot(nj.db) == before


def test_person_rm_forgets_the_change_log_too(ann: NJ) -> None:
    """docs/privacy.md: rm really forgets, so it cannot be undone and clears the log."""
    ann("person", "rm", "Budi", "--yes")
    assert changes(ann.db) == []
    assert ann.fails("undo").stderr == "Error: nothing to undo\n"
    ann("need", "add", "Ann", "a lawyer")
    assert ann("undo").stdout.startswith("Undid: nj need add Ann")


def test_search_index_follows_undo(ann: NJ) -> None:
    assert "Budi" in ann("search", "legal").stdout
    ann("person", "merge", "Ann", "Budi", "--yes")
    assert "Budi" not in ann("search", "legal").stdout
    ann("undo")
    assert "Budi" in ann("search", "legal").stdout
    ann("met", "Dewi", "--can", "batik printing")
    assert "Dewi" in ann("search", "batik").stdout
    ann("undo")
    assert "Dewi" not in ann("search", "batik").stdout


def test_21_writes_then_20_undos(nj: NJ) -> None:
    nj("person", "add", "Ann")
    start = snapshot(nj.db)
    for n in range(21):
        nj("need", "add", "Ann", f"need number {n}")
    assert len(changes(nj.db)) == 22
    for n in reversed(range(1, 21)):
        assert nj("undo").stdout == f"Undid: nj need add Ann 'need number {n}' (#{n + 2})\n"
    assert [r["text"] for r in nj.json("need", "list")] == ["need number 0"]
    nj("undo")
    assert snapshot(nj.db) == start


def test_undo_list_and_nothing_to_undo(nj: NJ) -> None:
    assert nj("undo", "--list").stdout.startswith("Nothing to undo")
    assert nj.json("undo", "--list") == []
    err = nj.fails("undo").stderr
    assert err == "Error: nothing to undo\n"
    nj("met", "Ann")
    nj("need", "add", "Ann", "a notary")
    assert nj("undo", "--list").stdout.splitlines() == [
        f"#2 {TODAY}  nj need add Ann 'a notary'",
        f"#1 {TODAY}  nj met Ann",
    ]
    listed = nj.json("undo", "--list")
    assert listed[0] == {"id": 2, "command": "nj need add Ann 'a notary'", "at": TODAY, "rows": 1}
    assert nj.json("undo")["command"] == "nj need add Ann 'a notary'"
    assert nj("undo", "-q").stdout == "1\n"
    nj.fails("undo")


def test_undo_after_a_failed_command_undoes_the_previous_one(ann: NJ) -> None:
    ann("need", "add", "Ann", "a lawyer")
    ann.fails("need", "done", "99")
    ann.fails("person", "edit", "Ann", "--uncan", "cooking")
    assert ann("undo").stdout == "Undid: nj need add Ann 'a lawyer' (#3)\n"


def test_change_row_exists_iff_the_write_exists(ann: NJ) -> None:
    """Write and log share one transaction: a failure after the write leaves neither."""
    n = len(changes(ann.db))
    before = snapshot(ann.db)
    with store.open_journal(ann.db) as j:
        j.command = "nj test"
        with pytest.raises(RuntimeError), j.write() as conn:
            conn.execute(
                "INSERT INTO needs (person_id, text, noted_on) VALUES (1, 'x', ?)", (TODAY,)
            )
            raise RuntimeError("crash between the write and its log")
    assert snapshot(ann.db) == before and len(changes(ann.db)) == n
    with store.open_journal(ann.db) as j:
        j.command = "nj test"
        with j.write() as conn:
            conn.execute(
                "INSERT INTO needs (person_id, text, noted_on) VALUES (1, 'x', ?)", (TODAY,)
            )
    assert snapshot(ann.db) != before and changes(ann.db)[-1][1] == "nj test"


def test_undo_refuses_when_the_rows_changed_since(ann: NJ) -> None:
    ann("need", "add", "Ann", "a lawyer")
    conn = sqlite3.connect(ann.db)
    conn.execute("UPDATE needs SET text = 'changed by hand' WHERE id = 2")
    conn.commit()
    conn.close()
    err = ann.fails("undo").stderr
    assert "changed since" in err
    assert ann.json("need", "list")[-1]["text"] == "changed by hand"


def test_only_the_last_100_changes_are_kept(nj: NJ) -> None:
    nj("person", "add", "Ann")
    with store.open_journal(nj.db) as j:
        for n in range(105):
            j.command = f"nj need add Ann {n}"
            with j.write() as conn:
                conn.execute(
                    "INSERT INTO needs (person_id, text, noted_on) VALUES (1, ?, ?)",
                    (str(n), TODAY),
                )
    kept = changes(nj.db)
    assert len(kept) == 100 and kept[-1][1] == "nj need add Ann 104"


def test_undo_clear_forgets_the_log(ann: NJ) -> None:
    ann("person", "edit", "Budi", "--org", "Santoso Legal")
    assert ann("undo", "--clear").stdout.startswith("Forgot 3 changes")
    assert changes(ann.db) == []
    ann.fails("undo")


# -- migration and the installed program ------------------------------------------


@pytest.mark.parametrize("name", ["journal-v1.db", "journal-v2.db"])
def test_m005_adds_the_change_log_to_old_journals(tmp_path: Path, name: str) -> None:
    nj = NJ(tmp_path / "journal.db")
    shutil.copy(DATA / name, nj.db)
    before = table_counts(nj.db)
    nj("need", "add", "Budi", "a truck")
    assert changes(nj.db) == [(1, "nj need add Budi 'a truck'")]
    nj("undo")
    assert table_counts(nj.db) == before and changes(nj.db) == []


def test_installed_nj_undo(tmp_path: Path) -> None:
    nj = shutil.which("nj")
    assert nj is not None
    env = {**os.environ, "NETJOURNAL_DB": str(tmp_path / "j.db")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([nj, *args], capture_output=True, text=True, env=env, check=False)

    run("met", "Ann")
    assert run("need", "add", "Ann", "a notary").stdout == "Added need #1 for Ann #1: a notary\n"
    assert run("undo").stdout == "Undid: nj need add Ann 'a notary' (#2)\n"
    done = run("undo", "--list", "--json")
    assert json.loads(done.stdout)[0]["command"] == "nj met Ann"
    run("undo")
    failed = run("undo")
    assert (failed.returncode, failed.stderr) == (1, "Error: nothing to undo\n")
