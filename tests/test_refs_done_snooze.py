"""Issue 12: refs and actions on review items, nj done, nj snooze, coming up, ranking,
waiting on others, and migration m004 (snoozes)."""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from tests.conftest import NJ

DATA = Path(__file__).parent / "data"


@pytest.fixture
def story(nj: NJ) -> NJ:
    nj("met", "Ann Lee", "--on", "2026-11-02", "--needs", "a notary")  # person 1, need 1
    nj("met", "Bob", "--on", "2026-11-20", "--can", "notary in Canggu")  # person 2
    nj("offer", "add", "Ann", "send the list", "--on", "2026-11-01", "--due", "2026-11-10")
    nj("followup", "add", "Bob", "--on", "2026-11-27", "--note", "call back")  # followup 1
    return nj


def test_every_review_item_has_a_ref_and_actions(story: NJ) -> None:
    data = story.json("review")
    items = [i for s in ("follow_ups", "introductions", "promises", "check_ins") for i in data[s]]
    assert items
    for item in items:
        assert item["ref"].split(":")[0] in {"followup", "need", "offer", "intro", "person"}
        assert f"nj done {item['ref']}" in item["actions"]
        assert f"nj snooze {item['ref']}" in item["actions"]
    need = data["introductions"][0]
    assert need["ref"] == "need:1"
    assert need["actions"][0] == "nj intro add '#1' '#2' --need 1"
    assert data["promises"][0]["ref"] == "offer:1"
    assert "nj done offer:1" in story("review").stdout  # the terminal shows the first action


def test_every_action_runs_as_printed(story: NJ, tmp_path: Path) -> None:
    data = story.json("review")
    actions = {
        a
        for s in ("follow_ups", "introductions", "promises")
        for i in data[s]
        for a in i["actions"]
    }
    for n, action in enumerate(sorted(actions)):
        copy = NJ(tmp_path / f"copy{n}.db")
        shutil.copy(story.db, copy.db)
        args = shlex.split(action)
        assert args[0] == "nj"
        result = copy(*args[1:])
        assert result.exit_code == 0, (action, result.stderr)


def test_done_acts_on_each_kind(story: NJ) -> None:
    assert "Done: follow-up #1" in story("done", "followup:1").stdout
    assert "Kept: promise #1" in story("done", "offer:1").stdout
    assert "Met: need #1" in story("done", "need:1", "--note", "Bob").stdout
    out = story.json("done", "person:1", "--note", "said hello")
    assert out["action"] == "contact_logged" and out["interaction_id"]
    assert story.json("person", "show", "Ann")["last_contact"] == "2026-11-28"
    story.fails("done", "followup:1", code=1)  # already done
    data = story.json("review")
    assert not data["promises"] and not data["introductions"]


def test_done_errors(story: NJ) -> None:
    assert story.fails("done", "followup:99", code=1)
    assert story.fails("done", "bogus:1", code=2)
    assert story.fails("done", "followup", code=2)


def test_snooze_hides_until_the_date_then_back_with_original_due(story: NJ) -> None:
    assert "until 2026-12-05" in story("snooze", "need:1").stdout
    data = story.json("review")
    assert data["introductions"] == [] and data["summary"]["snoozed"] == 1
    assert "need:1" not in story("due").stdout
    assert "snoozed until 2026-12-05" in story("due", "--all").stdout
    later = story("review", "--json", env={"NETJOURNAL_TODAY": "2026-12-05"})
    item = __import__("json").loads(later.stdout)["introductions"][0]
    assert item["due"] == "2026-11-09" and item["days_overdue"] == 26
    assert story.json("snooze", "list")[0]["ref"] == "need:1"
    story("snooze", "rm", "need:1")
    assert story.json("review")["introductions"]
    assert story.fails("snooze", "rm", "need:1", code=1)
    assert story.fails("snooze", "need:1", "--until", "2026-11-01", code=1)


def test_person_snooze_and_planned_followup_silence_fresh_contact(nj: NJ) -> None:
    nj("met", "Ann", "--on", "2026-11-01")
    nj("met", "Cy", "--on", "2026-11-01")
    nj("followup", "add", "Cy", "--on", "2026-12-02")
    reasons = {i["ref"] for i in nj.json("review")["follow_ups"]}
    assert reasons == {"person:1"}  # Cy's planned follow-up silences the fresh contact
    nj("snooze", "person:1")
    assert nj.json("review")["follow_ups"] == []


def test_coming_up_and_ranking(nj: NJ) -> None:
    nj("met", "Ann", "--on", "2026-11-01")
    nj("offer", "add", "Ann", "send it", "--on", "2026-11-25", "--due", "2026-12-02")
    nj("person", "add", "Wendy", "--every", "1w")
    nj("person", "add", "Yuri", "--every", "1y")
    data = nj.json("review")
    coming = data["coming_up"][0]
    assert coming["ref"] == "offer:1" and coming["in_days"] == 4 and "days_overdue" not in coming
    assert data["summary"]["coming_up"] >= 1
    assert "Coming up" in nj("review").stdout


def test_waiting_on_others(nj: NJ) -> None:
    nj("met", "Maya", "--on", "2026-11-10")
    nj(
        "offer",
        "add",
        "Maya",
        "her list",
        "--received",
        "--on",
        "2026-11-10",
        "--due",
        "2026-11-20",
    )
    item = nj.json("review")["check_ins"][0]
    assert item["reason"] == "waiting_on" and item["ref"] == "offer:1"
    assert "friendly reminder" in item["detail"]
    assert "Arrived" in nj("done", "offer:1").stdout
    assert all(i["reason"] != "waiting_on" for i in nj.json("review")["check_ins"])


@pytest.mark.parametrize("fixture", sorted(DATA.glob("journal-v*.db")), ids=lambda p: p.name)
def test_m004_adds_snoozes_to_old_journals(tmp_path: Path, fixture: Path) -> None:
    nj = NJ(tmp_path / "journal.db")
    shutil.copy(fixture, nj.db)
    nj("snooze", "person:1", "--until", "2026-12-24")
    conn = sqlite3.connect(nj.db)
    assert conn.execute("SELECT kind, record_id, until FROM snoozes").fetchall() == [
        ("person", 1, "2026-12-24")
    ]


def test_installed_nj_done_and_snooze(tmp_path: Path) -> None:
    env = {**os.environ, "NETJOURNAL_DB": str(tmp_path / "j.db"), "NETJOURNAL_TODAY": "2026-11-28"}
    run = lambda *a: subprocess.run(["nj", *a], env=env, capture_output=True, text=True)  # noqa: E731
    assert run("met", "Ann", "--on", "2026-11-01").returncode == 0
    assert run("snooze", "person:1", "-q").stdout == "person:1\n"
    bad = run("done", "nope")
    assert bad.returncode == 2 and bad.stderr.startswith("Error:") and bad.stderr.count("\n") == 1
