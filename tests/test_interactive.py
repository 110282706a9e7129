"""``nj review -i`` driven through a real pseudo-terminal (pexpect): keys in, screen out,
then the journal checked with the ordinary commands."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

TODAY = "2026-11-28"
NJ_BIN = shutil.which("nj") or str(Path(sys.executable).with_name("nj"))


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        NETJOURNAL_TODAY=TODAY,
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        NO_COLOR="1",
        TERM="xterm",
        NETJOURNAL_LANG="en",
    )
    env.pop("NETJOURNAL_DB", None)
    env.pop("PAGER", None)
    return env


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    subprocess.run(
        [NJ_BIN, "demo", "--db", str(path)], env=_env(tmp_path), capture_output=True, check=True
    )
    return path


def _nj_json(tmp_path: Path, db: Path, *args: str) -> Any:
    out = subprocess.run(
        [NJ_BIN, *args, "--db", str(db), "--json"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def _spawn(tmp_path: Path, db: Path) -> Any:
    child = pexpect.spawn(
        NJ_BIN,
        ["review", "-i", "--db", str(db)],
        env=_env(tmp_path),
        encoding="utf-8",
        dimensions=(50, 120),
        timeout=20,
    )
    child.expect("> ")
    return child


def _goto(child: Any, ref: str) -> str:
    """Press n until the item ``ref`` is on screen; its screen."""
    screen = str(child.before)
    for _ in range(40):
        if f"· {ref} ·" in screen:
            return screen
        child.send("n")
        child.expect("> ")
        screen = str(child.before)
    raise AssertionError(f"{ref} never came")


def _end(child: Any) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus)


def _due_refs(tmp_path: Path, db: Path) -> list[str]:
    return [i["ref"] for i in _nj_json(tmp_path, db, "due")["items"]]


def test_without_a_terminal_it_is_a_usage_error(tmp_path: Path, demo: Path) -> None:
    out = subprocess.run(
        [NJ_BIN, "review", "-i", "--db", str(demo)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 2
    assert out.stderr.startswith("Error:") and "terminal" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert out.stdout == ""


def test_first_screen_shows_item_card_and_keys_then_q_quits(tmp_path: Path, demo: Path) -> None:
    child = _spawn(tmp_path, demo)
    screen = str(child.before)
    assert "20 items, most urgent first" in screen
    assert "[1/20]" in screen and "person:5" in screen and "44 days overdue" in screen
    assert "Agus Hidayat #5" in screen and "Last contact: 2026-10-08" in screen
    assert "d done" in screen and "q quit" in screen and "? help" in screen
    child.send("?")
    child.expect("> ")
    assert "Keys:" in child.before and "Enter: one week" in child.before
    child.send("n")
    child.expect("> ")
    assert "[2/20]" in child.before and "offer:2" in child.before
    child.send("q")
    child.expect("Stopped: 0 actions saved")
    assert _end(child) == 0
    assert "person:5" in _due_refs(tmp_path, demo)


def test_done_is_saved_and_echoed(tmp_path: Path, demo: Path) -> None:
    child = _spawn(tmp_path, demo)
    child.send("d")
    child.expect("> ")
    assert "→ nj done person:5" in child.before
    assert "[2/20]" in child.before
    child.send("q")
    child.expect("1 actions saved")
    assert _end(child) == 0
    assert "person:5" not in _due_refs(tmp_path, demo)


def test_snooze_with_enter_is_one_week(tmp_path: Path, demo: Path) -> None:
    child = _spawn(tmp_path, demo)
    _goto(child, "offer:3")
    child.send("s")
    child.expect("Snooze until")
    child.sendline("")
    child.expect("> ")
    assert "Snoozed offer:3 until 2026-12-05" in child.before
    assert "→ nj snooze offer:3" in child.before
    child.send("q")
    assert _end(child) == 0
    snoozes = _nj_json(tmp_path, demo, "snooze", "list")
    assert {"ref": "offer:3", "until": "2026-12-05"}.items() <= snoozes[0].items()
    assert "offer:3" not in _due_refs(tmp_path, demo)


def test_log_a_contact_with_a_note(tmp_path: Path, demo: Path) -> None:
    child = _spawn(tmp_path, demo)
    _goto(child, "person:2")
    child.send("l")
    child.expect("What happened")
    child.sendline("Called about the December order")
    child.expect("> ")
    assert "→ nj log '#2' 'Called about the December order'" in child.before
    child.send("q")
    assert _end(child) == 0
    with sqlite3.connect(demo) as conn:
        row = conn.execute(
            "SELECT on_date, note FROM interactions WHERE person_id = 2 ORDER BY id DESC"
        ).fetchone()
    assert row == (TODAY, "Called about the December order")
    assert "person:2" not in _due_refs(tmp_path, demo)


def test_introduce_by_number_prints_the_message(tmp_path: Path, demo: Path) -> None:
    child = _spawn(tmp_path, demo)
    screen = _goto(child, "need:8")
    assert "Suggested introducers:" in screen and "1. " in screen and "2. " in screen
    child.send("i")
    child.expect(r"which one \(1-\d")
    child.sendline("1")
    child.expect("> ")
    assert "→ nj intro add '#9' '#" in child.before and "--need 8" in child.before
    first = re.search(r"1\. ([^#(\r\n]+?) #", screen)
    assert first and first.group(1).split()[0] in child.before  # the message names them
    child.send("q")
    assert _end(child) == 0
    with sqlite3.connect(demo) as conn:
        row = conn.execute(
            "SELECT a_id, need_id, on_date FROM introductions ORDER BY id DESC"
        ).fetchone()
    assert row == (9, 8, TODAY)


def test_change_the_due_date_of_a_follow_up(tmp_path: Path, demo: Path) -> None:
    child = _spawn(tmp_path, demo)
    screen = _goto(child, "person:5")
    assert "[1/20]" in screen
    child.send("e")  # a fresh contact has no due date of its own
    child.expect("> ")
    assert "snooze it instead" in child.before
    _goto(child, "followup:2")
    child.send("e")
    child.expect("New due date")
    child.sendline("2026-12-10")
    child.expect("> ")
    assert "followup:2 is now due on 2026-12-10" in child.before
    assert "→ nj followup edit 2 --on 2026-12-10" in child.before
    child.send("q")
    assert _end(child) == 0
    with sqlite3.connect(demo) as conn:
        due = conn.execute("SELECT due_on FROM followups WHERE id = 2").fetchone()[0]
    assert due == "2026-12-10"
    assert "followup:2" not in _due_refs(tmp_path, demo)


def test_a_bad_date_is_one_error_and_the_item_stays(tmp_path: Path, demo: Path) -> None:
    child = _spawn(tmp_path, demo)
    child.send("s")
    child.expect("Snooze until")
    child.sendline("not a date")
    child.expect("> ")
    assert "Error:" in child.before and "[1/20]" not in child.before
    child.send("q")
    child.expect("0 actions saved")
    assert _end(child) == 0


def test_ctrl_c_keeps_what_was_done(tmp_path: Path, demo: Path) -> None:
    child = _spawn(tmp_path, demo)
    child.send("d")
    child.expect("> ")
    child.send("d")
    child.expect("> ")
    child.sendintr()
    child.expect("Interrupted; 2 actions were saved")
    assert _end(child) == 130
    refs = _due_refs(tmp_path, demo)
    assert "person:5" not in refs and "offer:2" not in refs
    assert "person:14" in refs
