#!/usr/bin/env python3
"""Fill a NEW journal with N people and M interactions for benchmarks.

    python benchmarks/make_journal.py DB --people 10000 --interactions 200000

The database is created with the project's own ``open_journal`` (schema,
pragmas, migrations) and filled with ``executemany`` on that schema in one
``journal.write()`` transaction. Besides people and interactions it adds, per
person and in proportions a busy user might have: about 1.2 tags, 1
capability, 0.4 needs (60 % of them closed), 0.5 promises or help given,
0.2 help received, 0.25 introductions (half of them for a need, 40 % with an
outcome) and 0.3 explicit follow-ups (75 % done). Dates run over the three
years that end on ``--as-of`` (default 2026-11-28); the random seed is fixed,
so the same arguments give the same journal.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from netjournal.core.names import name_key
from netjournal.db.journal import open_journal

FIRST = (  # noqa: SIM905
    "Ayu Budi Citra Dewi Eka Fajar Gede Hadi Indah Joko Kadek Lestari Made Nyoman Putu Rina "
    "Sari Tono Wayan Yudi Ann Ben Chloe David Emma Felix Grace Hugo Isla Jack Lena Marco "
    "Nina Oscar Paula Quentin Rosa Sam Tara Uma Victor Wen Xavier Yara Zoe"
).split()
LAST = (  # noqa: SIM905
    "Santoso Wijaya Pratama Lestari Saputra Hidayat Kusuma Putra Suarta Rahmawati Nugroho "
    "Setiawan Martin Dubois Smith Tanaka Garcia Rossi Muller Jensen Kowalski Silva Brown "
    "Nguyen Kim Chen Singh Okafor"
).split()
ORGS = (
    "Warung Senja",
    "Klinik Sehat",
    "Bali Villas",
    "Kopi Kita",
    "Jakarta Logistics",
    "Notaris Dewi & Rekan",
    "Studio Foto Rama",
    "Canggu Cowork",
    "Pasar Badung",
    "Bank Mandiri",
    "Tokopedia",
    "Gojek",
    "Freelance",
    "Ubud Yoga House",
    "Pajak Mudah",
)
ROLES = (
    "founder",
    "notary",
    "doctor",
    "accountant",
    "designer",
    "developer",
    "photographer",
    "real estate agent",
    "visa agent",
    "chef",
    "wholesaler",
    "lawyer",
    "marketing lead",
    "investor",
    "teacher",
    "pemilik warung",
    "konsultan pajak",
    "dokter umum",
)
TAGS = (  # noqa: SIM905
    "bali jakarta ubud canggu denpasar food coffee tech design legal health property "
    "visa finance tax startup investor media photography logistics export tourism yoga "
    "education hospitality retail wholesale marketing ngo community friend family mentor "
    "supplier client partner expat local event-organiser"
).split()
CAPABILITIES = (
    "notary and company papers",
    "notaris akta pendirian PT",
    "good family doctor",
    "dokter anak di Denpasar",
    "accountant for small businesses",
    "laporan pajak UMKM",
    "web design and logos",
    "desain kemasan",
    "rent a house in Ubud",
    "sewa rumah dan villa",
    "KITAS and visa paperwork",
    "urus visa dan imigrasi",
    "product photography",
    "foto produk untuk Instagram",
    "shipping to Jakarta",
    "ekspedisi dan logistik",
    "wholesale tomatoes and chili",
    "sayur grosir dari Bedugul",
    "coffee roasting",
    "barista training",
    "hiring a cook",
    "marketing on Instagram",
    "investor introductions",
    "teaching English",
    "les bahasa Inggris",
    "legal contracts",
    "kontrak kerja",
    "co-working desks",
    "catering for events",
    "printing menus",
)
NEEDS = (
    "a notary for the company papers",
    "butuh notaris untuk akta PT",
    "a good doctor",
    "dokter anak yang bagus",
    "an accountant for the tax report",
    "bantuan laporan pajak",
    "a logo for the new shop",
    "desain kemasan kopi",
    "a house to rent in Ubud",
    "cari rumah sewa di Canggu",
    "help with KITAS paperwork",
    "urus visa kerja",
    "photos of the menu",
    "foto produk",
    "a cheaper shipping company",
    "ekspedisi ke Jakarta",
    "fresh tomatoes every morning",
    "supplier sayur",
    "a coffee supplier",
    "a barista",
    "a cook for the warung",
    "more Instagram followers",
    "an investor",
    "English lessons",
    "a lawyer for a contract",
    "a quiet desk to work",
    "catering for a wedding",
)
OFFERS = (
    "send the supplier list",
    "kirim kontak notaris",
    "share the menu template",
    "lend the projector",
    "review the business plan",
    "kenalkan ke teman di Jakarta",
    "bring coffee samples",
    "send the tax checklist",
    "photos of the new shop",
)
NOTES = (
    "met at the market at 5am",
    "very friendly, speaks English",
    "ketemu di acara UMKM",
    "wants to expand to Jakarta",
    "moved to Bali last year",
    "suka kopi",
    "has two kids",
    "runs a small warung",
    "knows everyone in Denpasar",
    "works with expats",
)
EVENTS = (
    "Bali Startup Mixer",
    "Pasar Badung",
    "Jakarta F&B Expo",
    "Canggu Demo Day",
    "Arisan UMKM",
    "Ubud Writers Meetup",
    "Coffee cupping",
    "Rotary lunch",
)
KINDS = ("call", "meeting", "message", "email", "other")


def build(path: Path, n_people: int, n_interactions: int, as_of: date, seed: int) -> None:
    rng = random.Random(seed)
    start = as_of - timedelta(days=3 * 365)
    span = (as_of - start).days

    def day_after(d: date) -> date:
        room = (as_of - d).days
        return d + timedelta(days=int(rng.random() ** 0.7 * room)) if room > 0 else d

    journal = open_journal(path)
    with journal.write() as conn:
        people = []
        met: dict[int, date] = {}
        for pid in range(1, n_people + 1):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if pid > len(FIRST) * len(LAST) // 2:
                name += f" {pid}"
            met_on = start + timedelta(days=rng.randrange(span))
            met[pid] = met_on
            people.append(
                (
                    pid,
                    name,
                    name_key(name),
                    rng.choice(ORGS) if rng.random() < 0.2 else None,
                    rng.choice(ROLES) if rng.random() < 0.6 else None,
                    None,
                    None,
                    rng.choice(EVENTS) if rng.random() < 0.7 else None,
                    met_on.isoformat(),
                    rng.choice(("2w", "1m", "3m")) if rng.random() < 0.08 else None,
                    rng.choice(NOTES) if rng.random() < 0.4 else None,
                    met_on.isoformat(),
                )
            )
        conn.executemany(
            "INSERT INTO people (id, name, name_key, org, role, email, phone, met_at, met_on, "
            "every, notes, created_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            people,
        )
        tags = {
            (pid, rng.choice(TAGS))
            for pid in range(1, n_people + 1)
            for _ in range(rng.choice((0, 1, 1, 2, 2)))
        }
        conn.executemany("INSERT INTO tags (person_id, tag) VALUES (?, ?)", sorted(tags))
        conn.executemany(
            "INSERT INTO capabilities (person_id, text, noted_on) VALUES (?, ?, ?)",
            [
                (pid, rng.choice(CAPABILITIES), met[pid].isoformat())
                for pid in range(1, n_people + 1)
                for _ in range(rng.choice((0, 1, 1, 2)))
            ],
        )
        # Every person is met once; the other interactions go to a skewed set of
        # people (some are seen often, many rarely).
        interactions = [
            (pid, met[pid].isoformat(), "met", people[pid - 1][7], None)
            for pid in range(1, n_people + 1)
        ]
        for _ in range(max(n_interactions - n_people, 0)):
            pid = (
                min(int(rng.paretovariate(1.2)), n_people)
                if rng.random() < 0.3
                else rng.randrange(1, n_people + 1)
            )
            interactions.append(
                (pid, day_after(met[pid]).isoformat(), rng.choice(KINDS), None, rng.choice(NOTES))
            )
        conn.executemany(
            "INSERT INTO interactions (person_id, on_date, kind, event, note) "
            "VALUES (?, ?, ?, ?, ?)",
            interactions,
        )
        needs = []
        for pid in rng.sample(range(1, n_people + 1), k=min(n_people, int(n_people * 0.4))):
            noted = day_after(met[pid])
            roll = rng.random()
            status = "met" if roll < 0.4 else "dropped" if roll < 0.6 else "open"
            closed = day_after(noted).isoformat() if status != "open" else None
            needs.append((pid, rng.choice(NEEDS), noted.isoformat(), status, closed))
        conn.executemany(
            "INSERT INTO needs (person_id, text, noted_on, status, closed_on) "
            "VALUES (?, ?, ?, ?, ?)",
            needs,
        )
        offers = []
        for _ in range(int(n_people * 0.5)):
            pid = rng.randrange(1, n_people + 1)
            made = day_after(met[pid])
            due = made + timedelta(days=7)
            roll = rng.random()
            status = "done" if roll < 0.7 else "dropped" if roll < 0.8 else "promised"
            done = day_after(made).isoformat() if status != "promised" else None
            offers.append(
                (pid, rng.choice(OFFERS), "given", made.isoformat(), due.isoformat(), status, done)
            )
        for _ in range(int(n_people * 0.2)):
            pid = rng.randrange(1, n_people + 1)
            got = day_after(met[pid]).isoformat()
            offers.append((pid, rng.choice(OFFERS), "received", got, None, "done", got))
        conn.executemany(
            "INSERT INTO offers (person_id, text, direction, offered_on, due_on, status, "
            "done_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
            offers,
        )
        need_rows = conn.execute("SELECT id, person_id, noted_on FROM needs").fetchall()
        intros = []
        for _ in range(int(n_people * 0.25)):
            if rng.random() < 0.5 and need_rows:
                need_id, a, noted = rng.choice(need_rows)
                on = day_after(date.fromisoformat(noted))
            else:
                need_id, a = None, rng.randrange(1, n_people + 1)
                on = day_after(met[a])
            b = rng.randrange(1, n_people + 1)
            if b == a:
                continue
            outcome = rng.random() < 0.4
            intros.append(
                (
                    a,
                    b,
                    need_id,
                    on.isoformat(),
                    None,
                    "they met, it worked" if outcome else None,
                    day_after(on).isoformat() if outcome else None,
                )
            )
        conn.executemany(
            "INSERT INTO introductions (a_id, b_id, need_id, on_date, note, outcome, "
            "outcome_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
            intros,
        )
        followups = []
        for _ in range(int(n_people * 0.3)):
            pid = rng.randrange(1, n_people + 1)
            created = day_after(met[pid])
            due = created + timedelta(days=rng.choice((3, 7, 14, 30)))
            done = day_after(due).isoformat() if rng.random() < 0.75 and due <= as_of else None
            followups.append((pid, due.isoformat(), "check in", created.isoformat(), done))
        conn.executemany(
            "INSERT INTO followups (person_id, due_on, note, created_on, done_on) "
            "VALUES (?, ?, ?, ?, ?)",
            followups,
        )
    # Like an import, leave the search index (if this version has one) up to date.
    from netjournal.search import refresh_index

    refresh_index(journal.conn)
    journal.conn.execute("PRAGMA optimize")
    journal.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="the NEW database file to create")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--as-of", default="2026-11-28", help="the last day of the data")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.db.exists():
        sys.exit(f"{args.db} exists; make_journal only fills a new database")
    started = time.perf_counter()
    build(args.db, args.people, args.interactions, date.fromisoformat(args.as_of), args.seed)
    print(
        f"{args.db}: {args.people} people, {args.interactions} interactions "
        f"in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
