"""The month of helping first, walked in Bahasa Indonesia (NETJOURNAL_LANG=id).

The user types Indonesian: notes and needs, dates ("besok", "kemarin",
"minggu depan", "3 hari lalu", "tgl 5") and kinds of contact ("wa", "telp",
"ketemu"). The test checks the lines they read (write confirmations, review
headings, errors) and that the journal stores the same data as in English:
ISO dates and the stored kinds.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from tests.conftest import NJ

from netjournal import i18n

ANN, BOB, CARA = 1, 2, 3


class Bulan:
    """One journal, one language, a movable today."""

    def __init__(self, nj: NJ) -> None:
        self.nj = nj
        self.today = date(2026, 11, 2)

    def on(self, iso: str) -> Bulan:
        self.today = date.fromisoformat(iso)
        return self

    def env(self) -> dict[str, str]:
        return {"NETJOURNAL_TODAY": self.today.isoformat(), "NETJOURNAL_LANG": "id"}

    def run(self, *args: str) -> str:
        return str(self.nj(*args, env=self.env()).stdout)

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json"))

    def fails(self, *args: str, code: int = 1) -> str:
        result = self.nj(*args, ok=False, env=self.env())
        assert result.exit_code == code, (result.exit_code, result.stderr)
        assert result.stderr.startswith("Error:") and len(result.stderr.splitlines()) == 1
        return str(result.stderr)


def _kinds(m: Bulan, person: int) -> list[tuple[str, str]]:
    card = m.json("person", "show", str(person))
    return [(item["on"], item["kind"]) for item in card["interactions"]]


def test_a_month_in_bahasa_indonesia(nj: NJ) -> None:
    i18n.set_language("id")
    m = Bulan(nj)

    # Selasa 3 November: a meetup of small businesses.
    m.on("2026-11-03")
    out = m.run(
        "met", "Ann Lee", "--at", "Kopdar UMKM", "--org", "Warung Ann", "--needs", "notaris di Bali"
    )
    assert out == "Ditambahkan Ann Lee #1, bertemu pada 2026-11-03 di Kopdar UMKM (kebutuhan #1)\n"
    out = m.run("met", "Bob Tan", "--at", "Kopdar UMKM", "--can", "jasa notaris di Bali")
    assert out.startswith("Ditambahkan Bob Tan #2") and "(1 keahlian)" in out
    m.run("met", "Cara Wijaya", "--at", "Kopdar UMKM", "--needs", "desainer logo")
    out = m.run("offer", "add", "Ann", "kirim daftar dokumen pajak", "--due", "minggu depan")
    assert out == (
        "Janji dicatat: #1 untuk Ann Lee #1: kirim daftar dokumen pajak, tenggat 2026-11-10\n"
    )
    out = m.run("followup", "add", "Cara", "--on", "besok", "--note", "kirim nama desainer")
    assert out == "Tindak lanjut #1 dengan Cara Wijaya #3: kirim nama desainer pada 2026-11-04\n"

    # Rabu 4 November: yesterday's WhatsApp, typed today.
    m.on("2026-11-04")
    out = m.run("log", "Ann", "tanya kabar soal notaris", "--kind", "wa", "--on", "kemarin")
    assert out == "Tercatat pesan #4 dengan Ann Lee #1 pada 2026-11-03\n"
    assert ("2026-11-03", "message") in _kinds(m, ANN)

    # Jumat 6 November: a call three days ago, and coffee with Cara today.
    m.on("2026-11-06")
    out = m.run("log", "Bob", "ngobrol soal akta", "--kind", "telp", "--on", "3 hari lalu")
    assert out == "Tercatat telepon #5 dengan Bob Tan #2 pada 2026-11-03\n"
    assert ("2026-11-03", "call") in _kinds(m, BOB)
    out = m.run("log", "Cara", "ngopi bareng", "--kind", "ketemu", "--done-followups")
    assert (
        out
        == "Tercatat pertemuan #6 dengan Cara Wijaya #3 pada 2026-11-06; tindak lanjut #1 ditutup\n"
    )
    assert ("2026-11-06", "meeting") in _kinds(m, CARA)
    assert m.json("followup", "list") == []
    err = m.fails("log", "Cara", "entah", "--kind", "burung", code=2)
    assert "--kind harus salah satu dari" in err

    # Selasa 10 November: the introduction, with its WhatsApp message.
    m.on("2026-11-10")
    out = m.run("intro", "add", "Ann", "Bob", "--need", "1")
    assert out.startswith(
        "Perkenalan dicatat: #1: Ann Lee #1 dan Bob Tan #2 untuk kebutuhan #1 (notaris di Bali)"
    )
    assert "Halo Ann dan Bob," in out

    # Kamis 12 November: the promise is two days late; "tgl 5" is next month's 5th.
    m.on("2026-11-12")
    out = m.run("followup", "add", "Ann", "--on", "tgl 5", "--note", "notarisnya jadi?")
    assert out == "Tindak lanjut #2 dengan Ann Lee #1: notarisnya jadi? pada 2026-12-05\n"
    review = m.run("review")
    assert review.startswith("Tinjauan mingguan, Kamis, 12 November 2026\n")
    assert "Minggu ini: 6–12 November 2026 · 2 hal jatuh tempo" in review
    assert "Tindak lanjut yang jatuh tempo: Tidak ada yang menunggu tindak lanjut." in review
    assert "Perkenalan yang perlu dibuat (1)" in review
    assert "Janji (1)" in review and "Janji Anda: kirim daftar dokumen" in review
    assert "Tepati, atau kabari kapan" in review
    due = m.run("due").splitlines()
    assert [line.split()[2] for line in due] == ["need:2", "offer:1"]
    assert "Janji Anda: kirim daftar dokumen pajak" in due[1]

    # Jumat 20 November: it worked; the promise is kept.
    m.on("2026-11-20")
    out = m.run("intro", "outcome", "1", "Ann memakai jasa Bob")
    assert out.startswith("Hasil perkenalan #1: Ann Lee #1 dan Bob Tan #2")
    out = m.run("need", "done", "1", "--note", "lewat Bob")
    assert out == "Kebutuhan terpenuhi: #1 milik Ann Lee #1: notaris di Bali (lewat Bob)\n"
    out = m.run("offer", "done", "1")
    assert out == (
        "Selesai: tawaran #1 untuk Ann Lee #1: kirim daftar dokumen pajak pada 2026-11-20\n"
    )
    err = m.fails("followup", "add", "Ann", "--on", "kmrn")
    assert "'kmrn' (2026-11-19) sudah lewat" in err
    assert [f["id"] for f in m.json("followup", "list")] == [2]

    # Senin 30 November: nothing late; what is coming up is in Indonesian too.
    m.on("2026-11-30")
    review = m.run("review")
    assert review.startswith("Tinjauan mingguan, Senin, 30 November 2026\n")
    assert "Janji: Tidak ada janji yang terlambat." in review
    assert "Tindak lanjut: notarisnya jadi?" in review
    assert "Tinjauan" in review and "Weekly review" not in review
    data = m.json("review")
    assert [item["ref"] for item in data["introductions"]] == ["need:2"]
    assert data["promises"] == []
    needs = m.json("need", "list", "--all")
    assert {(n["id"], n["status"]) for n in needs} == {(1, "met"), (2, "open")}
