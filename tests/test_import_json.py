"""nj export json / nj import json: the whole journal out and back in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NJ, TODAY, table_counts
from tests.test_import_vcard import dump


def make_journal(nj: NJ) -> None:
    """Every kind of record, with a gap in the people ids (a deleted person)."""
    nj(
        "met",
        "Ann Lee",
        "--at",
        "Bali breakfast",
        "--on",
        "2026-11-01",
        "--org",
        "Acme",
        "--needs",
        "a notary in Bali",
        "--can",
        "web design",
        "--tag",
        "bali",
        "--every",
        "2w",
    )
    nj("met", "Temp Person")
    nj(
        "met",
        "Budi Santoso",
        "--on",
        "2026-11-02",
        "--email",
        "budi@example.id",
        "--note",
        "likes kopi\nand surfing",
    )
    nj("person", "rm", "Temp Person", "--yes")
    nj("met", "Citra", "--can", "notary work", "--phone", "+62 812 1")
    nj("log", "Budi", "called about the catalogue", "--kind", "call", "--on", "2026-11-10")
    nj("need", "add", "Ann", "an accountant", "--on", "2026-10-01")
    nj("offer", "add", "Budi", "send the catalogue", "--on", "2026-11-10")
    nj("offer", "add", "Ann", "logo review", "--done", "--on", "2026-11-05")
    nj("offer", "add", "Citra", "advice on visas", "--received", "--on", "2026-11-20")
    nj("intro", "add", "Ann", "Citra", "--need", "1", "--on", "2026-11-03", "--note", "notary")
    nj("followup", "add", "Budi", "--on", "2026-12-05", "--note", "ask about catalogue")
    nj("followup", "add", "Ann", "--on", "2026-11-20")
    nj("followup", "done", "2")


def export(nj: NJ) -> str:
    result = nj("export", "json")
    return str(result.stdout)


def test_round_trip_is_identical(nj: NJ, tmp_path: Path) -> None:
    make_journal(nj)
    first = export(nj)
    doc = json.loads(first)
    assert doc["format"] == "netjournal" and doc["exported_on"] == TODAY
    assert isinstance(doc["schema_version"], int)
    assert [p["id"] for p in doc["people"]] == [1, 3, 4]
    path = tmp_path / "journal.json"
    path.write_text(first, encoding="utf-8")
    copy = NJ(tmp_path / "copy.db")
    result = copy("import", "json", str(path))
    assert "3 added" in result.stdout
    assert export(copy) == first


def test_document_shape(nj: NJ) -> None:
    make_journal(nj)
    doc = json.loads(export(nj))
    ann = doc["people"][0]
    assert ann["name"] == "Ann Lee" and ann["tags"] == ["bali"] and ann["every"] == "2w"
    assert ann["capabilities"] == [{"text": "web design", "noted_on": "2026-11-01"}]
    assert "name_key" not in ann
    for table in ("interactions", "needs", "offers", "followups"):
        for item in doc[table]:
            assert set(item["person"]) == {"id", "name"}
    intro = doc["introductions"][0]
    assert intro["a"] == {"id": 1, "name": "Ann Lee"}
    assert intro["b"] == {"id": 4, "name": "Citra"}
    assert intro["need_id"] == 1
    if "synonyms" in doc:
        assert all("term" in s for s in doc["synonyms"])


def test_importing_twice_into_another_journal_changes_nothing(nj: NJ, tmp_path: Path) -> None:
    make_journal(nj)
    path = tmp_path / "journal.json"
    path.write_text(export(nj), encoding="utf-8")
    other = NJ(tmp_path / "other.db")
    other("met", "Budi Santoso", "--email", "BUDI@example.id", "--on", "2026-01-01")
    other("met", "Zed")
    data = other.json("import", "json", str(path))
    assert (data["added"], data["merged"]) == (2, 1)
    assert data["records"]["needs"] == 2 and data["records"]["introductions"] == 1
    budi = other.json("person", "show", "Budi Santoso")
    assert budi["id"] == 1
    assert "likes kopi\nand surfing" in [i["note"] for i in budi["interactions"]]
    # Budi's own "met" of 2026-01-01 stays; the imported one is added
    assert sorted(i["on"] for i in budi["interactions"]) == [
        "2026-01-01",
        "2026-11-02",
        "2026-11-10",
    ]
    ann = other.json("person", "show", "Ann Lee")
    assert ann["id"] == 3  # ids remapped after the journal's own
    assert ann["introductions"][0]["need"]["text"] == "a notary in Bali"
    before = dump(other.db)
    again = other.json("import", "json", str(path))
    assert (again["added"], again["merged"], again["unchanged"]) == (0, 3, 3)
    assert sum(again["records"].values()) == 0
    assert dump(other.db) == before


def test_two_people_with_the_same_name_stay_two(nj: NJ, tmp_path: Path) -> None:
    nj("person", "add", "Budi")
    nj("person", "add", "Budi", "--allow-duplicate")
    nj("log", "#2", "second budi", "--kind", "call")
    path = tmp_path / "j.json"
    path.write_text(export(nj), encoding="utf-8")
    other = NJ(tmp_path / "other.db")
    other("met", "Someone")
    other("import", "json", str(path))
    before = dump(other.db)
    other("import", "json", str(path))
    assert dump(other.db) == before
    assert len(other.json("person", "list")) == 3


def test_dry_run(nj: NJ, tmp_path: Path) -> None:
    make_journal(nj)
    path = tmp_path / "j.json"
    path.write_text(export(nj), encoding="utf-8")
    other = NJ(tmp_path / "other.db")
    other("met", "Zed")
    before = dump(other.db)
    data = other.json("import", "json", str(path), "--dry-run")
    assert data["dry_run"] is True and data["added"] == 3
    assert dump(other.db) == before


def _doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "netjournal",
        "schema_version": 1,
        "exported_on": TODAY,
        "people": [{"id": 1, "name": "Ann"}],
        "needs": [
            {
                "id": 1,
                "person": {"id": 1, "name": "Ann"},
                "text": "x",
                "noted_on": "2026-01-01",
                "status": "open",
            }
        ],
    }
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "netjournal", "people": [', "line 1 column 37: not valid JSON"),
        ('{"people": []}', "not a netjournal export"),
        (json.dumps(_doc(schema_version=999)), "newer netjournal (schema 999"),
        (
            json.dumps(
                _doc(needs=[{"id": 1, "person": {"id": 7}, "text": "x", "noted_on": "2026-01-01"}])
            ),
            "needs[0]: refers to person 7, who is not in the file",
        ),
        (
            json.dumps(
                _doc(needs=[{"id": 1, "person": {"id": 1}, "text": "x", "noted_on": "yesterday"}])
            ),
            'needs[0]: "noted_on" is not an ISO date',
        ),
        (
            json.dumps(
                _doc(
                    needs=[
                        {
                            "id": 1,
                            "person": {"id": 1},
                            "text": "x",
                            "noted_on": "2026-01-01",
                            "status": "maybe",
                        }
                    ]
                )
            ),
            'needs[0]: "status" must be one of open, met, dropped',
        ),
        (json.dumps(_doc(people=[{"id": 1, "name": "  "}])), "people[0]: The name cannot be empty"),
        ("BEGIN:VCARD\r\nEND:VCARD\r\n", "is a vCard file"),
    ],
)
def test_bad_documents_write_nothing(nj: NJ, tmp_path: Path, content: str, message: str) -> None:
    nj("met", "Zed")
    before = table_counts(nj.db)
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = nj.fails("import", "json", str(path))
    assert message in result.stderr
    assert table_counts(nj.db) == before


def test_a_minimal_document_imports(nj: NJ, tmp_path: Path) -> None:
    path = tmp_path / "min.json"
    path.write_text(json.dumps(_doc()), encoding="utf-8")
    data = nj.json("import", "json", str(path))
    assert data["added"] == 1 and data["records"]["needs"] == 1
    assert nj.json("need", "list")[0]["text"] == "x"


def test_user_synonyms_travel(nj: NJ, tmp_path: Path) -> None:
    import sqlite3

    nj("met", "Ann Lee")
    conn = sqlite3.connect(nj.db)
    with conn:
        conn.execute(
            "INSERT INTO synonyms (group_id, term, origin) VALUES (900, 'tukang kayu', "
            "'user'), (900, 'carpenter', 'user')"
        )
    conn.close()
    first = export(nj)
    assert [s["term"] for s in json.loads(first)["synonyms"]] == ["tukang kayu", "carpenter"]
    path = tmp_path / "j.json"
    path.write_text(first, encoding="utf-8")
    copy = NJ(tmp_path / "copy.db")
    copy("import", "json", str(path))
    assert export(copy) == first
    other = NJ(tmp_path / "other.db")
    other("met", "Zed")
    assert other.json("import", "json", str(path))["records"]["synonyms"] == 2
    assert other.json("import", "json", str(path))["records"]["synonyms"] == 0


def test_streamed_export_is_the_layout_of_json_dumps(nj: NJ) -> None:
    """The export is written record by record; the text is json.dumps(indent=2)'s."""
    import sqlite3

    make_journal(nj)
    conn = sqlite3.connect(nj.db)
    with conn:
        conn.execute(
            "UPDATE people SET notes = ? WHERE id = 1",
            ('quote " backslash \\ tab \t é 山田 \u2028 emoji \U0001f600',),
        )
        # A column added later, with values SQLite writes differently from Python (REAL).
        conn.execute("ALTER TABLE interactions ADD COLUMN score REAL")
        conn.execute("UPDATE interactions SET score = 1e20 WHERE id = 1")
        conn.execute("ALTER TABLE needs ADD COLUMN weight REAL")
        conn.execute("UPDATE needs SET weight = 0.1")
        conn.execute("UPDATE offers SET text = ? WHERE id = 1", (2**62,))
    conn.close()
    text = export(nj)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    doc = json.loads(text)
    assert doc["interactions"][0]["score"] == 1e20 and doc["needs"][0]["weight"] == 0.1
    assert doc["offers"][0]["text"] == str(2**62)  # TEXT affinity


def test_export_of_an_empty_journal(nj: NJ) -> None:
    nj("met", "Zed")
    nj("person", "rm", "Zed", "--yes")
    text = export(nj)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(text)["people"] == [] and '"people": []' in text


def test_a_compact_document_in_any_key_order_imports_the_same(nj: NJ, tmp_path: Path) -> None:
    """Sections are read item by item wherever they are and however they are spaced."""
    make_journal(nj)
    first = export(nj)
    doc = json.loads(first)
    reordered = {k: doc[k] for k in reversed(list(doc))}
    path = tmp_path / "compact.json"
    path.write_text(json.dumps(reordered, separators=(",", ":")), encoding="utf-8")
    copy = NJ(tmp_path / "copy.db")
    copy("import", "json", str(path))
    assert export(copy) == first


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "netjournal", "people": []} trailing', "not valid JSON (Extra data)"),
        ('{"format": "netjournal", "people": [1,]}', "not valid JSON (Expecting value)"),
        ('{"format": "netjournal", "people": [],}', "not valid JSON"),
    ],
)
def test_broken_json_names_the_place(nj: NJ, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert message in nj.fails("import", "json", str(path)).stderr
