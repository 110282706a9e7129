"""nj import csv and nj import linkedin: Indonesian headers, encodings, LinkedIn's preamble."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NJ, table_counts
from tests.test_import_vcard import PHONE, dump

DATA = Path(__file__).parent / "data" / "import"
KONTAK = DATA / "kontak_indonesia.csv"
LINKEDIN = DATA / "Connections.csv"


def person(nj: NJ, name: str) -> dict[str, Any]:
    data: dict[str, Any] = nj.json("person", "show", name)
    return data


# -- CSV ----------------------------------------------------------------------------


def test_indonesian_headers_are_mapped(nj: NJ) -> None:
    result = nj("import", "csv", str(KONTAK))
    assert "7 added (#1-#7), 0 merged" in result.stdout
    assert "as UTF-8 with BOM" in result.stderr
    assert "Ignored columns: Kota" in result.stderr
    siti = person(nj, "Siti Rahayu")
    assert siti["email"] == "siti.rahayu@notaris.id"
    assert siti["phone"] == "0813-1111-2222"
    assert siti["org"] == "Notaris Siti Rahayu SH"
    assert siti["role"] == "Notaris"
    assert siti["tags"] == ["bali", "notaris"]
    assert siti["notes"] == "Bisa bantu akta pendirian PT"
    assert siti["met_on"] == "2026-11-05"  # 05/11/2026, day first
    joko = person(nj, "Bapak Joko Widodo")
    assert joko["notes"] == "Butuh distributor di Jawa Timur;\nminta katalog"
    assert person(nj, "Ibu Sri Mulyani")["met_on"] == "2026-08-01"  # "1 Agustus 2026"
    assert person(nj, "Dewi Lestari")["tags"] == ["buku", "penerbit"]
    assert table_counts(nj.db)["interactions"] == 0


def test_csv_twice_changes_nothing(nj: NJ) -> None:
    nj("import", "csv", str(KONTAK))
    before = dump(nj.db)
    data = nj.json("import", "csv", str(KONTAK))
    assert (data["added"], data["merged"], data["unchanged"]) == (0, 7, 7)
    assert dump(nj.db) == before


def test_cp1252_is_detected_and_said(nj: NJ) -> None:
    result = nj("import", "csv", str(DATA / "kontak_cp1252.csv"))
    assert "as Windows-1252 (Latin-1)" in result.stderr
    assert person(nj, "Chloé Dubois")["org"] == "Atelier Chloé"


def test_map_option(nj: NJ) -> None:
    nj("import", "csv", str(KONTAK), "--map", "Kota=met_at", "--map", "Label=ignore")
    siti = person(nj, "Siti Rahayu")
    assert siti["met_at"] == "Denpasar"
    assert siti["tags"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "Nope=notes"], "has no column 'nope'"),
        (["--map", "Kota=zodiac"], "unknown field 'zodiac'"),
        (["--map", "Kota"], "--map takes COLUMN=FIELD"),
        (["--delimiter", ";;"], "--delimiter must be one character"),
    ],
)
def test_bad_usage_exits_2(nj: NJ, args: list[str], message: str) -> None:
    result = nj.fails("import", "csv", str(KONTAK), *args, code=2)
    assert message in result.stderr


def test_tab_separated_english_file(nj: NJ, tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text(
        "First Name\tLast Name\tE-mail\tCompany\tTitle\tSkills\n"
        "Ann\tLee\tann@acme.test\tAcme\tCTO\tweb design|hiring\n"
        "\n"
        "Bob\tStone\t\t\t\t\n",
        encoding="utf-8",
    )
    data = nj.json("import", "csv", str(path))
    assert data["added"] == 2
    ann = person(nj, "Ann Lee")
    assert (ann["email"], ann["org"], ann["role"]) == ("ann@acme.test", "Acme", "CTO")
    assert [c["text"] for c in ann["capabilities"]] == ["web design", "hiring"]


def test_short_rows_in_a_hand_made_file_are_fine(nj: NJ, tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("name,email,notes\nAnn,ann@x.test\nBob\n", encoding="utf-8")
    assert nj.json("import", "csv", str(path))["added"] == 2


def test_bad_date_names_the_line(fresh_nj: NJ, tmp_path: Path) -> None:
    nj = fresh_nj
    path = tmp_path / "dates.csv"
    path.write_text("nama,tanggal\nAni,2026-01-05\nBudi,kapan-kapan\nCitra,\n", encoding="utf-8")
    result = nj.fails("import", "csv", str(path))
    assert "line 3:" in result.stderr and "kapan-kapan" in result.stderr
    assert not nj.db.exists()
    result = nj("import", "csv", str(path), "--skip-bad")
    assert "2 added" in result.stdout and "1 skipped" in result.stdout
    assert "Skipped bad row: line 3:" in result.stderr


def test_no_name_column(nj: NJ, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("kota,umur\nBali,30\n", encoding="utf-8")
    result = nj.fails("import", "csv", str(path))
    assert "line 1: no name column in the header (kota, umur)" in result.stderr
    assert "--map COLUMN=name" in result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("kontak_truncated.csv", "line 3: unexpected end of data (a quote is never closed"),
        ("kontak_bad_bytes.csv", "line 2: the text is neither UTF-8 nor Windows-1252"),
        ("kontak_empty.csv", "is empty"),
        ("kontak_wrong.csv", "is a vCard file, not a CSV file: try 'nj import vcard'"),
        ("photo.png", "is a PNG image"),
        ("missing.csv", "No such file"),
    ],
)
def test_broken_csv_files_write_nothing(nj: NJ, name: str, message: str) -> None:
    nj("met", "Ann Lee")
    before = dump(nj.db)
    result = nj.fails("import", "csv", str(DATA / name))
    assert message in result.stderr
    assert dump(nj.db) == before


def test_csv_export_reads_back(nj: NJ, tmp_path: Path) -> None:
    nj("import", "csv", str(KONTAK))
    out = tmp_path / "people.csv"
    nj("export", "csv", "--output", str(out))
    other = NJ(tmp_path / "other.db")
    data = other.json("import", "csv", str(out))
    assert data["added"] == 7
    assert "last_contact" not in json.dumps(data)
    mine = {
        p["name"]: (p["email"], p["org"], p["tags"], p["met_on"], p["notes"])
        for p in nj.json("person", "list")
    }
    theirs = {
        p["name"]: (p["email"], p["org"], p["tags"], p["met_on"], p["notes"])
        for p in other.json("person", "list")
    }
    assert mine == theirs


# -- LinkedIn ------------------------------------------------------------------------


def test_linkedin_connections(nj: NJ) -> None:
    result = nj("import", "linkedin", str(LINKEDIN))
    assert "10 added (#1-#10)" in result.stdout
    assert "Skipped LinkedIn's 3 preamble lines" in result.stderr
    budi = person(nj, "Budi Santoso")
    assert (budi["met_on"], budi["met_at"]) == ("2024-03-12", "LinkedIn")
    assert budi["notes"] == "LinkedIn: https://www.linkedin.com/in/budisantoso"
    sarah = person(nj, "Sarah O'Connor")
    assert sarah["org"] == 'O\'Connor "Legal" Ltd'
    assert person(nj, "Thomas Becker")["role"] == "Senior Consultant, Cloud"
    # Connected On is when you met, but no "met" interaction: no flood of fresh contacts
    assert table_counts(nj.db)["interactions"] == 0
    review = nj.json("review")
    assert review["follow_ups"] == []


def test_linkedin_after_phone_merges(nj: NJ) -> None:
    nj("import", "vcard", str(PHONE))
    data = nj.json("import", "linkedin", str(LINKEDIN))
    assert (data["added"], data["merged"]) == (5, 5)
    budi = person(nj, "Budi Santoso")
    assert budi["role"] == "Direktur"  # the phone's value stays
    assert budi["met_on"] == "2024-03-12"  # the empty field is filled
    before = dump(nj.db)
    nj("import", "linkedin", str(LINKEDIN))
    assert dump(nj.db) == before


def test_linkedin_truncated(fresh_nj: NJ) -> None:
    nj = fresh_nj
    path = str(DATA / "Connections_truncated.csv")
    result = nj.fails("import", "linkedin", path)
    assert "line 12: only 3 of 7 columns (is the file truncated?)" in result.stderr
    assert not nj.db.exists()
    data = json.loads(nj("import", "linkedin", path, "--skip-bad", "--json").stdout)
    assert data["added"] == 7 and data["skipped"] == 1
    assert data["errors"][0]["line"] == 12


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Connections_utf16.csv", "contains NUL bytes"),
        ("Connections_empty.csv", "is empty"),
        ("Connections_wrong.csv", "is not LinkedIn's Connections.csv"),
        ("phone_export.vcf", "is a vCard file"),
    ],
)
def test_broken_linkedin_files(fresh_nj: NJ, name: str, message: str) -> None:
    nj = fresh_nj
    result = nj.fails("import", "linkedin", str(DATA / name))
    assert message in result.stderr
    assert not nj.db.exists()
