"""``nj review`` and ``nj config`` through the CLI: the report people read, its JSON, its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import NJ, table_counts


@pytest.fixture
def busy(nj: NJ) -> NJ:
    """A small journal with one item in every section (today is 2026-11-28)."""
    nj("met", "Ann Lee", "--at", "Bali mixer", "--on", "2026-11-10")
    nj(
        "met",
        "Sari Dewi",
        "--on",
        "2026-10-01",
        "--can",
        "notary for company deeds",
        "--role",
        "notaris",
    )
    nj("log", "Sari", "called", "--on", "2026-11-20")
    nj("met", "Sophie Martin", "--on", "2026-11-05", "--needs", "a notary for my company")
    nj("log", "Sophie", "coffee", "--on", "2026-11-06")
    nj("offer", "add", "Ann", "send the list of caterers", "--on", "2026-11-12")
    nj("offer", "add", "Sari", "a tomato", "--received", "--on", "2026-11-20")
    return nj


def test_review_report_has_every_section_and_the_summary(busy: NJ) -> None:
    out = busy("review").stdout
    assert out.startswith("Weekly review, Saturday 28 November 2026\n")
    assert "This week: 22–28 November 2026 · 4 items due" in out
    for heading in (
        "Follow-ups due (1)",
        "Introductions to make (1)",
        "Promises (1)",
        "Check-ins (1)",
        "This week (22–28 November 2026)",
    ):
        assert heading in out
    assert "Sari Dewi #2" in out  # suggested for Sophie's notary
    assert "Give/take all time: 0 given, 1 received (-1)" in out
    assert "\x1b[" not in out


def test_review_reads_well_at_80_columns(busy: NJ) -> None:
    out = busy("review", env={"NETJOURNAL_WIDTH": "80"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Send a note: how can" in out


def test_empty_sections_say_so_in_one_line(nj: NJ) -> None:
    nj("met", "Ann", "--on", "2026-11-27")
    out = nj("review").stdout
    assert "Follow-ups due: Nobody is waiting for a follow-up." in out
    assert "Introductions to make: No open need is waiting for an introduction." in out
    assert "Promises: No promise is late." in out
    assert "Check-ins: No check-in or thank-you is due." in out


def test_review_json_keys(busy: NJ) -> None:
    data = busy.json("review")
    assert list(data) == [
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
    assert data["as_of"] == "2026-11-28"
    intro = data["introductions"][0]
    assert intro["reason"] == "open_need"
    assert intro["person"] == {"id": 3, "name": "Sophie Martin"}
    assert intro["need"]["text"] == "a notary for my company"
    assert intro["suggestions"][0]["person"] == {"id": 2, "name": "Sari Dewi"}
    assert {"met", "contacts", "help_given", "help_received", "introductions", "balance"} <= set(
        data["summary"]
    )
    reasons = {i["reason"] for s in ("follow_ups", "promises", "check_ins") for i in data[s]}
    assert reasons == {"fresh_contact", "promise", "thank"}


def test_as_of_shows_the_journal_as_it_was(busy: NJ) -> None:
    data = busy.json("review", "--as-of", "2026-11-13")
    assert data["as_of"] == "2026-11-13"
    assert data["promises"] == [] and data["check_ins"] == []
    assert [i["reason"] for i in data["introductions"]] == ["open_need"]


def test_limit_and_all(nj: NJ) -> None:
    for n in range(1, 5):
        nj("met", f"Person {n}", "--on", f"2026-11-0{n}")
    out = nj("review", "--limit", "2").stdout
    assert "Follow-ups due (4)" in out
    assert "… and 2 more (nj review --all)" in out
    assert len(nj.json("review", "--limit", "2")["follow_ups"]) == 2
    assert len(nj.json("review", "--all")["follow_ups"]) == 4
    assert nj.json("review", "--limit", "2")["summary"]["overdue"]["follow_ups"] == 4


def test_week_flag(nj: NJ) -> None:
    nj("met", "Old", "--on", "2026-10-01")
    nj("met", "New", "--on", "2026-11-19")
    data = nj.json("review", "--week")
    assert [i["person"]["name"] for i in data["follow_ups"]] == ["New"]
    assert "1 item became due this week" in nj("review", "--week").stdout


def test_markup_in_names_is_literal(nj: NJ) -> None:
    nj("met", "[bold]Ann[/]", "--on", "2026-11-01", "--at", "[red]x")
    out = nj("review").stdout
    assert "[bold]Ann[/]" in out
    md = nj("review", "--format", "markdown").stdout
    assert "\\[bold\\]Ann\\[/\\]" in md


def test_markdown_and_html(busy: NJ) -> None:
    md = busy("review", "--format", "markdown").stdout
    assert md.startswith("# Weekly review, Saturday 28 November 2026\n")
    assert "## Promises (1)" in md
    assert "| Days | Ref | Person | Why | Since | Next |" in md
    html = busy("review", "--format", "html").stdout
    assert "<title>Weekly review, Saturday 28 November 2026</title>" in html
    assert "Sophie Martin" in html and "<script" not in html


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("review", "--format", "pdf"), 2),
        (("review", "--json", "--format", "markdown"), 2),
        (("review", "--limit", "0"), 2),
        (("review", "--as-of", "the day after never"), 1),
    ],
)
def test_review_errors(nj: NJ, db: Path, args: tuple[str, ...], code: int) -> None:
    nj("met", "Ann")
    before = table_counts(db)
    nj.fails(*args, code=code)
    assert table_counts(db) == before


def test_config_thresholds_change_the_review(nj: NJ, tmp_path: Path) -> None:
    nj("met", "Ann", "--on", "2026-11-25")
    assert nj.json("review")["follow_ups"] == []
    config = tmp_path / "config.toml"
    config.write_text("[review]\nfresh_contact_days = 3\n", encoding="utf-8")
    data = json.loads(nj("review", "--json", env={"NETJOURNAL_CONFIG": str(config)}).stdout)
    assert data["follow_ups"][0]["days_overdue"] == 0


def test_bad_config_is_one_error_line(nj: NJ, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("fresh_contact_days = 'soon'\n", encoding="utf-8")
    result = nj("review", ok=False, env={"NETJOURNAL_CONFIG": str(config)})
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Config file")


def test_config_path_and_show(nj: NJ, tmp_path: Path) -> None:
    path = nj.runner.invoke(_app(), ["config", "path"]).stdout.strip()
    assert path == str(tmp_path / "xdg-config" / "netjournal" / "config.toml")
    shown = nj.runner.invoke(_app(), ["config", "show"]).stdout
    assert "fresh_contact_days = 7" in shown and "day_first = true" in shown
    assert shown.startswith("# defaults; no file at")
    Path(path).parent.mkdir(parents=True)
    Path(path).write_text("review_limit = 5\n", encoding="utf-8")
    data = json.loads(nj.runner.invoke(_app(), ["config", "show", "--json"]).stdout)
    assert data["exists"] is True
    assert data["settings"]["review_limit"] == 5
    assert data["settings"]["check_in_days"] == 14


def _app():  # type: ignore[no-untyped-def]
    from netjournal.cli import app

    return app


def test_at_120_columns_the_why_column_gets_the_room(tmp_path: Path) -> None:
    """Issue 12: on a wide terminal the extra width goes to Why, not to the names."""
    import os
    import subprocess

    db = tmp_path / "demo.db"
    env = {**os.environ, "NETJOURNAL_TODAY": "2026-11-28", "NO_COLOR": "1"}
    subprocess.run(["nj", "demo", "--db", str(db)], env=env, capture_output=True, check=True)
    widths = {}
    for cols in (80, 120):
        wide = {**env, "COLUMNS": str(cols), "NETJOURNAL_WIDTH": str(cols)}
        out = subprocess.run(
            ["nj", "review", "--db", str(db), "--no-pager"],
            env=wide,
            capture_output=True,
            text=True,
        ).stdout
        head = next(line for line in out.splitlines() if "Person" in line and "Why" in line)
        widths[cols] = (
            head.index("Why") - head.index("Person"),
            head.index("Since") - head.index("Why"),
        )
    assert widths[120][0] == widths[80][0]  # the names keep their width
    assert widths[120][1] > widths[80][1] + 20  # the reasons get the room
