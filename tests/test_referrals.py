"""Referrals, what a relationship became, dormant ties and the archive (issue 15)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import NJ, table_counts


def _chain(nj: NJ) -> None:
    nj("met", "Budi Santoso", "--on", "2026-09-01")
    nj("met", "Maria Rossi", "--on", "2026-10-01", "--via", "Budi")
    nj("met", "Dewi Lestari", "--on", "2026-10-10", "--via", "Maria")
    nj("met", "Eko Prasetyo", "--on", "2026-10-11", "--at", "Pasar Induk")
    nj("person", "edit", "Eko", "--via", "Maria")


def test_via_records_who_sent_whom_and_the_report_shows_chains(nj: NJ) -> None:
    _chain(nj)
    card = nj.json("person", "show", "maria")
    assert card["referred_by"] == {"id": 1, "name": "Budi Santoso"}
    assert [p["name"] for p in card["referred"]] == ["Dewi Lestari", "Eko Prasetyo"]
    report = nj.json("report", "referrals")
    assert report["referred"] == 3 and report["people"] == 4
    (chain,) = report["chains"]
    assert chain["name"] == "Budi Santoso" and chain["reach"] == 3
    assert [c["name"] for c in chain["sent"][0]["sent"]] == ["Dewi Lestari", "Eko Prasetyo"]
    assert report["by_event"][0]["name"] == "Pasar Induk"
    text = nj("report", "referrals").stdout
    assert "Help one, they tell ten" in text and "reached 3" in text
    assert "Sent by" in nj("person", "show", "maria").stdout


def test_a_referral_loop_or_a_bad_relationship_is_refused(nj: NJ) -> None:
    _chain(nj)
    before = table_counts(nj.db)
    nj.fails("person", "edit", "Budi", "--via", "Dewi")
    nj.fails("person", "edit", "Budi", "--via", "Budi")
    nj.fails("person", "edit", "Budi", "--became", "boss")
    assert table_counts(nj.db) == before
    assert nj.json("person", "show", "budi")["referred_by"] is None


def test_the_review_asks_to_thank_the_referrer(nj: NJ) -> None:
    _chain(nj)
    nj("person", "edit", "Maria", "--became", "customer", env={"NETJOURNAL_TODAY": "2026-11-20"})
    review = nj.json("review")
    thanks = [i for i in review["check_ins"] if i["reason"] == "thank_referrer"]
    assert len(thanks) == 1
    assert thanks[0]["person"]["name"] == "Budi Santoso"
    assert thanks[0]["referred"]["name"] == "Maria Rossi"
    assert thanks[0]["due"] == "2026-11-20"
    # Talking to Budi afterwards settles it; a friend is no reason to thank him.
    nj("log", "Budi", "thanked him for sending Maria", "--on", "2026-11-25", "--kind", "call")
    nj("person", "edit", "Dewi", "--became", "friend")
    later = nj.json("review")
    assert not [i for i in later["check_ins"] if i["reason"] == "thank_referrer"]


def _dormant(nj: NJ) -> None:
    nj("met", "Ketut", "--on", "2026-01-10")
    nj("offer", "add", "Ketut", "lent the van", "--on", "2026-01-12", "--done")
    nj("offer", "add", "Ketut", "helped with the permit", "--on", "2026-02-01", "--done")
    nj("met", "Wayan", "--on", "2026-02-10")
    nj("offer", "add", "Wayan", "a supplier's number", "--on", "2026-03-01", "--done")
    nj("met", "Nyoman", "--on", "2026-01-10")  # no history of help: not a dormant tie
    nj("met", "Made", "--on", "2026-11-01")
    nj("offer", "add", "Made", "tasting notes", "--on", "2026-11-02", "--done")


def test_reconnect_ranks_dormant_ties_by_their_history(nj: NJ) -> None:
    _dormant(nj)
    rows = nj.json("reconnect")
    assert [r["person"]["name"] for r in rows] == ["Ketut", "Wayan"]
    assert rows[0]["history"] == 2 and rows[0]["last_contact"] == "2026-02-01"
    assert "It has been a while" in nj("reconnect").stdout
    assert [r["person"]["name"] for r in nj.json("reconnect", "--months", "10")] == ["Ketut"]
    review = nj.json("review")
    assert [i["person"]["name"] for i in review["reconnect"]] == ["Ketut", "Wayan"]
    assert {i["reason"] for i in review["reconnect"]} == {"reconnect"}
    assert "Reconnect" in nj("review").stdout


def test_archived_people_get_no_reminders_and_are_not_suggested(nj: NJ) -> None:
    _dormant(nj)
    nj("met", "Ani", "--needs", "a notary for a land deed", "--on", "2026-11-01")
    nj("person", "add", "Notaris Budi", "--can", "notary, land deeds")
    assert nj.json("match", "1")
    archived = nj.json("person", "archive", "Ketut", "--note", "moved to Surabaya")
    assert archived["archived_on"] == "2026-11-28" and archived["archive_note"]
    nj("person", "archive", "Notaris Budi")
    nj("person", "archive", "Ani")
    review = nj.json("review")
    everyone = [
        i["person"]["name"]
        for s in ("follow_ups", "introductions", "check_ins", "reconnect")
        for i in review[s]
    ]
    assert "Ketut" not in everyone and "Ani" not in everyone
    assert [r["person"]["name"] for r in nj.json("reconnect")] == ["Wayan"]
    names = [p["name"] for p in nj.json("person", "list")]
    assert "Ketut" not in names
    assert [p["name"] for p in nj.json("person", "list", "--archived")] == [
        "Ani",
        "Ketut",
        "Notaris Budi",
    ]
    assert "Ketut (archived)" in nj("person", "list", "--all").stdout
    assert "Archived" in nj("person", "show", "Ketut").stdout
    # History kept; unarchive brings the reminders back.
    assert len(nj.json("person", "show", "Ketut")["offers"]) == 2
    nj("person", "unarchive", "Ketut")
    assert "Ketut" in [i["person"]["name"] for i in nj.json("review")["reconnect"]]


def test_merging_a_duplicate_keeps_whom_they_sent(nj: NJ) -> None:
    _chain(nj)
    nj("person", "add", "Budi S.", "--allow-duplicate")
    nj("person", "edit", "Dewi", "--via", "Budi S.")
    nj("person", "merge", "Budi Santoso", "Budi S.", "--yes")
    assert nj.json("person", "show", "dewi")["referred_by"]["name"] == "Budi Santoso"


def test_json_export_and_import_keep_events_and_referrals(nj: NJ, tmp_path: Path) -> None:
    _chain(nj)
    nj("person", "edit", "Maria", "--became", "customer")
    nj("person", "archive", "Dewi")
    path = tmp_path / "out.json"
    nj("export", "json", "--output", str(path))
    copy = NJ(tmp_path / "copy.db")
    copy("met", "Someone else", "--on", "2026-11-01")  # not empty: ids are remapped
    copy("import", "json", str(path))
    maria = copy.json("person", "show", "maria")
    assert maria["referred_by"]["name"] == "Budi Santoso" and maria["became"] == "customer"
    assert copy.json("person", "show", "dewi")["archived_on"] == "2026-11-28"
    assert [e["name"] for e in copy.json("event", "list")] == ["Pasar Induk"]
    assert copy.json("event", "list")[0]["met"] == 1


def test_what_a_relationship_became_is_translated_in_the_report_and_the_thanks(
    nj: NJ, indonesian: None
) -> None:
    _chain(nj)
    nj("person", "edit", "Maria", "--became", "customer", env={"NETJOURNAL_TODAY": "2026-11-20"})
    text = nj("report", "referrals").stdout
    assert "Maria Rossi (pelanggan)" in text and "customer" not in text
    thanks = [i for i in nj.json("review")["check_ins"] if i["reason"] == "thank_referrer"]
    assert "menjadi pelanggan" in thanks[0]["detail"]
    # JSON keeps the stored value
    assert nj.json("report", "referrals")["chains"][0]["sent"][0]["became"] == "customer"
