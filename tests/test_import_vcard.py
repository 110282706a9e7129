"""nj import vcard: a real-shaped phone export (50 cards) and its broken variants."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NJ, table_counts

DATA = Path(__file__).parent / "data" / "import"
PHONE = DATA / "phone_export.vcf"


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table we own, for before/after comparisons."""
    conn = sqlite3.connect(db)
    try:
        return {
            t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in (
                "people",
                "tags",
                "capabilities",
                "interactions",
                "needs",
                "offers",
                "introductions",
                "followups",
            )
        }
    finally:
        conn.close()


def person(nj: NJ, name: str) -> dict[str, Any]:
    data: dict[str, Any] = nj.json("person", "show", name)
    return data


def test_phone_export_imports_50_cards(nj: NJ) -> None:
    result = nj("import", "vcard", str(PHONE))
    assert "48 added (#1-#48), 1 merged" in result.stdout
    assert "1 skipped" in result.stdout
    assert "Read " in result.stderr and "as UTF-8" in result.stderr
    assert "no name; skipped" in result.stderr
    people = nj.json("person", "list")
    assert len(people) == 48
    names = {p["name"] for p in people}
    # non-Latin and accented names, from quoted-printable (2.1), folded 3.0 and 4.0 cards
    for name in (
        "山田太郎",
        "Сергей Иванов",
        "محمد علي",
        "김민준",
        "Ελένη Παπαδοπούλου",
        "Nguyễn Văn An",
        "Zoë Ødegård",
        "François Müller",
        "Hans-Jürgen Groß",
        "Ni Luh Putu Ayu Lestari",
        "Antonín Dvořák",
    ):
        assert name in names
    taro = person(nj, "山田太郎")
    assert taro["org"] == "山田商事" and taro["role"] == "社長"
    assert taro["email"] == "taro@yamada.co.jp"


def test_card_details(nj: NJ) -> None:
    nj("import", "vcard", str(PHONE))
    # a birthday without a year: iOS's 1604 convention and vCard 4.0's --MMDD
    # (issue 15: a birthday field now, no longer a line of the notes)
    zoe = person(nj, "Zoë Ødegård")
    assert zoe["birthday"] == "--03-21" and zoe["notes"] is None
    francois = person(nj, "François Müller")
    assert francois["birthday"] == "--04-15" and francois["notes"] is None
    assert francois["phone"] == "+33-6-12-34-56-78"  # tel: URI of vCard 4.0
    # a card with N but no FN
    assert person(nj, "Bayu Nugroho")["org"] == "Nugroho Printing"
    # quoted-printable NOTE with soft line breaks
    assert person(nj, "Gede Prasetya")["notes"] == "Knows company setup (PT PMA) and visas"
    # Google's system group is not a tag; real categories are
    jose = person(nj, "José Ávila")
    assert jose["tags"] == ["architects", "spain"]
    # the duplicate card (same email, other capitalisation) merged into card 1
    budi = person(nj, "Budi Santoso")
    assert budi["email"] == "budi@majujaya.co.id"
    assert budi["role"] == "Direktur"
    assert budi["tags"] == ["supplier"]
    # PHOTO ignored; nothing is logged as an interaction
    assert table_counts(nj.db)["interactions"] == 0


def test_importing_twice_changes_nothing(nj: NJ) -> None:
    nj("import", "vcard", str(PHONE))
    before = dump(nj.db)
    data = nj.json("import", "vcard", str(PHONE))
    assert data["added"] == 0 and data["merged"] == 49 and data["unchanged"] == 49
    assert data["skipped"] == 1
    assert dump(nj.db) == before


def test_json_summary(nj: NJ) -> None:
    data = nj.json("import", "vcard", str(PHONE))
    assert set(data) >= {"added", "merged", "skipped", "errors", "encoding"}
    assert data["encoding"] == "utf-8"
    assert data["errors"] == []
    assert data["warnings"] == [{"line": 490, "message": "no name; skipped"}]


def test_quiet_prints_added_ids(nj: NJ) -> None:
    result = nj("import", "vcard", str(PHONE), "-q")
    assert result.stdout.split() == [str(i) for i in range(1, 49)]


def test_dry_run_writes_nothing(nj: NJ) -> None:
    nj("met", "Budi Santoso", "--email", "budi@majujaya.co.id")
    before = dump(nj.db)
    result = nj("import", "vcard", str(PHONE), "--dry-run")
    assert "nothing written" in result.stdout
    assert "47 added" in result.stdout and "2 merged" in result.stdout
    assert dump(nj.db) == before


def test_merge_fills_empty_fields_only(nj: NJ) -> None:
    nj(
        "person",
        "add",
        "Siti Rahayu",
        "--org",
        "Notaris Siti Rahayu SH",
        "--role",
        "Notary public",
        "--tag",
        "bali",
        "--notes",
        "Old note",
    )
    nj("import", "vcard", str(PHONE))
    siti = person(nj, "Siti Rahayu")
    assert siti["id"] == 1
    assert siti["role"] == "Notary public"  # not overwritten
    assert siti["email"] == "siti.rahayu@notaris.id"  # filled
    assert siti["phone"] == "+62 813 1111 2222"
    assert siti["tags"] == ["bali"]
    assert siti["notes"] == "Old note"


def test_tag_every_imported_person(nj: NJ) -> None:
    nj("import", "vcard", str(PHONE), "--tag", "phone-2026")
    assert len(nj.json("person", "list", "--tag", "phone-2026")) == 48


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("phone_export_truncated.vcf", "line 324: a card begins here (BEGIN:VCARD) but never ends"),
        ("phone_export_utf16.vcf", "line 1: contains NUL bytes"),
        ("empty.vcf", "is empty"),
        ("not_a_vcard.vcf", "is not a vCard file: no BEGIN:VCARD line (it looks like CSV"),
        ("photo.png", "is a PNG image"),
        ("no_such_file.vcf", "No such file"),
    ],
)
def test_broken_files_write_nothing(nj: NJ, name: str, message: str) -> None:
    nj("met", "Ann Lee")
    before = table_counts(nj.db)
    result = nj.fails("import", "vcard", str(DATA / name))
    assert message in result.stderr
    assert table_counts(nj.db) == before


def test_a_folder_is_refused(nj: NJ, tmp_path: Path) -> None:
    result = nj.fails("import", "vcard", str(tmp_path))
    assert "is a folder" in result.stderr


def _write(tmp_path: Path, text: str, name: str = "cards.vcf", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


BAD_EMAIL = """BEGIN:VCARD
VERSION:3.0
FN:Good One
EMAIL:good@example.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bad Email
EMAIL:not an email
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Good Two
END:VCARD
"""


def test_a_bad_card_fails_the_whole_file(fresh_nj: NJ, tmp_path: Path) -> None:
    nj = fresh_nj
    path = _write(tmp_path, BAD_EMAIL)
    result = nj.fails("import", "vcard", str(path))
    assert not nj.db.exists()  # a bad file does not even create the journal
    nj("met", "Ann Lee")
    before = table_counts(nj.db)
    result = nj.fails("import", "vcard", str(path))
    assert "line 6: 'not an email' is not an email address" in result.stderr
    assert "nothing was imported" in result.stderr
    assert table_counts(nj.db) == before


def test_skip_bad_imports_the_rest(nj: NJ, tmp_path: Path) -> None:
    path = _write(tmp_path, BAD_EMAIL)
    result = nj("import", "vcard", str(path), "--skip-bad", "--json")
    data = json.loads(result.stdout)
    assert data["added"] == 2 and data["skipped"] == 1
    assert data["errors"] == [{"line": 6, "message": "'not an email' is not an email address"}]
    assert "Skipped bad row: line 6:" in result.stderr
    assert {p["name"] for p in nj.json("person", "list")} == {"Good One", "Good Two"}


def test_unparseable_card_gets_its_line(nj: NJ, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:B\nthis is not a property\nEND:VCARD\n",
    )
    result = nj.fails("import", "vcard", str(path))
    assert "line 5: unreadable card (line 8" in result.stderr


def test_control_characters_are_stripped_and_reported(nj: NJ, tmp_path: Path) -> None:
    path = _write(
        tmp_path, "BEGIN:VCARD\nVERSION:3.0\nFN:Eve\x1b[2J Evil\nNOTE:hi\x07 there\nEND:VCARD\n"
    )
    data = nj.json("import", "vcard", str(path))
    assert data["added"] == 1
    assert data["warnings"] == [
        {"line": 1, "message": "removed control characters from the name, the notes"}
    ]
    eve = person(nj, "#1")
    assert eve["name"] == "Eve[2J Evil"
    assert eve["notes"] == "hi there"


def test_cp1252_and_utf16_with_bom_are_read(nj: NJ, tmp_path: Path) -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Chloé Dubois\nEND:VCARD\n"
    latin = _write(tmp_path, card, "latin.vcf", "cp1252")
    result = nj("import", "vcard", str(latin))
    assert "as Windows-1252" in result.stderr
    utf16 = _write(tmp_path, card.replace("Chloé", "Zoë"), "utf16.vcf", "utf-16")
    result = nj("import", "vcard", str(utf16))
    assert "as UTF-16" in result.stderr
    assert {p["name"] for p in nj.json("person", "list")} == {"Chloé Dubois", "Zoë Dubois"}


def test_same_name_other_org_is_another_person(nj: NJ, tmp_path: Path) -> None:
    nj("person", "add", "Ann Lee", "--org", "Acme")
    path = _write(
        tmp_path,
        "BEGIN:VCARD\nVERSION:3.0\nFN:ann lee\nORG:ACME\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nORG:Globex\nEND:VCARD\n",
    )
    data = nj.json("import", "vcard", str(path))
    assert data["merged"] == 1 and data["added"] == 1
