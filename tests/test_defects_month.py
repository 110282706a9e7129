"""Issue 11: what a new user hit in the first month; one regression test (or more) per defect.

Each test name starts with the defect's number (``test_dNN_...``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NJ, table_counts

DATA = Path(__file__).parent / "data"


def review(nj: NJ, *args: str) -> Any:
    return nj.json("review", *args)


# -- 1. a failed introduction hides the need for good ------------------------


@pytest.fixture
def cofounder(nj: NJ) -> NJ:
    nj("met", "Ann Lee", "--on", "2026-11-01", "--needs", "a co-founder who can code")
    nj("met", "Kevin Tan", "--on", "2026-11-01", "--can", "python developer, can code web apps")
    nj("met", "Rina Putri", "--on", "2026-11-01", "--can", "software engineer who can code")
    nj("intro", "add", "ann", "kevin", "--need", "1", "--on", "2026-11-10")
    return nj


def test_d01_failed_intro_returns_the_need_to_the_review(cofounder: NJ) -> None:
    assert review(cofounder)["introductions"] == []
    record = cofounder.json(
        "intro",
        "outcome",
        "1",
        "Kevin not interested, no fit",
        "--did-not-work",
        "--on",
        "2026-11-20",
    )
    assert record["result"] == "did_not_work"
    items = review(cofounder)["introductions"]
    assert [i["need"]["id"] for i in items] == [1]
    # Due again on the day the introduction failed (see docs/ledger.md).
    assert items[0]["due"] == "2026-11-20"
    suggested = [s["person"]["name"] for s in items[0]["suggestions"]]
    assert "Kevin Tan" not in suggested and "Rina Putri" in suggested
    # As of a date before the outcome, the introduction was still pending.
    assert review(cofounder, "--as-of", "2026-11-19")["introductions"] == []
    due = cofounder.json("due")
    assert any(i["reason"] == "open_need" for i in due["items"])


def test_d01_worked_or_no_verdict_settles_the_need(cofounder: NJ) -> None:
    record = cofounder.json("intro", "outcome", "1", "they met twice")
    assert record["result"] is None
    assert review(cofounder)["introductions"] == []
    record = cofounder.json("intro", "outcome", "1", "hired", "--worked", "--replace")
    assert record["result"] == "worked"
    assert review(cofounder)["introductions"] == []
    assert cofounder.json("intro", "list")[0]["result"] == "worked"


def test_d01_closed_need_is_settled_after_a_failed_intro(cofounder: NJ) -> None:
    cofounder("intro", "outcome", "1", "no fit", "--did-not-work")
    cofounder("need", "done", "1")
    assert review(cofounder)["introductions"] == []


def test_d01_worked_and_did_not_work_together_is_usage_error(cofounder: NJ) -> None:
    cofounder.fails("intro", "outcome", "1", "x", "--worked", "--did-not-work", code=2)
    assert cofounder.json("intro", "list")[0]["outcome"] is None


@pytest.mark.parametrize("version", [1, 2])
def test_d01_migration_adds_result_and_keeps_old_outcomes(tmp_path: Path, version: int) -> None:
    nj = NJ(tmp_path / "journal.db")
    shutil.copy(DATA / f"journal-v{version}.db", nj.db)
    card = nj.json("person", "show", "jose")
    assert card["introductions"][0]["outcome"] == "booked an appointment"
    assert card["introductions"][0]["result"] is None
    conn = sqlite3.connect(nj.db)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(introductions)")]
    assert "result" in columns
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE introductions SET result = 'maybe'")


# -- 2. --done-followups closes future follow-ups too --------------------------


def test_d02_done_followups_closes_only_those_due(nj: NJ) -> None:
    nj("met", "Ann Lee", "--on", "2026-11-01")
    nj("followup", "add", "ann", "--on", "2026-11-27")
    nj("followup", "add", "ann", "--on", "2026-12-28")
    record = nj.json("log", "ann", "called", "--done-followups")
    assert record["closed_followups"] == [1]
    open_ids = [f["id"] for f in nj.json("followup", "list") if f.get("done_on") is None]
    assert open_ids == [2]


def test_d02_done_followups_with_ids(nj: NJ) -> None:
    nj("met", "Ann Lee", "--on", "2026-11-01")
    for day in ("2026-11-27", "2026-12-28", "2027-01-28"):
        nj("followup", "add", "ann", "--on", day)
    record = nj.json("log", "ann", "called", "--done-followups", "2,3")
    assert record["closed_followups"] == [2, 3]
    nj.fails("log", "ann", "called", "--done-followups", "7")
    nj.fails("log", "ann", "called", "--done-followups", "x,y", code=2)


# -- 3. nj met EMAIL -------------------------------------------------------------


def test_d03_met_by_email_finds_the_person(nj: NJ) -> None:
    nj("met", "Rizky Pratama", "--email", "rizky@dev.example", "--on", "2026-11-01")
    result = nj("met", "RIZKY@dev.example", "--at", "Coworking")
    assert result.stdout.startswith("Met again Rizky Pratama #1")
    assert len(nj.json("person", "list")) == 1


# -- 4. nj person merge ------------------------------------------------------------


@pytest.fixture
def two_budis(nj: NJ) -> NJ:
    nj("met", "Budi Santoso", "--on", "2026-10-01", "--at", "Chamber", "--needs", "a notary")
    nj("person", "edit", "1", "--phone", "+62 811", "--notes", "likes coffee", "--tag", "bali")
    nj(
        "person", "add", "Budi Santoso", "--allow-duplicate", "--org", "Kopi Jaya",
        "--role", "owner", "--email", "budi@kopi.example", "--phone", "+62 899",
        "--tag", "coffee", "--can", "roasting",
    )  # fmt: skip
    nj("log", "2", "linkedin hello", "--on", "2026-11-20")
    nj("offer", "add", "2", "send a price list")
    return nj


def test_d04_merge_keeps_every_field_and_the_earliest_met(two_budis: NJ) -> None:
    record = two_budis.json("person", "merge", "1", "2", "--yes")
    assert record["org"] == "Kopi Jaya" and record["role"] == "owner"
    assert record["email"] == "budi@kopi.example"
    assert record["phone"] == "+62 811"
    assert "+62 899" in record["notes"] and "likes coffee" in record["notes"]
    assert record["met_on"] == "2026-10-01"
    assert set(record["tags"]) == {"bali", "coffee"}
    people = two_budis.json("person", "list")
    assert [p["id"] for p in people] == [1]
    card = two_budis.json("person", "show", "1")
    assert len(card["needs"]) == 1 and len(card["offers"]) == 1


def test_d04_merge_in_a_pipe_needs_yes_and_dry_run_writes_nothing(two_budis: NJ) -> None:
    before = table_counts(two_budis.db)
    result = two_budis.fails("person", "merge", "1", "2", code=2)
    assert "--yes" in result.stderr
    dry = two_budis("person", "merge", "1", "2", "--dry-run")
    assert "Kopi Jaya" in dry.stdout and "dry run" in dry.stdout.lower()
    assert table_counts(two_budis.db) == before


# -- 5. one-word exact name that begins others ---------------------------------


def test_d05_exact_one_word_name_wins_in_a_pipe_and_names_the_others(nj: NJ) -> None:
    nj("met", "Budi Santoso")
    nj("met", "Budi Hartono")
    nj("met", "Budi")
    result = nj("log", "budi", "coffee")
    assert "Budi #3" in result.stdout
    assert "Budi Santoso" in result.stderr and "Budi Hartono" in result.stderr
    assert not result.stderr.startswith("Error:")


# -- 9. read commands on a missing journal --------------------------------------


@pytest.mark.parametrize(
    "args",
    [("due",), ("review",), ("person", "list"), ("need", "list"), ("search", "x"), ("match",)],
)
def test_d09_read_commands_do_not_create_a_journal(tmp_path: Path, args: tuple[str, ...]) -> None:
    nj = NJ(tmp_path / "typo" / "jornal.db")
    result = nj.fails(*args)
    assert f"no journal at {nj.db}" in result.stderr
    assert "nj met" in result.stderr and "nj demo" in result.stderr
    assert not (tmp_path / "typo").exists()


def test_d09_write_commands_still_create_the_journal(tmp_path: Path) -> None:
    nj = NJ(tmp_path / "new" / "journal.db")
    nj("met", "Ann Lee")
    assert nj.db.exists()


# -- 12. duplicates slip in ----------------------------------------------------------


def test_d12_same_open_need_is_not_added_twice(nj: NJ) -> None:
    nj("met", "budi hartono", "--needs", "gudang di Surabaya")
    result = nj("met", "budi hartono", "--needs", "Gudang di  surabaya")
    assert "already open" in result.stdout + result.stderr
    assert "#1" in result.stdout + result.stderr
    assert len(nj.json("need", "list")) == 1


def test_d12_csv_last_first_matches_the_same_person(nj: NJ, tmp_path: Path) -> None:
    nj("person", "add", "Budi Santoso", "--org", "Kopi Jaya")
    csv = tmp_path / "people.csv"
    csv.write_text('Name,Organization\n"Santoso, Budi",Kopi Jaya\n', encoding="utf-8")
    nj("import", "csv", str(csv))
    assert [p["name"] for p in nj.json("person", "list")] == ["Budi Santoso"]


def test_d12_vcard_writes_last_first_names_structured(nj: NJ) -> None:
    nj("person", "add", "Rossi, Maria")
    out = nj("export", "vcard").stdout
    assert "N:Rossi;Maria;;;" in out.replace("\r\n", "\n").splitlines()


# -- 13. smaller ones ----------------------------------------------------------------


def test_d13_person_add_existing_says_it_exists_even_when_several(nj: NJ) -> None:
    nj("person", "add", "Budi Santoso")
    nj("person", "add", "Budi Santoso", "--allow-duplicate")
    result = nj.fails("person", "add", "budi santoso")
    assert "already" in result.stderr and "--allow-duplicate" in result.stderr


def test_d13_person_edit_name_refuses_an_exact_duplicate(nj: NJ) -> None:
    nj("person", "add", "Budi Santoso")
    nj("person", "add", "Budi Hartono")
    result = nj.fails("person", "edit", "2", "--name", "BUDI santoso")
    assert "--allow-duplicate" in result.stderr
    assert nj.json("person", "show", "2")["name"] == "Budi Hartono"
    nj("person", "edit", "2", "--name", "Budi Santoso", "--allow-duplicate")


def test_d13_kind_is_case_insensitive(nj: NJ) -> None:
    nj("met", "Ann Lee")
    assert nj.json("log", "ann", "phoned", "--kind", "Call")["kind"] == "call"


@pytest.mark.parametrize(("typo", "meant"), [("revew", "review"), ("persn", "person")])
def test_d13_root_commands_suggest_close_names(nj: NJ, typo: str, meant: str) -> None:
    result = nj.fails(typo, code=2)
    assert f"Did you mean '{meant}'" in result.stderr


# -- 5 and 8 on a real terminal --------------------------------------------------

NJ_BIN = shutil.which("nj")


def _pty_run(args: list[str], db: Path, keys: list[tuple[str, bytes]]) -> tuple[int, str]:
    """Run the installed ``nj`` on a pseudo-terminal; after each prompt text, send the keys."""
    import pty
    import select
    import signal
    import time

    env = {**os.environ, "NETJOURNAL_TODAY": "2026-11-28", "NETJOURNAL_DB": str(db)}
    env.pop("NO_COLOR", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execvpe(NJ_BIN or "nj", ["nj", *args], env)
    output = b""
    pending = list(keys)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if pending and pending[0][0].encode() in output:
            output_marker = pending.pop(0)
            output = output.replace(output_marker[0].encode(), b"<" + b"prompt" + b">", 1)
            # Keys at human speed: a Ctrl-C that lands between Python's signal check
            # and its blocking read of the terminal is never seen (the hang seen twice).
            time.sleep(0.3)
            os.write(fd, output_marker[1])
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:  # still waiting after the deadline: fail with what it showed, never hang
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = re.sub(r"\x1b\[[0-9;]*m", "", output.decode(errors="replace"))
    return os.waitstatus_to_exitcode(status), text


needs_tty = pytest.mark.skipif(NJ_BIN is None or os.name != "posix", reason="needs nj and a pty")


def _budis(db: Path) -> None:
    nj = NJ(db)
    nj("met", "Budi Santoso")
    nj("met", "Budi Hartono")
    nj("met", "Budi")


@needs_tty
def test_d05_terminal_asks_with_the_exact_one_first_and_enter_takes_it(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    _budis(db)
    code, out = _pty_run(["log", "budi", "coffee"], db, [("Which one", b"\r")])
    assert code == 0, out
    assert out.index("1) Budi (#3") < out.index("Budi Hartono")
    assert "Logged other #4 with Budi #3" in out


@needs_tty
def test_d08_ctrl_c_at_the_chooser_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    _budis(db)
    before = table_counts(db)
    code, out = _pty_run(["log", "budi", "coffee"], db, [("Which one", b"\x03")])
    assert code == 130, out
    assert "Interrupted; nothing was written" in out
    assert table_counts(db) == before


@needs_tty
def test_d08_invalid_choice_asks_again(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    nj = NJ(db)
    nj("met", "Budi Santoso")
    nj("met", "Budi Hartono")
    code, out = _pty_run(
        ["log", "budi", "coffee"], db, [("Which one", b"9\r"), ("Which one", b"2\r")]
    )
    assert code == 0, out
    assert "Logged other #3 with Budi Santoso #1" in out


@needs_tty
@pytest.mark.parametrize("command", [["person", "rm", "1"], ["person", "merge", "1", "2"]])
def test_d08_ctrl_c_at_a_confirmation_exits_130(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "j.db"
    _budis(db)
    before = table_counts(db)
    code, out = _pty_run(command, db, [("[y/N]", b"\x03")])
    assert code == 130, out
    assert "Interrupted; nothing was written" in out
    assert table_counts(db) == before


@needs_tty
def test_d04_merge_on_a_terminal_confirms(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    _budis(db)
    code, out = _pty_run(["person", "merge", "1", "2"], db, [("[y/N]", b"y\r")])
    assert code == 0, out
    assert "Merged Budi Hartono #2 into Budi Santoso #1" in out
    people = json.loads(NJ(db)("person", "list", "--json").stdout)
    assert sorted(p["id"] for p in people) == [1, 3]
