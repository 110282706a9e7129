"""nj export csv|vcard|ics and --output: files other programs can read."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest
from tests.conftest import NJ
from tests.test_import_json import make_journal
from tests.test_import_vcard import PHONE, dump


def test_vcard_parses_back_with_vobject(nj: NJ) -> None:
    import vobject

    make_journal(nj)
    text = nj("export", "vcard").stdout
    cards = list(vobject.readComponents(text))
    assert [c.fn.value for c in cards] == ["Ann Lee", "Budi Santoso", "Citra"]
    ann = cards[0]
    assert ann.uid.value == "person-1@netjournal"
    assert ann.org.value == ["Acme"]
    assert ann.categories.value == ["bali"]
    assert ann.note.value == "Can help with:\n- web design"
    assert [c.value for c in ann.contents["x-netjournal-can"]] == ["web design"]
    assert ann.n.value.family == "Lee" and ann.n.value.given == "Ann"
    assert cards[1].email.value == "budi@example.id"
    assert cards[2].n.value.given == "Citra" and cards[2].n.value.family == ""


def test_vcard_export_reads_back_without_duplicating(nj: NJ, tmp_path: Path) -> None:
    make_journal(nj)
    nj("import", "vcard", str(PHONE))
    out = tmp_path / "all.vcf"
    nj("export", "vcard", "--output", str(out))
    before = dump(nj.db)
    data = nj.json("import", "vcard", str(out))
    assert data["added"] == 0 and data["merged"] == data["unchanged"]
    assert dump(nj.db) == before
    other = NJ(tmp_path / "other.db")
    other("import", "vcard", str(out))
    ann = other.json("person", "show", "Ann Lee")
    assert [c["text"] for c in ann["capabilities"]] == ["web design"]
    assert ann["notes"] is None  # the "Can help with" section is not copied into notes
    assert (ann["met_on"], ann["met_at"], ann["every"]) == ("2026-11-01", "Bali breakfast", "2w")


def test_csv_export(nj: NJ) -> None:
    make_journal(nj)
    text = nj("export", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["name"] for r in rows] == ["Ann Lee", "Budi Santoso", "Citra"]
    ann = rows[0]
    assert ann["open_needs"] == "an accountant | a notary in Bali"
    assert ann["last_contact"] == "2026-11-05"
    assert ann["can"] == "web design" and ann["tags"] == "bali"
    assert rows[1]["last_contact"] == "2026-11-10"


def _calendar(nj: NJ) -> tuple[bytes, dict[str, object]]:
    from icalendar import Calendar

    data = nj("export", "ics").stdout_bytes
    cal = Calendar.from_ical(data)
    return data, {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_ics_parses_back_with_icalendar(nj: NJ) -> None:
    from datetime import date

    make_journal(nj)
    data, events = _calendar(nj)
    assert set(events) == {
        "followup-1@netjournal",
        "promise-1@netjournal",
        "checkin-help-2@netjournal",
    }
    follow = events["followup-1@netjournal"]
    assert follow["SUMMARY"] == "Follow up with Budi Santoso: ask about catalogue"  # type: ignore[index]
    assert follow.decoded("DTSTART") == date(2026, 12, 5)  # type: ignore[attr-defined]
    late = events["promise-1@netjournal"]
    # 11 days late: placed on today, the description says since when
    assert late.decoded("DTSTART") == date(2026, 11, 28)  # type: ignore[attr-defined]
    assert "Due 2026-11-17 (11 days overdue)" in str(late["DESCRIPTION"])  # type: ignore[index]
    again, _ = _calendar(nj)
    assert again == data  # same UIDs, same stamps: calendars update instead of duplicating


def test_ics_check_ins_agree_with_the_review(nj: NJ) -> None:
    make_journal(nj)
    nj("intro", "add", "Budi", "Citra", "--on", "2026-11-20")
    review = nj.json("review")
    _, events = _calendar(nj)
    codes = {"check_in_help": "checkin-help", "check_in_intro": "checkin-intro", "thank": "thank"}
    from_review = set()
    for item in review["check_ins"]:
        record = item.get("offer") or item.get("introduction")
        from_review.add(f"{codes[item['reason']]}-{record['id']}@netjournal")
    from_calendar = {uid for uid in events if uid.startswith(("checkin", "thank"))}
    assert from_review == {"checkin-help-2@netjournal"}
    # the calendar also has the check-in that is not due yet (introduction on 11-20)
    assert from_calendar == from_review | {"checkin-intro-2@netjournal"}


def test_output_file_is_private_and_not_overwritten(nj: NJ, tmp_path: Path) -> None:
    make_journal(nj)
    out = tmp_path / "journal.json"
    result = nj("export", "json", "--output", str(out))
    assert result.stdout.startswith("Wrote the journal (3 people, 4 interactions, 2 needs")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    content = out.read_bytes()
    out.write_text("precious")
    result = nj.fails("export", "json", "--output", str(out))
    assert "already exists; use --force" in result.stderr
    assert out.read_text() == "precious"
    nj("export", "json", "--output", str(out), "--force")
    assert out.read_bytes() == content
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("fmt", ["json", "csv", "vcard", "ics"])
def test_output_errors(nj: NJ, tmp_path: Path, fmt: str) -> None:
    result = nj.fails("export", fmt, "--output", str(tmp_path / "no" / "such" / "file"))
    assert "does not exist" in result.stderr
    result = nj.fails("export", fmt, "--output", str(tmp_path))
    assert "is a folder" in result.stderr


def test_empty_journal_exports(nj: NJ) -> None:
    assert nj("export", "vcard").stdout == ""
    assert nj("export", "csv").stdout.startswith("id,name,org")
    assert b"BEGIN:VCALENDAR" in nj("export", "ics").stdout_bytes
