"""``nj search``: grouped by kind, best first, stemmed, highlighted, never broken by a query."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import NJ, table_counts

from netjournal.search import queries as match
from netjournal.search.analyser import spans


@pytest.fixture
def journal(nj: NJ) -> NJ:
    nj(
        "met",
        "Rina Wijaya",
        "--org",
        "Kantor Notaris",
        "--role",
        "Notaris",
        "--tag",
        "legal",
        "--can",
        "akta pendirian PT",
        "--at",
        "Bali Business Club",
        "--on",
        "2026-11-02",
    )
    nj("met", "Tom Becker", "--needs", "a notary for the villa lease", "--on", "2026-11-03")
    nj(
        "person",
        "add",
        "David Chen",
        "--role",
        "Attorney",
        "--can",
        "lease agreements",
        "--notes",
        "Knows every notary in Denpasar",
    )
    nj("log", "Tom", "asked again about notaries in Ubud", "--on", "2026-11-20", "--kind", "call")
    return nj


def test_grouped_by_kind_best_first_json(journal: NJ) -> None:
    result = journal.json("search", "notary")
    assert result["query"] == "notary"
    assert [p["person"]["name"] for p in result["people"]] == ["Rina Wijaya", "David Chen"]
    assert result["people"][0]["org"] == "Kantor Notaris"
    assert result["people"][0]["tags"] == ["legal"]
    assert result["capabilities"] == []
    assert [n["text"] for n in result["needs"]] == ["a notary for the villa lease"]
    assert result["needs"][0]["person"] == {"id": 2, "name": "Tom Becker"}
    assert result["needs"][0]["status"] == "open"
    assert [i["note"] for i in result["interactions"]] == ["asked again about notaries in Ubud"]
    assert result["interactions"][0]["on"] == "2026-11-20"
    assert all(isinstance(x["score"], float) for k in match.SEARCH_KINDS for x in result[k])


def test_human_output(journal: NJ) -> None:
    assert journal("search", "lease").stdout.splitlines() == [
        "Can help with",
        "  David Chen #3: lease agreements",
        "",
        "Needs",
        "  #1 Tom Becker #2: a notary for the villa lease  open 2026-11-03",
    ]
    assert journal("search", "zzzz").stdout == "Nothing matches zzzz.\n"


def test_all_words_must_match_unless_nothing_has_them_all(journal: NJ) -> None:
    both = journal.json("search", "notary villa")
    assert [n["id"] for n in both["needs"]] == [1]
    assert both["people"] == [] and both["interactions"] == []
    either = journal.json("search", "villa denpasar")
    assert [p["person"]["name"] for p in either["people"]] == ["David Chen"]
    assert [n["id"] for n in either["needs"]] == [1]


def test_stemming_accents_and_case(journal: NJ) -> None:
    journal("person", "add", "José Ávila", "--can", "menerjemahkan dokumen")
    assert journal.json("search", "JOSE")["people"][0]["person"]["name"] == "José Ávila"
    assert (
        journal.json("search", "penerjemah")["capabilities"][0]["text"] == "menerjemahkan dokumen"
    )
    assert journal.json("search", "Notaries")["people"][0]["person"]["name"] == "Rina Wijaya"


def test_events_of_meetings_are_searchable(journal: NJ) -> None:
    found = journal.json("search", "business club")["interactions"]
    assert [(i["person"]["name"], i["kind"], i["event"]) for i in found] == [
        ("Rina Wijaya", "met", "Bali Business Club")
    ]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "'",
        "*",
        "notary*",
        "-",
        "- -",
        "NEAR(notary villa)",
        "notary NEAR villa",
        "(",
        ")",
        "((notary",
        "AND",
        "OR",
        "NOT",
        "notary AND",
        "^notary",
        ":",
        "{name}: x",
        "col:notary",
        "a+b",
        "\\",
        "%",
        "_",
        "[bold]x[/]",
        "\x00",
        "日本語",
        "🙂",
        "x" * 5000,
    ],
)
def test_queries_with_fts_syntax_never_raise(journal: NJ, query: str) -> None:
    before = table_counts(journal.db)
    result = journal("search", query, ok=False)
    if result.exit_code == 2:
        assert result.stderr.startswith("Error:")
        return
    assert result.exit_code == 0, result.stderr
    assert journal("search", query, "--json", ok=False).exit_code == 0
    assert table_counts(journal.db) == before


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_valid_search(text: str) -> None:
    import sqlite3

    from netjournal.search import index as search_index

    conn = sqlite3.connect(":memory:")
    for statement in search_index.TABLES:
        conn.execute(statement)
    conn.execute(
        "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, org TEXT, role TEXT, notes TEXT)"
    )
    for table in ("tags", "capabilities", "needs", "interactions"):
        conn.execute(
            f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, person_id INTEGER, "
            "tag TEXT, text TEXT, note TEXT, status TEXT, noted_on TEXT, on_date TEXT, "
            "kind TEXT, event TEXT)"
        )
    if text.strip():
        match.search(conn, text)


def test_search_errors(journal: NJ) -> None:
    assert "Give some words" in journal.fails("search", "   ", code=2).stderr
    journal.fails("search", "x", "--limit", "0", code=2)
    assert journal.json("search", "the of and") == {
        "query": "the of and",
        "tokens": [],
        "people": [],
        "capabilities": [],
        "needs": [],
        "interactions": [],
        "offers": [],
        "introductions": [],
    }


def test_limit_per_kind(nj: NJ) -> None:
    for n in range(5):
        nj("person", "add", f"Baker {n}", "--can", "bread")
    assert len(nj.json("search", "baker", "--limit", "2")["people"]) == 2
    assert len(nj.json("search", "bread", "--limit", "3")["capabilities"]) == 3


def test_highlighting_styles_only_the_matched_words_of_literal_text() -> None:
    from rich.console import Console

    from netjournal import render

    text = render.t("[bold]Notaries[/] and a notary's friend \x1b[2J")
    for start, end in spans(text.plain, {"notari"}):
        text.stylize("bold yellow", start, end)
    assert text.plain == "[bold]Notaries[/] and a notary's friend [2J"
    assert [text.plain[s.start : s.end] for s in text.spans] == ["Notaries", "notary"]
    buffer = io.StringIO()
    Console(file=buffer, force_terminal=True, color_system="standard", width=100).print(text)
    output = buffer.getvalue()
    assert "[bold]" in output and "\x1b[2J" not in output
    # NO_COLOR is set in the tests: bold stays, colour goes.
    assert "\x1b[1mNotaries\x1b[0m" in output and "\x1b[1mnotary\x1b[0m" in output


def test_user_markup_prints_literally(nj: NJ) -> None:
    nj("person", "add", "[bold]Ann[/]", "--role", "[red]notary[/red]")
    out = nj("search", "notary").stdout
    assert "[bold]Ann[/] #1  [red]notary[/red]" in out
