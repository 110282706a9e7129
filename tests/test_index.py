"""The search index stays in step with every write: CLI, plain SQL, merges, deletes, migrations."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from tests.conftest import NJ

from netjournal import search
from netjournal.db import journal as store
from netjournal.search import index as search_index
from netjournal.search import queries
from netjournal.search.matcher import FtsMatcher

DATA = Path(__file__).parent / "data"


def ids(result: dict[str, object]) -> list[int]:
    return [c["person"]["id"] for c in result["candidates"]]  # type: ignore[index, attr-defined]


def problems(db: Path) -> list[str]:
    with store.open_journal(db) as journal, journal.read() as conn:
        return search.check_index(conn)


def need(nj: NJ, name: str, text: str) -> str:
    return str(nj("need", "add", name, text, "-q").stdout.strip())


def sql(db: Path, statement: str, params: tuple[object, ...] = ()) -> None:
    """A write by another program: plain SQL, no netjournal code."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = ON")
    with conn:
        conn.execute(statement, params)
    conn.close()


def test_a_new_capability_is_found_at_once(nj: NJ) -> None:
    nj("met", "Tom Becker", "--needs", "a lawyer for the lease")
    nj("met", "David Chen", "--role", "Attorney", "--can", "property contracts")
    result = nj.json("match", "1")
    assert result["need"]["text"] == "a lawyer for the lease"
    assert [c["person"]["name"] for c in result["candidates"]] == ["David Chen"]
    assert problems(nj.db) == []


def test_edits_and_removed_tags_and_capabilities_follow(nj: NJ) -> None:
    nj("person", "add", "Ann", "--role", "Baker", "--tag", "bread")
    nj("person", "add", "Bob", "--can", "sourdough bread")
    assert [p["person"]["name"] for p in nj.json("search", "baker")["people"]] == ["Ann"]
    nj("person", "edit", "Ann", "--role", "Notary", "--untag", "bread")
    assert nj.json("search", "baker")["people"] == []
    assert [p["person"]["name"] for p in nj.json("search", "notaries")["people"]] == ["Ann"]
    assert [c["person"]["name"] for c in nj.json("search", "bread")["capabilities"]] == ["Bob"]
    assert nj.json("search", "bread")["people"] == []
    assert problems(nj.db) == []


def test_plain_sql_writes_of_other_programs_are_indexed(nj: NJ) -> None:
    nj("met", "Sari", "--needs", "butuh akuntan untuk pembukuan")
    nj("met", "Rudi")
    sql(
        nj.db,
        "INSERT INTO capabilities (person_id, text, noted_on) VALUES (2, "
        "'pembukuan dan pajak UMKM', '2026-11-01')",
    )
    assert ids(nj.json("match", "1")) == [2]
    sql(nj.db, "UPDATE capabilities SET text = 'menjahit seragam' WHERE person_id = 2")
    assert ids(nj.json("match", "1")) == []
    sql(
        nj.db,
        "INSERT INTO interactions (person_id, on_date, kind, note) "
        "VALUES (2, '2026-11-20', 'call', 'talked about the warung expansion')",
    )
    found = nj.json("search", "warung")["interactions"]
    assert [i["note"] for i in found] == ["talked about the warung expansion"]
    assert problems(nj.db) == []


def test_a_merge_moves_the_duplicates_skills_and_drops_its_document(nj: NJ) -> None:
    nj("met", "Tom", "--needs", "a dentist")
    nj("person", "add", "Dewi Lestari", "--role", "Designer")
    nj("person", "add", "Dewi L.", "--can", "dental clinic in Sanur", "--tag", "zebra")
    assert ids(nj.json("match", "1")) == [3]
    nj("person", "merge", "Dewi Lestari", "Dewi L.", "--yes")
    assert ids(nj.json("match", "1")) == [2]
    assert [p["person"]["id"] for p in nj.json("search", "zebra")["people"]] == [2]
    assert problems(nj.db) == []
    conn = sqlite3.connect(nj.db)
    assert conn.execute("SELECT count(*) FROM search_people WHERE rowid = 3").fetchone() == (0,)


def test_a_deleted_person_is_gone_from_the_index_at_once(nj: NJ) -> None:
    nj("met", "Tom", "--needs", "a xylophonist")
    nj("person", "add", "Zed", "--can", "xylophone lessons", "--notes", "secretword here")
    assert ids(nj.json("match", "1")) == [2]
    nj("person", "rm", "Zed", "--yes")
    conn = sqlite3.connect(nj.db)
    # Before any read: the document is deleted by the trigger itself.
    assert conn.execute("SELECT count(*) FROM search_people WHERE rowid = 2").fetchone() == (0,)
    conn.close()
    assert nj.json("match", "1")["candidates"] == []
    conn = sqlite3.connect(nj.db)
    vocab = {r[0] for r in conn.execute("SELECT term FROM search_people_vocab")}
    assert not vocab & {"xylophon", "secretword"}, "deleted words are compacted away"
    assert problems(nj.db) == []


def test_a_deleted_need_leaves_search(nj: NJ) -> None:
    nj("met", "Tom", "--needs", "a quokka whisperer")
    assert len(nj.json("search", "quokka")["needs"]) == 1
    sql(nj.db, "DELETE FROM needs WHERE id = 1")
    assert nj.json("search", "quokka")["needs"] == []
    assert problems(nj.db) == []


def test_needs_someone_helped_meet_make_them_findable(nj: NJ) -> None:
    nj("met", "Owner", "--needs", "a surveyor for the rice field")
    nj("person", "add", "Helper")
    nj("person", "add", "Asker")
    intro = nj("intro", "add", "Owner", "Helper", "--need", "1", "-q").stdout.strip()
    later = need(nj, "Asker", "surveyor for my land")
    assert ids(nj.json("match", later)) == []  # no outcome yet: not "helped"
    nj("intro", "outcome", intro, "he measured it in a day")
    result = nj.json("match", later)
    assert ids(result) == [2]
    assert any(
        "helped with: a surveyor for the rice field" in w for w in result["candidates"][0]["why"]
    )
    # The need's text is edited by another program: the helper's document follows.
    sql(nj.db, "UPDATE needs SET text = 'a tailor for a kebaya' WHERE id = 1")
    assert ids(nj.json("match", later)) == []
    assert ids(nj.json("match", need(nj, "Asker", "kebaya tailor"))) == [2]
    sql(nj.db, "DELETE FROM introductions")
    assert ids(nj.json("match", need(nj, "Asker", "kebaya"))) == []
    assert problems(nj.db) == []


def test_a_met_need_whose_note_names_the_helper(nj: NJ) -> None:
    nj("met", "Owner", "--needs", "a notary in Ubud")
    nj("person", "add", "Budi Santoso")
    nj("person", "add", "Asker")
    nj("need", "done", "1", "--note", "Budi Santoso found one in two days")
    assert ids(nj.json("match", need(nj, "Asker", "notary"))) == [2]
    assert problems(nj.db) == []


def test_transform_drops_the_triggers_check_says_so_and_reindex_repairs(nj: NJ) -> None:
    from sqlite_utils import Database

    nj("met", "Ann", "--can", "pottery")
    db = Database(nj.db)
    db["people"].transform(types={"phone": str})  # sqlite-utils drops triggers (PITFALLS.md)
    db.conn.close()
    sql(
        nj.db,
        "INSERT INTO capabilities (person_id, text, noted_on) "
        "VALUES (1, 'glass blowing', '2026-11-01')",
    )
    found = problems(nj.db)
    assert any("triggers are missing" in p for p in found), found
    nj("db", "reindex")
    assert problems(nj.db) == []
    assert [c["text"] for c in nj.json("search", "glass")["capabilities"]] == ["glass blowing"]
    sql(nj.db, "INSERT INTO tags (person_id, tag) VALUES (1, 'ceramics')")
    assert len(nj.json("search", "ceramics")["people"]) == 1


def test_check_finds_a_tampered_index(nj: NJ) -> None:
    nj("met", "Ann", "--can", "pottery")
    nj("search", "pottery")
    sql(nj.db, "UPDATE search_people SET capabilities = 'nothing' WHERE rowid = 1")
    sql(nj.db, "DELETE FROM search_needs")
    sql(nj.db, "INSERT INTO search_interactions (rowid, note, event) VALUES (99, 'x', '')")
    found = problems(nj.db)
    assert any("out of date" in p for p in found), found
    assert any("left over" in p for p in found), found
    result = nj("db", "reindex", "--json")
    assert '"people": 1' in result.stdout
    assert problems(nj.db) == []


def test_reindex_cli_reports_counts_and_errors_without_a_journal(nj: NJ, tmp_path: Path) -> None:
    nj("met", "Ann", "--needs", "a lawyer")
    assert nj("db", "reindex").stdout == "Reindexed 1 people, 1 needs, 1 interactions\n"
    other = NJ(tmp_path / "not-a-db.db")
    other.db.write_text("hello")
    other.fails("db", "reindex")


def test_a_schema_1_journal_is_migrated_and_indexed(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    shutil.copy(DATA / "journal-v1.db", path)
    nj = NJ(path)
    people = nj.json("search", "jose")["people"]
    assert [p["person"]["name"] for p in people] == ["José Ávila"]
    assert problems(path) == []
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (store.SCHEMA_VERSION,)
    assert conn.execute("SELECT count(*) FROM search_dirty").fetchone() == (0,)
    assert (
        conn.execute("SELECT count(*) FROM search_people").fetchone()
        == conn.execute("SELECT count(*) FROM people").fetchone()
    )


def test_a_journal_stopped_before_m002_migrates(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from netjournal.db import migrations

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {store.APPLICATION_ID}")
    migrations.migrations.apply(Database(conn), stop_before="m002_search_index")
    conn.execute(
        "INSERT INTO people (name, name_key, role, created_on) "
        "VALUES ('Ann', 'ann', 'Notaris', '2026-01-01')"
    )
    conn.commit()
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()
    with store.open_journal(path) as journal:
        assert journal.migrated_from == 1
        with journal.read() as rconn:
            assert search.check_index(rconn) == []
            assert queries.search(rconn, "notary")["people"][0]["person"]["name"] == "Ann"


def test_the_review_matcher_refreshes_inside_its_read_transaction(nj: NJ) -> None:
    nj("met", "Tom", "--needs", "a dentist")
    nj("person", "add", "Dee", "--role", "Dentist")
    with store.open_journal(nj.db) as journal, journal.read() as conn:
        assert search_index.pending(conn)
        found = FtsMatcher(as_of=date(2026, 11, 28)).suggest(
            conn, {"id": 1, "person_id": 1, "text": "a dentist"}, limit=3
        )
        assert [s.person["name"] for s in found] == ["Dee"]


def test_default_matcher_is_the_fts_matcher() -> None:
    assert isinstance(search.default_matcher(as_of=date(2026, 11, 28)), FtsMatcher)
