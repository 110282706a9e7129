"""The demo journal: two months in the network of a small business owner in Bali.

You are Putu, who runs *Warung Kopi Senja*, a small café and catering business
in Canggu, and travels to Jakarta now and then. Between late September and
the story date you meet about thirty people: the wholesale tomato seller at
Pasar Badung who gives you a tomato to taste, a newcomer from Lyon who needs a
house and help with her visa paperwork, a baker in Jakarta who needs a good
doctor for her son, a notary, a visa agent, a coffee farmer... Needs are met
or left open, promises kept or late, introductions made with and without an
outcome. The text mixes English and Bahasa Indonesia, as real notes do.

Everything is dated relative to :data:`STORY_DATE` (a fixed day, so the demo
review is the same every time) and written through the project's own core
functions (``people.met``, ``people.add_interaction`` and ``netjournal.core.ledger``).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from netjournal.core import ledger, people

#: The review date of the demo: the story's "today".
STORY_DATE = date(2026, 11, 28)


def _day(days_before: int) -> date:
    return STORY_DATE - timedelta(days=days_before)


class _Story:
    """Small helpers that keep the story readable."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.ids: dict[str, int] = {}

    def meet(self, key: str, name: str, ago: int, *, at: str | None = None, **details: Any) -> int:
        on = _day(ago)
        result = people.met(self.conn, today=on, name=name, on=on, at=at, **details)
        self.ids[key] = result.person_id
        return result.person_id

    def log(self, key: str, ago: int, kind: str, note: str) -> None:
        people.add_interaction(self.conn, self.ids[key], on=_day(ago), kind=kind, note=note)

    def need(self, key: str, ago: int, text: str) -> int:
        return ledger.add_need(self.conn, self.ids[key], text, _day(ago))

    def promise(self, key: str, ago: int, text: str, *, due_in: int = 7) -> int:
        on = _day(ago)
        return ledger.add_offer(
            self.conn, self.ids[key], text, offered_on=on, due_on=on + timedelta(days=due_in)
        )

    def helped(self, key: str, ago: int, text: str) -> int:
        return ledger.add_offer(self.conn, self.ids[key], text, offered_on=_day(ago), done=True)

    def received(self, key: str, ago: int, text: str) -> int:
        return ledger.add_offer(self.conn, self.ids[key], text, offered_on=_day(ago), received=True)

    def intro(
        self, a: str, b: str, ago: int, *, need: int | None = None, note: str | None = None
    ) -> int:
        return ledger.add_intro(
            self.conn, self.ids[a], self.ids[b], on=_day(ago), need_id=need, note=note
        )

    def followup(self, key: str, ago: int, due_ago: int, note: str) -> int:
        return ledger.add_followup(
            self.conn, self.ids[key], due_on=_day(due_ago), note=note, created_on=_day(ago)
        )


def build(conn: sqlite3.Connection) -> dict[str, int]:
    """Write the whole story into an empty journal (inside the caller's transaction).

    Returns how many records of each kind were written.
    """
    s = _Story(conn)

    # --- Late September / early October: Bali ---------------------------------
    s.meet(
        "lina",
        "Lina Chen",
        59,
        at="Ubud Writers Meetup",
        org="Lotus Yoga Ubud",
        role="yoga teacher",
        tags=["ubud", "expat", "wellness"],
        can=["yoga classes for beginners", "kelas yoga untuk tamu hotel"],
        note="Moved from Singapore two years ago; loves our kopi susu.",
    )
    lina_doctor = s.need("lina", 59, "a good doctor who speaks English, near Ubud")
    s.meet(
        "made",
        "Made Suarta",
        57,
        at="Pasar Badung, 5 am",
        role="wholesale tomato seller",
        org="Pasar Badung",
        tags=["supplier", "wholesale", "denpasar"],
        can=["wholesale tomatoes and chili", "sayur segar dari Bedugul setiap pagi"],
        note="Ramah sekali. Gave me a tomato to taste before I bought anything.",
        every="1m",
    )
    s.received("made", 57, "a tomato to taste, and the number of his chili supplier")
    s.log("made", 55, "message", "Terima kasih, Pak! Tomatnya manis sekali.")
    s.meet(
        "ketut",
        "Ketut Ayu",
        56,
        at="Klinik Sehat Denpasar",
        role="dokter umum (GP)",
        org="Klinik Sehat Denpasar",
        tags=["doctor", "health", "denpasar"],
        can=["general practitioner who speaks English", "dokter umum, klinik di Denpasar"],
    )
    s.intro("lina", "ketut", 56, need=lina_doctor, note="Lina wants an English-speaking doctor")
    s.meet(
        "wayan",
        "Wayan Putra",
        51,
        at="Bali Startup Mixer",
        org="Rumah Bali Realty",
        role="real estate agent",
        tags=["property", "canggu", "ubud"],
        can=["houses and villas to rent in Canggu and Ubud", "sewa rumah jangka panjang"],
    )
    s.meet(
        "agus",
        "Agus Hidayat",
        51,
        at="Bali Startup Mixer",
        org="Visa Bali Mudah",
        role="visa agent",
        tags=["visa", "legal"],
        can=["KITAS and work visa paperwork", "urus imigrasi dan izin tinggal"],
    )
    s.meet(
        "sari",
        "Sari Dewi",
        51,
        at="Bali Startup Mixer",
        org="Notaris Sari Dewi & Rekan",
        role="notaris",
        tags=["legal", "notary", "denpasar"],
        can=["notary: company deeds (akta pendirian PT/CV)", "legalisasi dokumen"],
    )
    s.log("sari", 45, "email", "Sent her our company papers to check")
    s.meet(
        "nyoman",
        "Nyoman Sudarsana",
        50,
        at="Kintamani farm visit",
        role="coffee farmer",
        tags=["supplier", "coffee", "kintamani"],
        can=["kopi arabika Kintamani, direct trade", "coffee farm tours"],
        every="2w",
    )
    s.meet(
        "joko",
        "Joko Susilo",
        48,
        role="retired hotel GM, mentor",
        tags=["mentor", "hospitality"],
        can=["hotel and restaurant management", "pricing and costing menus"],
        every="1m",
    )
    s.log("lina", 38, "meeting", "Lina came for breakfast; she saw dr. Ketut, all good")
    s.log("made", 38, "meeting", "Ordered 20 kg of tomatoes for the catering")

    # --- Jakarta F&B Expo ----------------------------------------------------------
    s.meet(
        "rina",
        "Rina Wijaya",
        38,
        at="Jakarta F&B Expo",
        org="Roti Rina",
        role="bakery owner",
        tags=["jakarta", "food", "bakery"],
        can=["sourdough and pastry wholesale", "resep roti tanpa gluten"],
    )
    s.meet(
        "andi",
        "Andi Pratama",
        38,
        at="Jakarta F&B Expo",
        org="Kopi Kita Group",
        role="investor",
        tags=["jakarta", "investor", "coffee"],
        can=["investment in food and beverage", "opening cafés in Jakarta malls"],
    )
    s.meet(
        "budi",
        "Budi Santoso",
        38,
        at="Jakarta F&B Expo",
        org="Ekspedisi Dingin",
        role="logistics",
        tags=["jakarta", "logistics"],
        can=["cold-chain shipping Bali–Jakarta", "ekspedisi barang dan kargo"],
    )
    s.meet(
        "fajar",
        "Fajar Ramadhan",
        38,
        at="Jakarta F&B Expo",
        role="app developer",
        tags=["jakarta", "tech"],
        can=["websites and online ordering for restaurants"],
    )
    fajar_investor = s.need("fajar", 38, "an investor for his ordering app")
    s.meet(
        "claire",
        "Claire Dubois",
        38,
        at="Jakarta F&B Expo",
        org="Vins de France Jakarta",
        role="wine importer",
        tags=["jakarta", "expat", "import"],
        can=["importing wine and cheese", "French-speaking contacts"],
        every="1m",
    )
    s.meet(
        "putri",
        "Putri Maharani",
        38,
        at="Jakarta F&B Expo",
        org="Bank Rakyat",
        role="UMKM loan officer",
        tags=["finance", "jakarta"],
        can=["KUR loans for small businesses", "pinjaman usaha UMKM"],
    )
    s.received("budi", 37, "lent us a cool box for the expo stand")
    s.promise("andi", 37, "send our sales numbers and the pitch deck")
    s.meet(
        "hendra",
        "Hendra Kusuma",
        37,
        at="Dinner in Kemang",
        role="dokter anak",
        org="RS Pondok Indah",
        tags=["doctor", "health", "jakarta"],
        can=["paediatrician (dokter anak) in South Jakarta"],
        note="Andi's brother-in-law; very kind with kids.",
    )
    s.log("claire", 31, "email", "Sent Claire our menu; she suggests a wine pairing night")
    fajar_intro = s.intro("fajar", "andi", 34, need=fajar_investor, note="Fajar's app for warungs")
    ledger.set_outcome(
        conn, fajar_intro, "Andi passed for now, but gave good feedback", on=_day(22)
    )

    # --- November -------------------------------------------------------------------
    s.meet(
        "dewi",
        "Dewi Lestari",
        35,
        at="Canggu Coworking",
        role="graphic designer",
        tags=["design", "canggu"],
        can=["logo dan desain kemasan", "menu design"],
    )
    dewi_notary = s.need("dewi", 35, "a notary to set up her CV (company)")
    dewi_intro = s.intro("dewi", "sari", 33, need=dewi_notary)
    ledger.set_outcome(conn, dewi_intro, "Akta CV selesai; Dewi is very happy", on=_day(29))
    ledger.close_need(conn, dewi_notary, status="met", on=_day(29), note="Sari did the deed")
    s.meet(
        "reza",
        "Reza Firmansyah",
        30,
        at="Canggu Coworking",
        role="photographer",
        tags=["photography", "canggu"],
        can=["food and product photography", "foto produk untuk Instagram"],
    )
    s.intro("reza", "dewi", 27, note="Both do branding for cafés; could team up")
    s.meet(
        "kadek",
        "Kadek Surya",
        27,
        at="Warung Kopi Senja",
        role="cook",
        tags=["canggu", "food"],
        can=["masakan Bali, kitchen prep"],
    )
    kadek_job = s.need("kadek", 27, "a job as a cook in Canggu or Ubud")
    s.meet(
        "gede",
        "Gede Wirawan",
        26,
        org="Warung Gede Ubud",
        role="restaurant owner",
        tags=["ubud", "food"],
        can=["hiring kitchen staff", "catering partner in Ubud"],
    )
    kadek_intro = s.intro("kadek", "gede", 26, need=kadek_job)
    ledger.set_outcome(conn, kadek_intro, "Kadek starts at Warung Gede on Monday", on=_day(20))
    ledger.close_need(conn, kadek_job, status="met", on=_day(20))
    s.log("nyoman", 27, "call", "Harvest is good; will send samples")
    s.log("joko", 23, "meeting", "Lunch with Joko: raise the catering price by 10%")
    s.meet(
        "ayu",
        "Ayu Lestari",
        24,
        at="Warung Kopi Senja",
        org="Guesthouse Ayu",
        role="guesthouse owner",
        tags=["ubud", "hospitality"],
        can=["rooms for visiting family", "kamar murah di Ubud"],
    )
    s.helped("ayu", 23, "a catering tasting for her 12 guests, at cost")
    s.log("ayu", 6, "call", "Ayu booked catering for December")
    s.meet(
        "siti",
        "Siti Rahmawati",
        25,
        at="Arisan UMKM Denpasar",
        role="accountant",
        tags=["finance", "tax"],
        can=["bookkeeping and laporan pajak UMKM", "tax reports for expats"],
    )
    s.helped("siti", 21, "Friday lunch for her office, catering at cost")
    s.meet(
        "lukas",
        "Lukas Becker",
        22,
        at="Canggu Coworking",
        role="digital nomad",
        tags=["expat", "canggu"],
        can=["German lessons"],
    )
    lukas_tax = s.need("lukas", 22, "an accountant who speaks English for Indonesian tax")
    menu_photos = s.promise("dewi", 18, "send photos of our menu for her logo brief")
    ledger.complete_offer(conn, menu_photos, on=_day(12))
    s.meet(
        "sophie",
        "Sophie Martin",
        16,
        at="Canggu Coworking Demo Day",
        role="UX designer",
        tags=["expat", "newcomer", "canggu"],
        can=["user research and app design"],
        note="Just arrived from Lyon; lives in a guesthouse for now.",
    )
    sophie_house = s.need("sophie", 16, "a house to rent in Canggu or Ubud, 2 bedrooms")
    s.need("sophie", 16, "help with the KITAS paperwork (visa)")
    s.intro("sophie", "wayan", 14, need=sophie_house)
    s.log("nyoman", 13, "message", "Samples arrived: excellent")
    s.followup("nyoman", 13, 1, "order 30 kg for December")
    s.log("rina", 25, "call", "Rina's son is often sick; she wants a better doctor")
    s.need("rina", 25, "dokter anak yang bagus di Jakarta Selatan (good paediatrician)")
    s.meet(
        "eka",
        "Eka Saputra",
        10,
        at="Politeknik Pariwisata job fair",
        role="student",
        tags=["student"],
        can=["Instagram reels"],
    )
    s.need("eka", 10, "an internship in a restaurant kitchen (magang dapur)")
    s.meet(
        "putri2",
        "Putri Ayu Kartika",
        11,
        at="Arisan UMKM Denpasar",
        org="Kartika Print",
        role="printer",
        tags=["printing", "denpasar"],
        can=["printing menus, banners and stickers", "cetak menu murah"],
    )
    s.promise("putri", 9, "send her our financial statements for the KUR loan")
    s.meet(
        "marco",
        "Marco Rossi",
        7,
        at="Seminyak chefs' dinner",
        role="chef",
        org="Trattoria Seminyak",
        tags=["food", "chef"],
        can=["Italian cooking classes"],
    )
    s.intro("lukas", "siti", 8, need=lukas_tax)
    s.followup("andi", 10, 3, "ask about the Kemang location")
    s.meet(
        "maya",
        "Maya Anggraini",
        4,
        at="Arisan UMKM Denpasar",
        role="marketing freelancer",
        tags=["marketing"],
        can=["Instagram marketing for warungs"],
    )
    s.need("maya", 4, "a cheaper printer for her menus")
    s.meet(
        "indah",
        "Indah Permata",
        20,
        at="Ubud Food Festival briefing",
        role="event organiser",
        tags=["events", "ubud"],
        can=["food festivals and bazaars"],
    )
    s.received("indah", 4, "recommended us for a stand at the Ubud Food Festival")
    s.meet(
        "wen",
        "Wen Li",
        2,
        at="Coffee & tea cupping",
        role="tea importer",
        tags=["supplier", "tea"],
        can=["Chinese and Taiwanese tea"],
    )
    s.meet(
        "yudi",
        "Yudi Prasetyo",
        3,
        at="Batu Bolong beach",
        role="surf instructor",
        tags=["friend", "canggu"],
        can=["surf lessons"],
    )
    s.log("yudi", 1, "message", "Surf on Sunday? Ya, jam 6 pagi")
    return {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("people", "interactions", "needs", "offers", "introductions", "followups")
    }
