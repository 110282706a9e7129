"""``nj match`` and ``nj synonyms``: what a user sees, the rules of ranking, the errors."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import NJ, table_counts

from netjournal.db import journal as store
from netjournal.search import index as search_index
from netjournal.search import matcher as match
from netjournal.search import refresh_index


def names(result: dict[str, object]) -> list[str]:
    return [c["person"]["name"] for c in result["candidates"]]  # type: ignore[index, attr-defined]


def synonym_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM synonyms").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def lawyers(nj: NJ) -> NJ:
    nj("met", "Tom Becker", "--needs", "need a lawyer for a lease", "--on", "2026-11-10")
    nj("person", "add", "David Chen", "--role", "Attorney", "--can", "property contracts")
    nj("person", "add", "Sarah Lim", "--role", "Accountant")
    return nj


def test_human_output_names_the_need_the_reasons_and_the_next_step(lawyers: NJ) -> None:
    out = lawyers("match", "1").stdout
    assert out.splitlines() == [
        "Need #1 for Tom Becker #1: need a lawyer for a lease  (noted 2026-11-10)",
        f"  1. David Chen #2  score {lawyers.json('match', '1')['candidates'][0]['score']:.2f}",
        "       can: property contracts (≈ lawyer, lease)",
        "       role: Attorney (≈ lawyer, lease)",
        "  Next: nj intro add 1 2 --need 1   (introduces Tom Becker to David Chen)",
    ]


def test_json_of_one_need_and_of_all_open_needs(lawyers: NJ) -> None:
    one = lawyers.json("match", "#1")
    assert one["need"] == {
        "id": 1,
        "person": {"id": 1, "name": "Tom Becker"},
        "text": "need a lawyer for a lease",
        "noted_on": "2026-11-10",
        "status": "open",
    }
    [cand] = one["candidates"]
    assert cand["person"] == {"id": 2, "name": "David Chen"}
    assert isinstance(cand["score"], float) and cand["score"] > 0
    assert cand["why"] == [
        "can: property contracts (≈ lawyer, lease)",
        "role: Attorney (≈ lawyer, lease)",
    ]
    lawyers("need", "add", "Sarah", "a tax accountant")
    every = lawyers.json("match")
    assert [r["need"]["id"] for r in every] == [1, 2]
    assert names(every[1]) == []  # Sarah has the need: never herself
    lawyers("need", "done", "1")
    assert [r["need"]["id"] for r in lawyers.json("match")] == [2]
    assert names(lawyers.json("match", "1")) == ["David Chen"]  # asked by id: any status


def test_no_candidate_says_ask_around_and_no_need_says_so(nj: NJ) -> None:
    assert nj("match").stdout == "No open needs. (nj need add NAME TEXT records one.)\n"
    assert nj.json("match") == []
    nj("met", "Ann", "--needs", "a unicorn groomer")
    assert "Nobody in the journal matches yet: ask around." in nj("match", "1").stdout
    assert nj.json("match", "1")["candidates"] == []


def test_never_the_person_with_the_need_nor_someone_introduced_for_it(lawyers: NJ) -> None:
    lawyers("person", "edit", "Tom", "--role", "Lawyer")
    lawyers("person", "add", "Putu Ardana", "--role", "Advokat")
    assert sorted(names(lawyers.json("match", "1"))) == ["David Chen", "Putu Ardana"]
    lawyers("intro", "add", "Tom", "David", "--need", "1")
    assert names(lawyers.json("match", "1")) == ["Putu Ardana"]
    # An introduction of the same two people for another need does not exclude.
    lawyers("need", "add", "Tom", "a notary for the lease")
    assert "David Chen" in names(lawyers.json("match", "2"))


def test_limit(lawyers: NJ) -> None:
    for n in range(5):
        lawyers("person", "add", f"Lawyer {n}", "--role", "lawyer")
    assert len(lawyers.json("match", "1", "--limit", "2")["candidates"]) == 2
    assert len(lawyers.json("match", "1")["candidates"]) == 3
    lawyers.fails("match", "1", "--limit", "0", code=2)


def test_bilingual_stems_and_synonyms(nj: NJ) -> None:
    nj("met", "Dewi", "--needs", "butuh dokter anak")
    nj("met", "Tom", "--needs", "accounting help")
    nj("met", "Ann", "--needs", "someone for the pembukuan")
    nj("person", "add", "Maya", "--role", "Dokter spesialis anak")
    nj("person", "add", "Sarah", "--can", "accountant for small shops")
    nj("person", "add", "Budi", "--can", "membantu buku kas UMKM")
    assert names(nj.json("match", "1"))[0] == "Maya"
    assert names(nj.json("match", "2"))[0] == "Sarah"
    assert names(nj.json("match", "3"))[0] == "Budi"  # pembukuan ~ buku


def test_misspelt_words_are_corrected_from_the_journal(nj: NJ) -> None:
    nj("met", "Tom", "--needs", "a pediatrition for my son")
    nj("person", "add", "Maya", "--role", "Pediatrician")
    assert names(nj.json("match", "1")) == ["Maya"]


def test_boosts_helped_before_in_touch_and_asked_too_often(nj: NJ) -> None:
    nj("met", "Owner", "--needs", "a translator", "--on", "2026-11-01")
    for name in ("Ann", "Bob", "Cid"):
        nj("person", "add", name, "--role", "Translator")
    base = nj.json("match", "1")
    assert names(base) == ["Ann", "Bob", "Cid"]  # equal text: by id
    nj("log", "Cid", "coffee", "--on", "2026-11-25", "--kind", "meeting")
    assert names(nj.json("match", "1"))[0] == "Cid"
    assert "in touch 3 days ago" in nj.json("match", "1")["candidates"][0]["why"]
    nj("offer", "add", "Bob", "translated my menu", "--received", "--on", "2026-06-01")
    assert names(nj.json("match", "1"))[0] == "Bob"
    assert "helped before (1×)" in nj.json("match", "1")["candidates"][0]["why"]
    nj("person", "add", "X")
    nj("person", "add", "Y")
    nj("intro", "add", "Bob", "X", "--on", "2026-11-20")
    nj("intro", "add", "Bob", "Y", "--on", "2026-11-21")
    nj("intro", "add", "Bob", "Owner", "--on", "2026-11-22")
    ranked = nj.json("match", "1")
    assert names(ranked)[-1] == "Bob"
    assert "introduced 3× in the last 30 days" in ranked["candidates"][-1]["why"]


def test_match_errors(lawyers: NJ) -> None:
    before = table_counts(lawyers.db)
    assert "No need with id #99" in lawyers.fails("match", "99").stderr
    assert "not a need id" in lawyers.fails("match", "abc", code=2).stderr
    lawyers.fails("match", "0", code=2)
    assert table_counts(lawyers.db) == before


def test_user_text_is_shown_literally(nj: NJ) -> None:
    nj("met", "[bold]Tom[/]", "--needs", "a [red]lawyer[/]")
    nj.fails("person", "add", "Evil \x1b]52;c;aGk=\x07 Ann", "--role", "lawyer")
    nj("person", "add", "[/] Ann", "--role", "lawyer", "--can", "[link=x]contracts[/link]")
    out = nj("match", "1").stdout
    assert "Need #1 for [bold]Tom[/] #1: a [red]lawyer[/]" in out
    assert "[/] Ann #" in out and "[link=x]contracts[/link]" in out


def test_synonyms_add_list_rm_and_their_effect(nj: NJ) -> None:
    # Words the knowledge of kinds does not know: only a synonym can join them.
    nj("met", "Chef", "--needs", "rengginang for the shop")
    nj("person", "add", "Zainal", "--can", "crackers from Palembang")
    assert names(nj.json("match", "1")) == []
    line = nj("synonyms", "add", "rengginang", "Crackers", "krupuk", "krupuk").stdout
    group = int(line.split()[3].rstrip(":"))
    assert line == f"Added synonym group {group}: rengginang, crackers, krupuk\n"
    assert names(nj.json("match", "1")) == ["Zainal"]
    listed = nj.json("synonyms", "list", "crackers")
    assert listed == [
        {"id": group, "origin": "user", "terms": ["rengginang", "crackers", "krupuk"]}
    ]
    assert nj("synonyms", "add", "opak", "--to", str(group), "-q").stdout == f"{group}\n"
    record = nj.json("synonyms", "rm", str(group), "crackers")
    assert record == {
        "id": group,
        "removed": ["crackers"],
        "terms": ["rengginang", "krupuk", "opak"],
    }
    assert names(nj.json("match", "1")) == []
    assert nj("synonyms", "rm", str(group)).stdout == f"Removed synonym group {group}\n"
    assert nj.json("synonyms", "list", "rengginang") == []


def test_default_synonyms_are_listed_and_removable(nj: NJ) -> None:
    groups = nj.json("synonyms", "list")
    legal = next(g for g in groups if "pengacara" in g["terms"])
    assert legal["origin"] == "default" and "attorney" in legal["terms"]
    assert "lawyer" in nj("synonyms", "list").stdout
    nj("synonyms", "rm", str(legal["id"]))
    assert not any("pengacara" in g["terms"] for g in nj.json("synonyms", "list"))


def test_synonyms_errors_write_nothing(nj: NJ) -> None:
    nj("met", "Ann")
    count = synonym_count(nj.db)
    assert "at least two" in nj.fails("synonyms", "add", "fish", code=2).stderr
    nj.fails("synonyms", "add", "fish", "fish", code=2)
    assert "too common" in nj.fails("synonyms", "add", "fish", "the").stderr
    nj.fails("synonyms", "add", "fish", "x" * 81)
    nj.fails("synonyms", "add", "fish", "bad\x1bword")
    assert "No synonym group 999" in nj.fails("synonyms", "add", "a1", "--to", "999").stderr
    assert "No synonym group 999" in nj.fails("synonyms", "rm", "999").stderr
    assert "has no word" in nj.fails("synonyms", "rm", "1", "nonsense").stderr
    nj.fails("synonyms", "rm", "abc", code=2)
    assert synonym_count(nj.db) == count


def test_fts_matcher_directly_with_an_as_of_day(tmp_path: Path) -> None:
    from netjournal.core import people

    with store.open_journal(tmp_path / "j.db") as journal:
        with journal.write() as conn:
            owner = people.insert_person(conn, today=date(2026, 1, 1), name="Owner")
            ann = people.insert_person(conn, today=date(2026, 1, 1), name="Ann", role="Notary")
            bob = people.insert_person(conn, today=date(2026, 1, 1), name="Bob", role="Notary")
            people.add_interaction(conn, bob, on=date(2026, 3, 1), kind="call")
        need = {"id": None, "person_id": owner, "text": "a notary"}
        with journal.read() as conn:
            early = match.FtsMatcher(as_of=date(2026, 3, 5)).suggest(conn, need, limit=3)
            late = match.FtsMatcher(as_of=date(2026, 12, 1)).suggest(conn, need, limit=3)
            plain = match.FtsMatcher(as_of=date(2026, 3, 5), boosts=False).suggest(
                conn, need, limit=3
            )
        assert [s.person["id"] for s in early] == [bob, ann]
        assert early[0].why == ["role: Notary", "in touch 4 days ago"]
        assert [s.person["id"] for s in late] == [ann, bob]
        assert [s.person["id"] for s in plain] == [ann, bob]
        # Refreshed inside the read transaction, which then rolled back: a later
        # reader refreshes again, and refresh_index() outside a transaction keeps it.
        assert search_index.pending(journal.conn)
        refresh_index(journal.conn)
        assert not search_index.pending(journal.conn)
