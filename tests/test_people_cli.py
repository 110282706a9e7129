"""nj met, nj log and nj person ...: normal use and every error path, through the CLI."""

from __future__ import annotations

import json
import re

import pytest
from tests.conftest import NJ, table_counts


def test_met_creates_person_with_everything_in_one_go(nj: NJ) -> None:
    result = nj(
        "met",
        "Ann Lee",
        "--at",
        "Chamber mixer",
        "--org",
        "Acme",
        "--role",
        "CFO",
        "--email",
        "ann@acme.example",
        "--tag",
        "finance",
        "--tag",
        "Bali",
        "--needs",
        "a notary in Bali",
        "--can",
        "tax advice",
        "--every",
        "monthly",
        "--on",
        "yesterday",
        "--note",
        "likes durian",
    )
    assert result.stdout.startswith("Added Ann Lee #1, met on 2026-11-27 at Chamber mixer")
    card = nj.json("person", "show", "Ann")
    assert card["org"] == "Acme" and card["role"] == "CFO"
    assert card["tags"] == ["bali", "finance"]
    assert card["every"] == "1m"
    assert card["met_on"] == "2026-11-27" and card["met_at"] == "Chamber mixer"
    assert [n["text"] for n in card["needs"]] == ["a notary in Bali"]
    assert card["needs"][0]["person"] == {"id": 1, "name": "Ann Lee"}
    assert [c["text"] for c in card["capabilities"]] == ["tax advice"]
    assert card["interactions"][0]["kind"] == "met"
    assert card["interactions"][0]["note"] == "likes durian"
    assert card["last_contact"] == "2026-11-27"


def test_met_again_finds_the_same_person_by_exact_name_or_email(nj: NJ) -> None:
    nj("met", "Ann Lee", "--email", "ann@acme.example", "--on", "2026-10-01")
    again = nj("met", "ann lee", "--at", "Second event")
    assert again.stdout.startswith("Met again Ann Lee #1")
    by_email = nj("met", "A. Lee", "--email", "ANN@acme.example")
    assert "#1" in by_email.stdout
    card = nj.json("person", "show", "#1")
    assert len(card["interactions"]) == 3
    assert card["met_on"] == "2026-10-01"  # the first meeting stays
    assert table_counts(nj.db)["people"] == 1


def test_met_never_lands_on_a_prefix(nj: NJ) -> None:
    nj("met", "Annabel Smith")
    nj("met", "Ann")
    assert table_counts(nj.db)["people"] == 2


def test_met_quiet_prints_only_the_id(nj: NJ) -> None:
    assert nj("met", "Ann", "-q").stdout == "1\n"
    assert nj("met", "Bob", "-q").stdout == "2\n"


def test_met_json_is_the_written_record(nj: NJ) -> None:
    record = nj.json("met", "Ann", "--needs", "a house")
    assert record["id"] == 1 and record["created"] is True
    assert record["needs"][0]["text"] == "a house"


def test_met_markup_and_emoji_are_stored_and_shown_literally(nj: NJ) -> None:
    nj("met", "[bold]Ann[/] 🍅", "--org", "[link=http://x]Acme[/link]")
    shown = nj("person", "show", "#1").stdout
    assert "[bold]Ann[/] 🍅" in shown
    assert "[link=http://x]Acme[/link]" in shown
    listed = nj("person", "list").stdout
    assert "[bold]Ann[/]" in listed
    assert nj.json("person", "show", "#1")["name"] == "[bold]Ann[/] 🍅"


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["met", ""], 1, "cannot be empty"),
        (["met", "   "], 1, "cannot be empty"),
        (["met", "Ann\x1b[31m"], 1, "control characters"),
        (["met", "Ann", "--note", "bell\x07"], 1, "control characters"),
        (["met", "Ann", "--on", "blorf"], 1, "'blorf'"),
        (["met", "Ann", "--every", "sometimes"], 1, "'sometimes'"),
        (["met", "Ann", "--email", "not-an-email"], 1, "not an email"),
        (["met", "Ann", "--needs", ""], 1, "cannot be empty"),
        (["met", "x" * 1_000_000], 1, "too long"),
        (["met", "12"], 1, "looks like an id"),
        (["met", "Ann", "--bogus"], 2, "No such option"),
        (["met"], 2, "Missing argument"),
    ],
)
def test_met_bad_input_writes_nothing(nj: NJ, args: list[str], code: int, fragment: str) -> None:
    result = nj.fails(*args, code=code)
    assert fragment in result.stderr
    assert not nj.db.exists() or sum(table_counts(nj.db).values()) == 0


def test_log_records_a_contact(nj: NJ) -> None:
    nj("met", "Budi Santoso", "--on", "2026-11-01")
    result = nj("log", "budi", "called about tomatoes", "--kind", "call", "--on", "3d")
    assert result.stdout.startswith("Logged call #2 with Budi Santoso #1 on 2026-11-25")
    record = nj.json("log", "Budi", "sent the catalogue", "--kind", "email")
    assert record["person"] == {"id": 1, "name": "Budi Santoso"}
    assert record["on"] == "2026-11-28" and record["kind"] == "email"
    assert nj.json("person", "show", "budi")["last_contact"] == "2026-11-28"


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["log", "Nobody", "x"], 1, "No person named 'Nobody'"),
        (["log", "Budy", "x"], 1, "did you mean Budi Santoso"),
        (["log", "Ann", "x"], 1, "matches 2 people"),
        (["log", "Budi", "x", "--on", "31/02/2026"], 1, "31/02/2026"),
        (["log", "Budi", ""], 1, "cannot be empty"),
        (["log", "Budi", "x", "--kind", "fax"], 2, "--kind"),
        (["log", "#99", "x"], 1, "#99"),
    ],
)
def test_log_errors(nj: NJ, args: list[str], code: int, fragment: str) -> None:
    nj("met", "Budi Santoso")
    nj("met", "Ann Lee")
    nj("met", "Anna Wu")
    before = table_counts(nj.db)
    result = nj.fails(*args, code=code)
    assert fragment in result.stderr
    assert table_counts(nj.db) == before


def test_person_add_list_and_duplicates(nj: NJ) -> None:
    assert (
        nj(
            "person",
            "add",
            "Dewi",
            "--org",
            "Klinik Sehat",
            "--tag",
            "health",
            "--can",
            "dokter anak",
            "-q",
        ).stdout
        == "1\n"
    )
    nj.fails("person", "add", "dewi")
    nj("person", "add", "Dewi", "--allow-duplicate")
    people = nj.json("person", "list")
    assert [p["id"] for p in people] == [1, 2]
    assert nj.json("person", "list", "--tag", "health")[0]["name"] == "Dewi"
    assert nj.json("person", "list", "--org", "klinik")[0]["id"] == 1
    assert "Klinik Sehat" in nj("person", "list").stdout


def test_person_list_empty_says_how_to_start(nj: NJ) -> None:
    assert "nj met" in nj("person", "list").stdout
    assert nj.json("person", "list") == []


def test_person_edit(nj: NJ) -> None:
    nj("met", "Ann Lee", "--org", "Acme", "--tag", "old")
    nj(
        "person",
        "edit",
        "ann",
        "--name",
        "Ann Lee-Wong",
        "--org",
        "",
        "--role",
        "CEO",
        "--tag",
        "new",
        "--untag",
        "old",
        "--every",
        "2w",
        "--can",
        "introductions",
    )
    card = nj.json("person", "show", "ann")
    assert card["name"] == "Ann Lee-Wong"
    assert card["org"] is None and card["role"] == "CEO"
    assert card["tags"] == ["new"]
    assert card["every"] == "2w"
    nj("person", "edit", "ann", "--every", "never")
    assert nj.json("person", "show", "ann")["every"] is None
    nj.fails("person", "edit", "ann", "--name", "")
    nj.fails("person", "edit", "ann", "--every", "whenever")
    assert nj.json("person", "show", "ann")["name"] == "Ann Lee-Wong"


def test_person_rm_needs_yes_off_a_terminal(nj: NJ) -> None:
    nj("met", "Ann", "--needs", "a notary")
    result = nj.fails("person", "rm", "Ann", code=2)
    assert "--yes" in result.stderr
    assert table_counts(nj.db)["people"] == 1
    nj("person", "rm", "Ann", "--yes")
    counts = table_counts(nj.db)
    assert counts["people"] == 0 and counts["needs"] == 0 and counts["interactions"] == 0


def test_person_merge_moves_everything(nj: NJ) -> None:
    nj("met", "Budi Santoso", "--org", "Toko Tomat", "--on", "2026-11-01", "--tag", "food")
    nj(
        "met",
        "Budi S.",
        "--email",
        "budi@tomat.example",
        "--needs",
        "a cold store",
        "--can",
        "wholesale tomatoes",
        "--on",
        "2026-10-15",
        "--tag",
        "supplier",
    )
    nj("log", "Budi S.", "phoned", "--kind", "call")
    result = nj("person", "merge", "Budi Santoso", "Budi S.", "--yes")
    assert "Merged Budi S. #2 into Budi Santoso #1" in result.stdout
    card = nj.json("person", "show", "#1")
    assert card["email"] == "budi@tomat.example"
    assert card["tags"] == ["food", "supplier"]
    assert card["met_on"] == "2026-10-15"
    assert len(card["interactions"]) == 3
    assert [n["text"] for n in card["needs"]] == ["a cold store"]
    assert table_counts(nj.db)["people"] == 1
    nj.fails("person", "merge", "Budi", "Budi")


def test_person_show_text_has_card_and_timeline(nj: NJ) -> None:
    nj(
        "met",
        "Sari",
        "--at",
        "Ubud meetup",
        "--needs",
        "butuh dokter anak",
        "--can",
        "desain logo",
        "--on",
        "2026-11-20",
    )
    nj("log", "Sari", "kirim pesan WhatsApp", "--kind", "message")
    out = nj("person", "show", "sari").stdout
    assert "Sari" in out and "#1" in out
    assert "desain logo" in out
    assert "butuh dokter anak" in out
    timeline = out[out.index("Timeline") :]
    assert timeline.index("2026-11-28") < timeline.index("2026-11-20")  # newest first


def test_show_strips_escape_codes_from_stored_text(nj: NJ) -> None:
    nj("met", "Eve")
    import sqlite3

    conn = sqlite3.connect(nj.db)
    conn.execute("UPDATE people SET notes = ? WHERE id = 1", ("hi\x1b]52;c;ZXZpbA==\x07\x1b[2J",))
    conn.commit()
    conn.close()
    out = nj("person", "show", "Eve").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert json.loads(nj("person", "show", "Eve", "--json").stdout)["notes"].startswith("hi\x1b")


def test_root_db_option_and_env(nj: NJ, tmp_path) -> None:
    from typer.testing import CliRunner

    from netjournal.cli import app

    runner = CliRunner()
    other = tmp_path / "other.db"
    assert runner.invoke(app, ["--db", str(other), "met", "Zed"]).exit_code == 0
    assert table_counts(other)["people"] == 1
    env_db = tmp_path / "env.db"
    assert runner.invoke(app, ["met", "Yan"], env={"NETJOURNAL_DB": str(env_db)}).exit_code == 0
    assert table_counts(env_db)["people"] == 1


def test_bad_netjournal_today_is_a_clear_error(nj: NJ) -> None:
    result = nj("met", "Ann", ok=False, env={"NETJOURNAL_TODAY": "yesterday-ish"})
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and "NETJOURNAL_TODAY" in result.stderr


def test_not_a_journal_via_cli(nj: NJ) -> None:
    nj.db.write_text("hello")
    result = nj.fails("met", "Ann")
    assert "not a netjournal database" in result.stderr
    assert nj.db.read_text() == "hello"


def _three(nj: NJ) -> None:
    nj("met", "Ann Lee", "--org", "Warung Senja", "--role", "a role long enough to wrap " * 3)
    nj("met", "Bob Tan", "--tag", "supplier")
    nj("met", "Cara Wijaya")


def test_person_list_in_a_pipe_is_one_plain_row_per_person(nj: NJ) -> None:
    _three(nj)
    lines = nj("person", "list").stdout.splitlines()
    assert len(lines) == 2 + 3 + 1  # header, rule, rows, summary
    assert lines[0].split() == ["#", "Name", "Org", "Role", "Tags", "Became", "Last", "contact"]
    assert set(lines[1]) == {"─"} and len(lines[1]) == len(lines[2]) > 100  # no wrapping
    assert lines[2].startswith("1   Ann Lee       Warung Senja   a role long enough")
    assert lines[3].startswith("2   Bob Tan") and "supplier" in lines[3]
    assert lines[-1] == "3 people"
    assert "\x1b" not in "".join(lines)


def test_list_limit_says_how_many_more(nj: NJ) -> None:
    _three(nj)
    out = nj("person", "list", "--limit", "2").stdout.splitlines()
    assert [line.split()[0] for line in out[2:4]] == ["1", "2"]
    assert out[4:] == ["… and 1 more (--limit 0 shows them all)", "3 people"]
    assert len(nj.json("person", "list", "--limit", "2")) == 2
    assert len(nj.json("person", "list", "--limit", "0")) == 3
    assert len(nj("person", "list", "--limit", "0").stdout.splitlines()) == 6
    assert nj("person", "list", "--limit", "-1", ok=False).exit_code == 2


def test_a_terminal_shows_a_screenful_and_a_footer(nj: NJ, monkeypatch: pytest.MonkeyPatch) -> None:
    from netjournal.render import tables

    _three(nj)
    monkeypatch.setattr(tables, "TERMINAL_LIMIT", 2)
    terminal = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
    out = re.sub(r"\x1b\[[0-9;]*m", "", nj("person", "list", env=terminal).stdout)
    assert "Ann Lee" in out and "Bob Tan" in out and "Cara" not in out
    assert out.endswith("… and 1 more (--limit 0 shows them all)\n3 people\n")
    assert "Cara Wijaya" in nj("person", "list", "--limit", "0", env=terminal).stdout


def test_the_run_context_is_in_ctx_obj(nj: NJ, tmp_path) -> None:
    from typer.testing import CliRunner

    from netjournal.cli import app, common

    assert not hasattr(common, "root_options")
    other = tmp_path / "other.db"
    result = CliRunner().invoke(app, ["--db", str(other), "met", "Dee", "-q"])
    assert result.exit_code == 0 and result.stdout == "1\n"
    result = CliRunner().invoke(app, ["--db", str(other), "person", "list", "--json"])
    assert [p["name"] for p in json.loads(result.stdout)] == ["Dee"]
