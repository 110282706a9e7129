"""Issue 15, the story made visible: ``nj occasions``, the end of ``nj demo``,
"became" in the person list, and the new records in every export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.conftest import NJ

from netjournal import i18n

# Lebaran 2026 was 21 March, Lebaran 2027 is 10 March (Indonesia).
LEBARAN_2027 = "2027-03-10"


def _celebrants(nj: NJ) -> None:
    nj("met", "Siti Rahmawati", "--on", "2026-01-10", "--celebrates", "lebaran")
    nj("met", "Fajar Ramadhan", "--on", "2026-01-12", "--celebrates", "lebaran,idul_adha")
    nj("log", "Fajar", "halal bihalal", "--on", "2026-04-02")
    nj("met", "Made Suarta", "--on", "2026-10-02", "--birthday", "12-03")
    nj("met", "Ketut Ayu", "--on", "2026-10-03", "--birthday", "1986-12-08")


def test_occasions_default_window_is_the_reviews(nj: NJ) -> None:
    _celebrants(nj)
    data = nj.json("occasions")
    assert data["as_of"] == "2026-11-28" and data["until"] == "2026-12-12"
    assert data["days"] == 14
    review = json.loads(nj("review", "--json").stdout)["occasions"]
    assert data["occasions"] == review
    text = nj("occasions").stdout
    assert "Occasions until 2026-12-12 (2)" in text
    assert "Made Suarta's birthday on 2026-12-03, in 5 days" in text
    assert "Ketut Ayu turns 40 on 2026-12-08" in text


def test_occasions_looks_ahead_to_lebaran_with_who_you_have_not_spoken_to(nj: NJ) -> None:
    _celebrants(nj)
    data = nj.json("occasions", "--days", "102")
    lebaran = [i for i in data["occasions"] if i.get("holiday") == "lebaran"]
    assert {i["due"] for i in lebaran} == {LEBARAN_2027}
    quiet = {i["person"]["name"] for i in lebaran if not i["spoken_since_last"]}
    assert quiet == {"Siti Rahmawati"}  # Fajar was in touch after Lebaran 2026
    text = " ".join(nj("occasions", "--days", "102").stdout.split())
    assert (
        "Lebaran (Idul Fitri) on 2027-03-10, in 102 days: 2 people to greet; "
        "1 you have not spoken to since the last one (2026-03-21): Siti Rahmawati"
    ) in text
    assert "Lebaran" not in nj("occasions", "--days", "101").stdout


def test_occasions_empty_archived_and_bad_days(nj: NJ) -> None:
    result = nj("occasions")
    assert result.stdout == ""
    assert "No birthdays or holidays in the next 14 days" in result.stderr
    nj("met", "Made Suarta", "--birthday", "12-03")
    nj("person", "archive", "Made")
    assert nj.json("occasions")["occasions"] == []
    nj.fails("occasions", "--days", "-1", code=2)
    nj.fails("occasions", "--days", "400", code=2)
    assert nj.json("occasions", "--as-of", "2026-12-01", "--days", "1")["until"] == "2026-12-02"


def test_occasions_in_indonesian(nj: NJ, indonesian: None) -> None:
    _celebrants(nj)
    text = " ".join(nj("occasions", "--days", "102").stdout.split())
    assert "Lebaran (Idul Fitri) pada 2027-03-10, 102 hari lagi" in text


def test_demo_shows_events_a_referral_chain_a_birthday_and_lebaran(tmp_path: Path) -> None:
    nj = NJ(tmp_path / "demo.db")
    result = nj("demo")
    out = result.stdout
    flat = " ".join(out.split())
    assert "Met at Arisan UMKM Denpasar" in out  # events, in the review
    assert "Made Suarta's birthday on 2026-12-03" in out
    assert "Where your network came from" in out
    chain = out[out.index("Claire Dubois → reached 2") :].splitlines()
    assert chain[1].strip() == "Marco Rossi" and chain[2].strip() == "Wen Li"
    assert chain[1].index("M") < chain[2].index("W")  # Wen is one level deeper
    assert (
        "21 events; the biggest, Jakarta F&B Expo (2026-10-21): met 6, followed up "
        "within 7 days 4 (67%)"
    ) in flat
    assert "Looking ahead: the next Lebaran" in out
    assert "Lebaran (Idul Fitri) on 2027-03-10, in 102 days: 5 people to greet" in flat
    assert "occasions --days 102" in result.stderr
    # the same look-ahead as nj occasions
    ahead = " ".join(nj("occasions", "--days", "102").stdout.split())
    assert "Lebaran (Idul Fitri) on 2027-03-10, in 102 days: 5 people to greet" in ahead
    # --json stays the review, one document
    data = json.loads(nj("demo", "--force", "--json").stdout)
    assert set(data) >= {"as_of", "follow_ups", "occasions", "summary"}


def _story_end(out: str, title: str) -> list[str]:
    """The lines of the demo's closing block under ``title``."""
    lines = out[out.index(title) :].split("\n\n")[0].splitlines()
    return lines[1:]


@pytest.mark.parametrize(
    ("width", "lang"), [("80", "en"), ("120", "en"), ("80", "id"), ("120", "id")]
)
def test_the_demo_story_keeps_its_indentation_when_it_wraps(
    tmp_path: Path, width: str, lang: str
) -> None:
    nj = NJ(tmp_path / "demo.db")
    try:
        out = nj("demo", "--lang", lang, env={"NETJOURNAL_WIDTH": width}).stdout
    finally:
        i18n.set_language("en")
    came = "Where your network came from" if lang == "en" else "Dari mana jaringan Anda tumbuh"
    ahead = "Looking ahead: the next Lebaran" if lang == "en" else "Menjelang Lebaran berikutnya"
    for title in (came, ahead):
        lines = _story_end(out, title)
        assert len(lines) >= 1
        for text in lines:
            assert text.startswith("  "), (title, text)
            assert len(text) <= int(width) and text == text.rstrip(), text
    # the biggest event: one line at 120 columns, wrapped under itself at 80
    lines = _story_end(out, came)
    (event,) = [n for n, text in enumerate(lines) if "F&B" in text]
    if width == "80":
        assert lines[event + 1].startswith("  ") and not lines[event + 1].startswith("   ")
    else:
        assert event == len(lines) - 1


def test_demo_markdown_and_html_end_with_the_story(tmp_path: Path) -> None:
    nj = NJ(tmp_path / "demo.db")
    md = nj("demo", "--format", "markdown").stdout
    assert (
        "\n## Where your network came from\n\n- Claire Dubois → reached 2\n  - Marco Rossi\n    - Wen Li\n"
        in md
    )
    assert "## Looking ahead: the next Lebaran" in md
    page = nj("demo", "--force", "--format", "html").stdout
    assert page.rstrip().endswith("</html>")
    assert page.index("Looking ahead: the next Lebaran") < page.index("</body>")
    assert "Jakarta F&amp;B Expo" in page


def test_person_list_shows_what_a_relationship_became(nj: NJ) -> None:
    nj("met", "Budi Santoso")
    nj("met", "Hendra Kusuma", "--via", "Budi")
    nj("person", "edit", "Hendra", "--became", "customer")
    rows = {p["name"]: p for p in nj.json("person", "list")}
    assert rows["Hendra Kusuma"]["became"] == "customer"
    assert rows["Budi Santoso"]["became"] is None
    text = nj("person", "list").stdout
    assert "Became" in text.splitlines()[0]
    assert "customer" in next(line for line in text.splitlines() if "Hendra" in line)
    i18n.set_language("id")
    try:
        assert "pelanggan" in nj("person", "show", "Hendra").stdout
        assert "pelanggan" in nj("person", "list").stdout
    finally:
        i18n.set_language("en")


def _story_journal(nj: NJ) -> None:
    nj("met", "Budi Santoso", "--at", "Jakarta F&B Expo", "--on", "2026-10-21")
    nj("met", "Hendra Kusuma", "--at", "Jakarta F&B Expo", "--on", "2026-10-21", "--via", "Budi")
    nj("met", "Wen Li", "--via", "Hendra", "--birthday", "03-14", "--celebrates", "imlek")
    nj("person", "edit", "Hendra", "--became", "partner", "--birthday", "1980-02-01")
    nj("person", "edit", "Budi", "--celebrates", "lebaran")


def _people(nj: NJ) -> dict[str, dict]:
    return {p["name"]: nj.json("person", "show", p["name"]) for p in nj.json("person", "list")}


def test_json_export_round_trips_events_referrals_and_occasions(nj: NJ, tmp_path: Path) -> None:
    _story_journal(nj)
    data = json.loads(nj("export", "json").stdout)
    assert [e["name"] for e in data["events"]] == ["Jakarta F&B Expo"]
    people = {p["name"]: p for p in data["people"]}
    assert people["Hendra Kusuma"]["referred_by"] == people["Budi Santoso"]["id"]
    assert people["Hendra Kusuma"]["became"] == "partner"
    assert people["Wen Li"]["birthday"] == "--03-14"
    assert people["Budi Santoso"]["celebrates"] == ["lebaran"]
    path = tmp_path / "out.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    # into an empty journal and into one whose ids are taken already
    for name in ("fresh.db", "busy.db"):
        other = NJ(tmp_path / name)
        if name == "busy.db":
            other("met", "Someone Else")
            other("met", "Another One")
        other("import", "json", str(path))
        got = _people(other)
        assert got["Hendra Kusuma"]["referred_by"]["name"] == "Budi Santoso"
        assert got["Wen Li"]["referred_by"]["name"] == "Hendra Kusuma"
        assert got["Hendra Kusuma"]["became"] == "partner"
        assert got["Hendra Kusuma"]["birthday"] == "1980-02-01"
        assert got["Wen Li"]["birthday"] == "--03-14"
        assert got["Wen Li"]["celebrates"] == ["imlek"]
        assert got["Budi Santoso"]["celebrates"] == ["lebaran"]
        events = other.json("event", "list")
        assert [(e["name"], e["on"], e["met"]) for e in events] == [
            ("Jakarta F&B Expo", "2026-10-21", 2)
        ]
        chains = other.json("report", "referrals")["chains"]
        assert chains[0]["name"] == "Budi Santoso" and chains[0]["reach"] == 2
        # and again: nothing doubles
        other("import", "json", str(path))
        assert len(other.json("event", "list")) == 1
    fresh = NJ(tmp_path / "fresh.db")
    again = json.loads(fresh("export", "json").stdout)
    for key in ("people", "events", "interactions"):
        assert again[key] == data[key]


def test_csv_export_has_occasions_referrals_and_archived_people(nj: NJ) -> None:
    _story_journal(nj)
    nj("met", "Old Friend")
    nj("person", "archive", "Old Friend")
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(nj("export", "csv").stdout))}
    assert rows["Hendra Kusuma"]["via"] == "Budi Santoso"
    assert rows["Hendra Kusuma"]["became"] == "partner"
    assert rows["Hendra Kusuma"]["birthday"] == "1980-02-01"
    assert rows["Wen Li"]["birthday"] == "--03-14"
    assert rows["Wen Li"]["celebrates"] == "imlek"
    assert rows["Old Friend"]["archived_on"] == "2026-11-28"
    assert rows["Budi Santoso"]["via"] == "" and rows["Budi Santoso"]["archived_on"] == ""


def test_vcard_export_writes_bday(nj: NJ, tmp_path: Path) -> None:
    _story_journal(nj)
    text = nj("export", "vcard").stdout
    assert "BDAY:--0314" in text and "BDAY:1980-02-01" in text and "1604" not in text
    path = tmp_path / "cards.vcf"
    path.write_text(text, encoding="utf-8")
    other = NJ(tmp_path / "other.db")
    other("import", "vcard", str(path))
    assert other.json("person", "show", "Wen")["birthday"] == "--03-14"
    assert other.json("person", "show", "Hendra")["birthday"] == "1980-02-01"


def test_the_card_names_the_holidays_a_person_celebrates(nj: NJ) -> None:
    nj("met", "Lina Chen", "--celebrates", "imlek,natal")
    text = " ".join(nj("person", "show", "Lina").stdout.split())
    assert "Imlek (Chinese New Year), Christmas (Natal)" in text
    assert nj.json("person", "show", "Lina")["celebrates"] == ["imlek", "natal"]


def test_the_card_names_the_holidays_in_indonesian(nj: NJ, indonesian: None) -> None:
    nj("met", "Fajar Ramadhan", "--celebrates", "lebaran,idul_adha")
    text = " ".join(nj("person", "show", "Fajar").stdout.split())
    assert "Lebaran (Idul Fitri), Idul Adha" in text and "idul_adha" not in text
