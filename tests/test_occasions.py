"""Occasions (issue 15): birthdays and holidays, whom to greet in the review."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import NJ, table_counts

from netjournal.core import birthdays, holiday_dates
from netjournal.db import journal as store

DATA = Path(__file__).parent / "data"

VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Apple Person
BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-05
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Four Person
BDAY:--1203
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Dash Person
BDAY:--12-04
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Full Person
BDAY:1986-12-08
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Odd Person
BDAY:sometime in spring
END:VCARD
"""


def occasions(nj: NJ, today: str | None = None, **env: str) -> list[dict]:
    """The review's occasions, on ``today`` (the review cannot be dated in the future)."""
    if today:
        env["NETJOURNAL_TODAY"] = today
    data: dict = json.loads(nj("review", "--json", env=env).stdout)
    return data["occasions"]


def test_birthday_flags_on_met_add_and_edit(nj: NJ) -> None:
    card = nj.json("met", "Budi Santoso", "--birthday", "12-01", "--celebrates", "lebaran,Natal")
    assert card["birthday"] == "--12-01"
    assert card["celebrates"] == ["lebaran", "natal"]
    assert nj.json("person", "add", "Sari", "--birthday", "13/04/1985")["birthday"] == "1985-04-13"
    edited = nj.json("person", "edit", "Sari", "--birthday", "", "--celebrates", "christmas")
    assert edited["birthday"] is None and edited["celebrates"] == ["natal"]
    assert "Birthday" not in nj("person", "show", "Sari").stdout
    assert "Celebrates Christmas (Natal)" in nj("person", "show", "Sari").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--birthday", "31-02"), "not a birthday"),
        (("--birthday", "13-13"), "not a birthday"),
        (("--celebrates", "lebaran,halloween"), "Unknown holiday 'halloween'"),
    ],
)
def test_bad_birthday_or_holiday_writes_nothing(
    nj: NJ, db: Path, args: tuple[str, ...], message: str
) -> None:
    nj("person", "add", "Sari")
    before = table_counts(db)
    assert message in nj.fails("met", "Budi", *args, code=1).stderr
    assert message in nj.fails("person", "edit", "Sari", *args, code=1).stderr
    assert table_counts(db) == before


def test_vcard_birthdays_year_less_and_apple_1604(nj: NJ, tmp_path: Path) -> None:
    path = tmp_path / "phone.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    nj("import", "vcard", str(path))
    got = {name: nj.json("person", "show", name)["birthday"] for name in ("Apple", "Four")}
    assert got == {"Apple": "--12-05", "Four": "--12-03"}
    assert nj.json("person", "show", "Dash")["birthday"] == "--12-04"
    assert nj.json("person", "show", "Full")["birthday"] == "1986-12-08"
    odd = nj.json("person", "show", "Odd")
    assert odd["birthday"] is None and "sometime in spring" in odd["notes"]
    items = occasions(nj)  # today is 2026-11-28
    details = {i["person"]["name"]: i["detail"] for i in items}
    assert details == {
        "Four Person": "Birthday",
        "Dash Person": "Birthday",
        "Apple Person": "Birthday",
        "Full Person": "Birthday: turns 40",
    }
    assert all(i["age"] is None for i in items if i["person"]["name"] != "Full Person")
    text = nj("review").stdout
    assert "413" not in text and "Full Person turns 40" in text
    assert "Apple Person's birthday on 2026-12-05, in 7 days" in text
    # exported back year-less as --MMDD (never Apple's 1604), read back the same
    exported = nj("export", "vcard").stdout
    assert "BDAY:--1205" in exported and "1604" not in exported
    assert "BDAY:1986-12-08" in exported
    other = NJ(tmp_path / "other.db")
    back = tmp_path / "back.vcf"
    back.write_text(exported, encoding="utf-8")
    other("import", "vcard", str(back))
    assert other.json("person", "show", "Apple")["birthday"] == "--12-05"


def test_to_vcard_4_writes_the_rfc_6350_form() -> None:
    assert birthdays.to_vcard("--04-13", "4.0") == ("--0413", {})
    assert birthdays.to_vcard("1985-04-13", "4.0") == ("19850413", {})
    assert birthdays.from_vcard("--0413") == "--04-13"
    assert birthdays.from_vcard("1604-04-13", "1604") == "--04-13"


@pytest.mark.parametrize(
    ("as_of", "due"),
    [(date(2027, 2, 20), "2027-02-28"), (date(2028, 2, 20), "2028-02-29")],
)
def test_feb_29_birthday_is_greeted_on_feb_28_in_other_years(nj: NJ, as_of: date, due: str) -> None:
    nj("person", "add", "Leap Person", "--birthday", "1988-02-29")
    (item,) = occasions(nj, as_of.isoformat())
    assert item["due"] == due
    assert item["age"] == as_of.year - 1988


@pytest.mark.parametrize(
    ("year", "first_day"),
    [(2026, date(2026, 3, 21)), (2027, date(2027, 3, 10)), (2028, date(2028, 2, 27))],
)
def test_lebaran_dates_come_from_the_holidays_library(year: int, first_day: date) -> None:
    import holidays

    library = holidays.country_holidays("ID", years=year, language="en_US")
    eid = sorted(d for d, name in library.items() if name.startswith("Eid al-Fitr"))
    assert eid[0] == first_day and len(eid) == 2  # both days of Idul Fitri
    assert holiday_dates.dates_in("lebaran", "ID", year) == [first_day]  # one occasion


def test_galungan_and_the_fallback_country() -> None:
    assert holiday_dates.dates_in("galungan", "ID", 2027) == [date(2027, 1, 13), date(2027, 8, 11)]
    # Singapore has no Nyepi: Indonesia's date is used
    assert holiday_dates.dates_in("nyepi", "SG", 2027) == holiday_dates.dates_in(
        "nyepi", "ID", 2027
    )


def test_the_lebaran_list_in_the_review(nj: NJ, tmp_path: Path) -> None:
    for name in ("Budi", "Sari", "Dewi", "Joko"):
        nj("person", "add", name, "--celebrates", "lebaran")
    nj("person", "add", "Lina", "--celebrates", "imlek")
    nj("log", "Budi", "Selamat Idul Fitri!", "--on", "2026-03-25")
    nj("log", "Sari", "Coffee", "--on", "2026-03-01")  # before last Lebaran
    items = occasions(nj, "2027-03-01")
    assert [i["person"]["name"] for i in items] == ["Budi", "Dewi", "Joko", "Sari"]
    first = items[0]
    assert first["reason"] == "holiday" and first["holiday"] == "lebaran"
    assert first["due"] == "2027-03-10" and first["in_days"] == 9
    assert first["holiday_name"] == "Lebaran (Idul Fitri)"
    assert first["previous"] == "2026-03-21"
    spoken = {i["person"]["name"]: i["spoken_since_last"] for i in items}
    assert spoken == {"Budi": True, "Dewi": False, "Joko": False, "Sari": False}
    assert {i["person"]["name"]: i["last_contact"] for i in items}["Sari"] == "2026-03-01"
    env = {"NETJOURNAL_TODAY": "2027-03-01"}
    text = nj("review", env=env).stdout
    assert (
        "Lebaran (Idul Fitri) on 2027-03-10, in 9 days: 4 people to greet; 3 you have "
        "not spoken to since the last one (2026-03-21): Dewi, Joko, Sari"
    ) in " ".join(text.split())
    assert occasions(nj, "2027-02-20") == []  # 18 days before: not yet
    markdown = nj("review", "--format", "markdown", env=env).stdout
    assert "## Occasions (4)" in markdown


def test_holidays_country_is_configurable(nj: NJ, tmp_path: Path) -> None:
    nj("person", "add", "Raj", "--celebrates", "diwali")
    # Diwali is not an Indonesian holiday: India's date is used
    assert occasions(nj, "2027-10-20")[0]["due"] == "2027-10-29"
    config = tmp_path / "config.toml"
    config.write_text('holidays_country = "XX"\n', encoding="utf-8")
    env = {"NETJOURNAL_CONFIG": str(config), "NETJOURNAL_TODAY": "2027-10-20"}
    result = nj("review", env=env, ok=False)
    assert result.exit_code == 1 and "holidays_country 'XX'" in result.stderr
    config.write_text('holidays_country = "SG"\noccasion_days = 30\n', encoding="utf-8")
    # Singapore has Deepavali of its own, a day earlier than India's in 2027
    assert occasions(nj, "2027-10-01", NETJOURNAL_CONFIG=str(config))[0]["due"] == "2027-10-28"
    assert occasions(nj, "2027-10-01") == []  # 28 days ahead: only with occasion_days = 30


def test_archived_people_get_no_occasions(nj: NJ, db: Path) -> None:
    nj("person", "add", "Budi", "--birthday", "12-01", "--celebrates", "natal")
    nj("person", "add", "Pak Harto", "--birthday", "12-02")
    assert len(occasions(nj)) == 2
    conn = sqlite3.connect(db)  # the archive column comes from another branch (m006)
    with conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(people)")]
        if "archived_on" not in columns:
            conn.execute("ALTER TABLE people ADD COLUMN archived_on TEXT")
        conn.execute("UPDATE people SET archived_on = '2026-11-01' WHERE name = 'Pak Harto'")
    conn.close()
    assert [i["person"]["name"] for i in occasions(nj)] == ["Budi"]


@pytest.mark.parametrize("fixture", sorted(DATA.glob("journal-v*.db")), ids=lambda p: p.name)
def test_migration_adds_the_occasion_columns(tmp_path: Path, fixture: Path) -> None:
    path = tmp_path / "journal.db"
    shutil.copy(fixture, path)
    with store.open_journal(path):
        pass
    conn = sqlite3.connect(path)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(people)")}
    assert {"birthday", "celebrates"} <= columns
    assert conn.execute("SELECT count(*) FROM people WHERE birthday IS NOT NULL").fetchone() == (0,)
    conn.close()
    nj = NJ(path)
    nj("person", "edit", "Budi", "--birthday", "--12-01")
    assert occasions(nj)[0]["person"]["name"] == "Budi Santoso"


def test_csv_and_json_carry_birthdays(nj: NJ, tmp_path: Path) -> None:
    nj("person", "add", "Budi", "--birthday", "--12-01", "--celebrates", "lebaran,imlek")
    nj("person", "add", "Sari", "--birthday", "1985-04-13")
    exported = json.loads(nj("export", "json").stdout)
    budi = exported["people"][0]
    assert budi["birthday"] == "--12-01" and budi["celebrates"] == ["lebaran", "imlek"]
    copy = NJ(tmp_path / "copy.db")
    (tmp_path / "j.json").write_text(json.dumps(exported), encoding="utf-8")
    copy("import", "json", str(tmp_path / "j.json"))
    assert copy.json("person", "show", "Budi")["celebrates"] == ["lebaran", "imlek"]
    csv_text = nj("export", "csv").stdout
    assert csv_text.splitlines()[0].endswith("birthday,celebrates,via,became,archived_on")
    (tmp_path / "p.csv").write_text(csv_text, encoding="utf-8")
    other = NJ(tmp_path / "other.db")
    other("import", "csv", str(tmp_path / "p.csv"))
    assert other.json("person", "show", "Sari")["birthday"] == "1985-04-13"
    assert other.json("person", "show", "Budi")["celebrates"] == ["lebaran", "imlek"]


def test_demo_greets_two_birthdays(tmp_path: Path) -> None:
    data = json.loads(NJ(tmp_path / "x.db")("demo", "--json").stdout)
    got = [(i["person"]["name"], i["detail"], i["in_days"]) for i in data["occasions"]]
    assert got == [("Made Suarta", "Birthday", 5), ("Ketut Ayu", "Birthday: turns 40", 10)]


def test_installed_nj_shows_occasions(tmp_path: Path) -> None:
    nj_bin = shutil.which("nj")
    if nj_bin is None:
        pytest.skip("nj is not installed")
    env = {"NETJOURNAL_TODAY": "2027-03-01", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    db = str(tmp_path / "j.db")
    subprocess.run(
        [nj_bin, "person", "add", "Budi", "--celebrates", "lebaran", "--db", db],
        env=env,
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [nj_bin, "review", "--json", "--db", db], env=env, check=True, capture_output=True
    ).stdout
    assert json.loads(out)["occasions"][0]["in_days"] == 9


def test_a_long_occasion_line_wraps_under_its_indent(
    nj: NJ, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("Andi Pratama", "Fajar Ramadhan", "Joko Susilo", "Reza Firmansyah"):
        nj("met", name, "--celebrates", "lebaran", "--on", "2026-11-01", "-q")
    monkeypatch.setenv("NETJOURNAL_WIDTH", "50")
    out = nj("occasions", "--as-of", "2027-03-01", "--days", "20").stdout
    body = out.splitlines()[1:]
    assert len(body) > 1 and all(line.startswith("  ") for line in body), out
    review = nj("review", "--as-of", "2027-03-01").stdout.splitlines()
    start = next(i for i, line in enumerate(review) if line.startswith("Occasions"))
    block = review[start + 1 : review.index("", start)]
    assert len(block) > 1 and all(line.startswith("  ") for line in block), review
