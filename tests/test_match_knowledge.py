"""Issue 13: matching that knows who helps with what, learns, and stays precise."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tests.conftest import NJ

DATA = Path(__file__).parent / "data"


def add(nj: NJ, name: str, *args: str) -> int:
    return int(nj("person", "add", name, "-q", "--allow-duplicate", *args).stdout.strip())


def need(nj: NJ, owner: int, text: str) -> int:
    return int(nj("need", "add", str(owner), text, "--on", "2026-11-01", "-q").stdout.strip())


def ranked(nj: NJ, need_id: int) -> list[dict[str, object]]:
    result = nj.json("match", str(need_id), "--limit", "5")
    return list(result["candidates"])


def names(cands: list[dict[str, object]]) -> list[str]:
    return [c["person"]["name"] for c in cands]  # type: ignore[index]


def test_a_symptom_reaches_the_doctor_and_says_why(nj: NJ) -> None:
    owner = add(nj, "Hana")
    add(nj, "dr. Sari Kusuma", "--role", "Sp.A", "--org", "RSIA Puri Bunda")
    add(nj, "Rini", "--role", "guru les", "--tag", "anak")
    found = ranked(nj, need(nj, owner, "anak saya demam terus dari kemarin"))
    assert names(found)[0] == "dr. Sari Kusuma"
    why = found[0]["why"][0]  # type: ignore[index]
    assert "→" in why and "dr. Sari Kusuma: Sp.A" in why


def test_the_right_kind_beats_a_shared_word(nj: NJ) -> None:
    owner = add(nj, "Tom")
    add(nj, "Pak Slamet", "--role", "tukang ledeng", "--can", "pipa bocor")
    add(nj, "Pak Nyoman", "--role", "kontraktor", "--can", "renovasi rumah")
    add(nj, "Andre", "--role", "teknisi AC", "--can", "service AC, cuci AC")
    add(nj, "Wayan", "--role", "tukang listrik", "--can", "instalasi listrik")
    trips = ranked(nj, need(nj, owner, "the power trips when the oven and the AC run"))
    assert names(trips)[0] == "Wayan"


def test_part_is_not_party(nj: NJ) -> None:
    owner = add(nj, "Budi")
    add(nj, "Ricky", "--role", "event organizer", "--can", "party, gathering")
    found = ranked(nj, need(nj, owner, "part-time job for his son"))
    assert "Ricky" not in names(found)


def test_generic_requests_and_near_words_find_nobody(nj: NJ) -> None:
    """ "anyone free next week" is no gluten-free baker; "stuff" is not "staff";
    "butuh saran" (any advice) is no career counsellor."""
    owner = add(nj, "Lina")
    add(nj, "Rina", "--can", "gluten free sourdough", "--can", "resep roti tanpa gluten")
    add(nj, "Gede", "--can", "hiring kitchen staff")
    add(nj, "Sari", "--role", "konselor karir", "--can", "saran karir, CV")
    for text in ("anyone free next week", "need help with stuff", "butuh saran", "mau tanya"):
        assert ranked(nj, need(nj, owner, text)) == [], text
    # a five-letter word that lost a letter is still corrected
    add(nj, "Ahong", "--can", "kulkas tidak dingin")
    assert names(ranked(nj, need(nj, owner, "freezer gak dingn")))[0] == "Ahong"


def test_a_common_word_alone_makes_nobody_a_candidate(nj: NJ) -> None:
    owner = add(nj, "Owner")
    for i in range(8):
        add(nj, f"Bali person {i}", "--tag", "bali", "--role", f"trade{i}")
    add(nj, "Dewi", "--role", "penerjemah tersumpah", "--tag", "bali")
    found = ranked(nj, need(nj, owner, "sworn translator for documents, Bali"))
    assert names(found)[:1] == ["Dewi"]
    assert all(not n.startswith("Bali person") for n in names(found))


def test_a_met_need_teaches_the_matcher(nj: NJ) -> None:
    owner = add(nj, "Laura")
    other = add(nj, "Steve")
    add(nj, "Kadek", "--role", "teman lama")
    add(nj, "Made", "--role", "teman kantor")
    first = need(nj, owner, "our villa pool turned green")
    before = names(ranked(nj, need(nj, other, "pool water is green and cloudy")))
    assert "Kadek" not in before[:1]
    nj("need", "done", str(first), "--by", "Kadek", "--on", "2026-11-05")
    assert nj.json("need", "list", "--all")[-1]["met_by"]["name"] == "Kadek"
    later = ranked(nj, need(nj, other, "green water in the swimming pool again"))
    assert names(later)[0] == "Kadek"
    assert any("pool" in line for line in later[0]["why"])  # type: ignore[union-attr]


def test_need_done_by_errors_write_nothing(nj: NJ) -> None:
    owner = add(nj, "Laura")
    nid = need(nj, owner, "a plumber")
    nj.fails("need", "done", str(nid), "--by", "Nobody Here")
    nj.fails("need", "done", str(nid), "--by", "Laura")
    assert nj.json("need", "list")[0]["status"] == "open"


def test_search_finds_offers_and_introductions(nj: NJ) -> None:
    a = add(nj, "Ayu")
    b = add(nj, "Bima")
    nj("offer", "add", str(a), "lend the projector for the workshop", "-q")
    intro = nj("intro", "add", str(a), str(b), "--note", "both roast coffee", "-q").stdout.strip()
    nj("intro", "outcome", intro, "they now share a roastery")
    found = nj.json("search", "projector")
    assert found["offers"] and "projector" in found["offers"][0]["text"]
    found = nj.json("search", "roastery")
    assert found["introductions"] and found["introductions"][0]["id"] == int(intro)
    found = nj.json("search", "roast coffee")
    assert found["introductions"]


def test_migration_m008_on_old_journals(tmp_path: Path) -> None:
    for fixture in ("journal-v1.db", "journal-v2.db"):
        nj = NJ(tmp_path / fixture)
        shutil.copy(DATA / fixture, nj.db)
        nj("need", "list")
        conn = sqlite3.connect(nj.db)
        columns = {r[1] for r in conn.execute("PRAGMA table_info(needs)")}
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "met_by" in columns
        assert {"search_kinds", "search_offers", "search_introductions"} <= tables
        outcome = conn.execute("SELECT outcome FROM introductions LIMIT 1").fetchone()[0]
        conn.close()
        assert nj.json("search", outcome.split()[-1])["introductions"]


def test_the_knowledge_never_loads_for_log(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "j.db"
    env = {"NETJOURNAL_TODAY": "2026-11-28", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-X", "importtime", "-m", "netjournal"]
    subprocess.run([*run, "person", "add", "Ayu", "--db", str(db)], env=env, check=True)
    done = subprocess.run(
        [*run, "log", "Ayu", "coffee", "--db", str(db)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "netjournal.search.knowledge" not in done.stderr


def _stored(db: Path) -> tuple[dict[int, str], dict[int, set[str]]]:
    conn = sqlite3.connect(db)
    needs = {int(n): str(t) for n, t in conn.execute("SELECT need_id, text FROM search_need_kinds")}
    people: dict[int, set[str]] = {}
    for pid, kind in conn.execute("SELECT person_id, kind FROM search_kinds"):
        people.setdefault(int(pid), set()).add(str(kind))
    conn.close()
    return needs, people


def test_kinds_are_stored_once_and_follow_edits(nj: NJ) -> None:
    owner = add(nj, "Hana")
    sari = add(nj, "dr. Sari", "--role", "Sp.A")
    nid = need(nj, owner, "anak saya demam")
    assert names(ranked(nj, nid))[0] == "dr. Sari"
    needs, people = _stored(nj.db)
    assert needs == {nid: "anak saya demam"} and "paediatrician" in people[sari]
    # A changed card and a changed need are read again by the next match, and only they.
    nj("person", "edit", str(sari), "--role", "notaris")
    conn = sqlite3.connect(nj.db)  # any program may write the journal
    with conn:
        conn.execute("UPDATE needs SET text = 'akta pendirian PT' WHERE id = ?", (nid,))
    conn.close()
    assert names(ranked(nj, nid))[0] == "dr. Sari"
    needs, people = _stored(nj.db)
    assert needs == {nid: "akta pendirian PT"} and "notary" in people[sari]


def test_matching_a_stored_need_does_not_load_the_knowledge(nj: NJ) -> None:
    from datetime import date

    from netjournal.db.journal import open_journal
    from netjournal.search import refresh_index
    from netjournal.search.matcher import FtsMatcher

    owner = add(nj, "Hana")
    add(nj, "dr. Sari", "--role", "Sp.A")
    nid = need(nj, owner, "anak saya demam")
    journal = open_journal(nj.db)
    refresh_index(journal.conn)
    matcher = FtsMatcher(as_of=date(2026, 11, 28), knowledge_files=[])
    with journal.read() as conn:
        found = matcher.suggest(
            conn, {"id": nid, "person_id": owner, "text": "anak saya demam"}, limit=3
        )
        assert found[0].person["name"] == "dr. Sari"
        assert matcher._kinds is not None and matcher._kinds._knowledge is None
    journal.close()
