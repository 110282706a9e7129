"""Regression tests for issue 11 ("what a new user hit in the first month"), defects
6, 7, 10, 11 and 14. Each test name carries the defect's number."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import NJ, TODAY, table_counts

ROOT = Path(__file__).resolve().parent.parent
NJ_BIN = shutil.which("nj")


def _ann(nj: NJ) -> None:
    nj("met", "Ann Lee", "--at", "Expo", "--on", "2026-11-01", "-q")


# ---------------------------------------------------------------- 6: the future


@pytest.mark.parametrize(
    "args",
    [
        ("log", "Ann", "x", "--on", "besok"),
        ("log", "Ann", "x", "--on", "next friday"),
        ("need", "add", "1", "x", "--on", "2030-01-01"),
        ("offer", "add", "Ann", "x", "--on", "besok"),
        ("met", "Bob", "--on", "besok"),
        ("met", "Ann Lee", "--on", "tomorrow"),
    ],
)
def test_6_things_that_happened_are_refused_in_the_future(nj: NJ, args: tuple[str, ...]) -> None:
    _ann(nj)
    before = table_counts(nj.db)
    result = nj.fails(*args)
    assert "in the future" in result.stderr
    assert "nj followup add" in result.stderr  # a contact to come is a follow-up
    assert table_counts(nj.db) == before


def test_6_closing_needs_and_offers_in_the_future_is_refused(nj: NJ) -> None:
    _ann(nj)
    nj("need", "add", "Ann", "a notary", "--on", "2026-11-02", "-q")
    nj("offer", "add", "Ann", "a contact", "--on", "2026-11-02", "-q")
    for args in (("need", "done", "1"), ("offer", "done", "1"), ("intro", "add", "Ann", "Ann")):
        result = nj.fails(*args, "--on", "besok")
        assert "in the future" in result.stderr
    assert nj.json("need", "list")[0]["status"] == "open"
    assert nj.json("offer", "list")[0]["status"] == "promised"


def test_6_review_and_due_as_of_accept_a_future_date(nj: NJ) -> None:
    _ann(nj)
    nj("followup", "add", "Ann", "--on", "2026-12-10", "-q")
    assert nj.json("due", "--as-of", "besok")["as_of"] == "2026-11-29"
    due = nj.json("due", "--as-of", "2026-12-31")
    assert due["as_of"] == "2026-12-31" and due["count"] >= 1
    assert nj.json("review", "--as-of", "2027-01-01")["as_of"] == "2027-01-01"


def test_6_a_csv_met_date_in_the_future_names_the_row(nj: NJ, tmp_path: Path) -> None:
    csv = tmp_path / "kontak.csv"
    csv.write_text(
        "Nama,Tanggal Bertemu,Perusahaan\nBudi Santoso,besok,PT Maju\nSiti Rahma,kemarin,CV Jaya\n",
        encoding="utf-8",
    )
    result = nj.fails("import", "csv", str(csv))
    assert "line 2" in result.stderr and "besok" in result.stderr
    assert "in the future" in result.stderr
    assert not nj.db.exists() or table_counts(nj.db)["people"] == 0
    # --skip-bad keeps the good rows and names the skipped one.
    result = nj("import", "csv", str(csv), "--skip-bad")
    assert "line 2" in result.stderr and "besok" in result.stderr
    assert [p["name"] for p in nj.json("person", "list")] == ["Siti Rahma"]


# ------------------------------------------------------------ 7: a closed pipe


@pytest.fixture(scope="module")
def big_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 people with needs and long notes: every listing exceeds a pipe's buffer."""
    if NJ_BIN is None:
        pytest.skip("the nj console script is not installed")
    folder = tmp_path_factory.mktemp("big")
    people = [
        {"id": i, "name": f"Person Number {i}", "org": "Org", "notes": "note " * 10, "tags": []}
        for i in range(1, 2001)
    ]
    people[4]["notes"] = "a long note about many things " * 300
    needs = [
        {"id": i, "person": i, "text": f"need number {i}", "noted_on": "2026-10-01"}
        for i in range(1, 2001)
    ]
    needs += [
        {"id": 3000 + i, "person": 5, "text": "another long need " * 20, "noted_on": "2026-10-01"}
        for i in range(60)
    ]
    doc = {"format": "netjournal", "schema_version": 2, "people": people, "needs": needs}
    source = folder / "big.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    db = folder / "big.db"
    done = _run_nj("import", "json", str(source), db=db)
    assert done.returncode == 0, done.stderr
    return db


def _env(db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NETJOURNAL_TODAY": TODAY,
        "NETJOURNAL_DB": str(db),
        "NETJOURNAL_LANG": "en",
    }


def _run_nj(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NJ_BIN or "nj", *args], capture_output=True, text=True, env=_env(db), timeout=120
    )


@pytest.mark.parametrize(
    "args",
    [
        ("review",),
        ("review", "--json"),
        ("person", "list"),
        ("person", "list", "--json"),
        ("person", "show", "5"),
        ("person", "show", "5", "--json"),
        ("need", "list"),
        ("due",),
        ("export", "json"),
    ],
)
def test_7_a_closed_pipe_exits_0_silently(big_journal: Path, args: tuple[str, ...]) -> None:
    """`nj ARGS | head -1`: the reader leaves after one line; nj exits 0, says nothing."""
    proc = subprocess.Popen(
        [NJ_BIN or "nj", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(big_journal),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does
    err = proc.stderr.read()
    code = proc.wait(timeout=120)
    assert first.strip()
    assert code == 0, err
    assert err == b""


def test_7_head_in_a_shell_pipeline(big_journal: Path) -> None:
    done = subprocess.run(
        f"'{NJ_BIN}' person list | head -1; echo \"status=${{PIPESTATUS[0]}}\"",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=_env(big_journal),
        timeout=120,
    )
    assert done.stdout.strip().endswith("status=0"), done.stdout + done.stderr
    assert done.stderr == ""


# ------------------------------------------------- 10: the date a need was met


def test_10_search_shows_the_date_a_need_was_met(nj: NJ) -> None:
    _ann(nj)
    nj("need", "add", "Ann", "pinjaman KUR", "--on", "2026-11-02", "-q")
    nj("need", "done", "1", "--on", "2026-11-20")
    out = nj("search", "KUR").stdout
    assert "met 2026-11-20" in out
    assert "2026-11-02" not in out
    found = nj.json("search", "KUR")["needs"][0]
    assert found["noted_on"] == "2026-11-02"
    assert found["closed_on"] == "2026-11-20"


def test_10_an_open_need_shows_the_day_it_was_noted(nj: NJ) -> None:
    _ann(nj)
    nj("need", "add", "Ann", "pinjaman KUR", "--on", "2026-11-02", "-q")
    assert "open 2026-11-02" in nj("search", "KUR").stdout
    assert nj.json("search", "KUR")["needs"][0]["closed_on"] is None


# ------------------------------------------------------- 11: person show layout


def test_11_keep_in_touch_label_is_followed_by_a_space(nj: NJ) -> None:
    nj("met", "Ann Lee", "--on", "2026-11-01", "--every", "2w", "-q")
    out = nj("person", "show", "Ann").stdout
    assert "Keep in touch every 2 weeks" in out
    assert "touchevery" not in out


def test_11_long_needs_and_notes_wrap_under_their_text(nj: NJ) -> None:
    nj("met", "Ann Lee", "--on", "2026-11-01", "-q")
    nj("person", "edit", "Ann", "--notes", "a long note about many things " * 8)
    nj("need", "add", "Ann", "a very long need that wraps around " * 5, "--on", "2026-11-02")
    out = nj("person", "show", "Ann", env={"NETJOURNAL_WIDTH": "60"}).stdout
    lines = out.splitlines()
    # the need: "  #1 a very long ..." then continuation lines under "a", at column 5
    start = next(i for i, x in enumerate(lines) if x.startswith("  #1 a very long"))
    assert lines[start + 1].startswith("     ") and lines[start + 1][5] != " "
    # the timeline: continuation lines start under the text, not at column 0
    timeline = lines[lines.index("Timeline") + 1 :]
    text_col = timeline[0].index("a very long")
    assert timeline[1][:text_col].strip() == ""
    assert timeline[1][text_col] != " "
    # the notes in the card: continuation lines under the value, inside the box
    notes = next(i for i, x in enumerate(lines) if "Notes" in x)
    value_col = lines[notes].index("a long note")
    assert lines[notes + 1][1:value_col].strip() == ""
    assert all(x == x.rstrip() for x in lines)  # no trailing spaces in a pipe


def test_11_timeline_labels_share_one_width(nj: NJ) -> None:
    nj("met", "Ann Lee", "--on", "2026-11-01", "-q")
    nj("followup", "add", "Ann", "--on", TODAY, "--note", "call back", "-q")
    nj("followup", "done", "1")
    nj("need", "add", "Ann", "office space", "--on", "2026-11-02", "-q")
    nj("need", "drop", "1")
    out = nj("person", "show", "Ann").stdout
    timeline = out.splitlines()[out.splitlines().index("Timeline") + 1 :]
    columns = {re.search(r"\d{4}-\d\d-\d\d  \S+(?: \S+)?\s+", x).end() for x in timeline}  # type: ignore[union-attr]
    assert len(columns) == 1, timeline
    assert any("followed up" in x for x in timeline)
    assert any("need dropped" in x for x in timeline)


# ---------------------------------------------- 14: docs agree with the program


def test_14_search_empty_exits_2_and_the_docs_say_so(nj: NJ) -> None:
    nj.fails("search", "", code=2)
    docs = (ROOT / "docs" / "matching.md").read_text(encoding="utf-8")
    assert re.search(r'nj search ""[^\n]*\n?[^\n]*(exit|exits)[^\n]*2', docs) or (
        "exit 2" in docs and 'search ""' in docs
    )
    assert not re.search(r'search ""[^\n]*exit(s)? 1', docs)


def test_14_db_reindex_is_documented(nj: NJ) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "nj db reindex" in readme
    assert "nj db reindex" in (ROOT / "docs" / "db.md").read_text(encoding="utf-8")


def test_14_offer_note_is_not_reserved_and_offer_done_takes_note(nj: NJ) -> None:
    assert "reserved" not in (ROOT / "docs" / "ledger.md").read_text(encoding="utf-8")
    _ann(nj)
    nj("offer", "add", "Ann", "an intro to a notary", "--on", "2026-11-02", "-q")
    result = nj("offer", "done", "1", "--note", "she hired him")
    assert "(she hired him)" in result.stdout
    offer = nj.json("offer", "list", "--status", "done")[0]
    assert offer["note"] == "she hired him"
    assert offer["status"] == "done"


def test_14_every_console_example_pins_its_date_in_the_command() -> None:
    """What a reader sees is what runs: no hidden NETJOURNAL_TODAY."""
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        shown_cmds = re.findall(r"```console\n(.*?)```", text, flags=re.S)
        for cmd in re.findall(r"^\$ (.*)$", "\n".join(shown_cmds), flags=re.M):
            if "nj " not in cmd or re.search(r"--help|-h\b|--version|^nj completion ", cmd):
                continue
            shown = "NETJOURNAL_TODAY=" in cmd or "--as-of" in cmd
            assert shown or _pinned_before(text, cmd), f"{page.name}: {cmd}"


def _pinned_before(block: str, cmd: str) -> bool:
    """An `export NETJOURNAL_TODAY=...` shown earlier on the page pins it too."""
    head = block[: block.index("$ " + cmd)]
    return "export NETJOURNAL_TODAY=" in head
