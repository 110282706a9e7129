"""Every kind of write, killed (SIGKILL) at random moments: all or nothing.

Each *kind* is a row of one table (``KINDS``): the command run through the
installed ``nj``, how to build the journal it runs on, and two predicates on the
journal afterwards: "fully there" and "absent". For each kill:

1. a fresh copy of the kind's template journal;
2. ``nj COMMAND`` is started and killed at a random moment of its run (mostly
   after start-up, when it is opening, migrating or inside its transaction);
3. ``PRAGMA integrity_check`` is ok and ``foreign_key_check`` empty;
4. exactly one of the kind's states holds ("absent", "fully there", and for a
   migration followed by a write, "migrated, write absent"), and the content of
   every data table equals either the template's or the reference run's (an
   unkilled run of the same command on the same template): nothing half-written;
5. the command is run again (in-process): it succeeds when the first run left
   no trace (and the journal then equals the reference), or, when the first run
   had committed, it succeeds too or refuses with one clean ``Error:`` line
   (``person merge`` of a merged person); no row of the reference is missing
   ("rows lost").

The same engine runs 1,000+ kills in ``benchmarks/reliability_run.py``.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

NJ = shutil.which("nj")
TODAY = "2026-11-28"
DATA = Path(__file__).resolve().parent / "data"
IMPORTS = DATA / "import"
#: Tables holding the user's data (the search index is derived from them).
SKIP_TABLES = ("search_", "sqlite_", "_sqlite_")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    pytest.mark.skipif(NJ is None, reason="the nj console script is not installed"),
]

Pred = Callable[[sqlite3.Connection], bool]


def one(conn: sqlite3.Connection, sql: str, *args: object) -> Any:
    row = conn.execute(sql, args).fetchone()
    return None if row is None else row[0]


def count(conn: sqlite3.Connection, sql: str, *args: object) -> int:
    return int(one(conn, f"SELECT count(*) FROM {sql}", *args))


def user_version(conn: sqlite3.Connection) -> int:
    return int(one(conn, "PRAGMA user_version"))


PASS = "kopi susu 2026"  # the passphrase of the encrypted journals
#: words of the templates' people that must never be readable in a file beside an
#: encrypted journal
SECRET_WORDS = (b"Ann Lee", b"notary", b"Bali", b"Hart & Co")


@functools.lru_cache(maxsize=64)
def _raw_key(salt: bytes) -> str:
    """SQLCipher 4's own derivation (PBKDF2-HMAC-SHA512, 256,000 rounds), done once per salt."""
    key = hashlib.pbkdf2_hmac("sha512", PASS.encode(), salt, 256_000, 32)
    return f"x'{key.hex()}{salt.hex()}'"


def encrypted(db: Path) -> bool:
    with open(db, "rb") as handle:
        return handle.read(16) != b"SQLite format 3\0"


def connect_any(db: Path) -> sqlite3.Connection:
    """The journal, plain or encrypted (keyed with PASS through sqlcipher3 itself)."""
    if not encrypted(db):
        return sqlite3.connect(db)
    from sqlcipher3 import dbapi2

    with open(db, "rb") as handle:
        salt = handle.read(16)
    conn = dbapi2.connect(str(db))
    conn.execute(f'PRAGMA key = "{_raw_key(salt)}"')
    return conn  # type: ignore[no-any-return]


def _file_encrypted(conn: sqlite3.Connection) -> bool:
    return encrypted(Path(conn.execute("PRAGMA database_list").fetchone()[2]))


def plain_beside(db: Path) -> list[str]:
    """Files in clear beside an encrypted journal: its -wal/-shm/-journal, backups and
    the copies of an interrupted encrypt/decrypt."""
    found = []
    for item in db.parent.iterdir():
        if item == db or not item.is_file() or db.name not in item.name:
            continue
        data = item.read_bytes()
        if data.startswith(b"SQLite format 3\0") or any(w in data for w in SECRET_WORDS):
            found.append(item.name)
    return found


def data_rows(db: Path) -> Counter[tuple[str, str]]:
    """Every row of every data table, as a multiset of (table, repr(row))."""
    conn = connect_any(db)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(SKIP_TABLES)
        ]
        rows: Counter[tuple[str, str]] = Counter()
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                rows[(table, repr(row))] += 1
        return rows
    finally:
        conn.close()


def digest(rows: Counter[tuple[str, str]]) -> str:
    return hashlib.sha256(repr(sorted(rows.items())).encode()).hexdigest()


# --------------------------------------------------------------------- journals


def nj_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NETJOURNAL_TODAY": TODAY, "NO_COLOR": "1", **extra}


def nj(
    db: Path, *args: str, check: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [NJ or "nj", *args, "--db", str(db)],
        env=env or nj_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"nj {' '.join(args)} failed: {proc.stderr}")
    return proc


def nj_batch(db: Path, commands: list[list[str]], **extra: str) -> None:
    """Build a template quickly: run commands in-process (one CliRunner)."""
    from typer.testing import CliRunner

    from netjournal.cli import app  # type: ignore[import-untyped,unused-ignore]

    runner = CliRunner()
    for args in commands:
        result = runner.invoke(app, [*args, "--db", str(db)], env=nj_env(**extra))
        assert result.exit_code == 0, (args, result.stdout, result.stderr)


LEDGER_BASE = [
    ["met", "Ann Lee", "--needs", "a notary in Bali", "--can", "tax advice", "--tag", "bali"],
    ["met", "Bob Hart", "--can", "notary work", "--org", "Hart & Co"],
    ["met", "Cici Tan", "--needs", "an exporter"],
    ["offer", "add", "Ann Lee", "send the list of notaries", "--due", "2026-12-05"],
    ["followup", "add", "Bob Hart", "--on", "2026-12-01", "--note", "ask about the deed"],
    ["log", "Cici Tan", "phoned about samples", "--kind", "call"],
]


def build_ledger(db: Path, work: Path, size: int) -> None:
    nj_batch(db, LEDGER_BASE)


MERGE_KEEP: tuple[str, ...] = (
    "met",
    "Dewi Kartika",
    "--needs",
    "an exporter to Europe",
    "--can",
    "batik",
)
MERGE_KEEP += ("--tag", "batik", "--org", "Kartika Batik")
MERGE_DUP: tuple[str, ...] = ("met", "Dewi K.", "--needs", "a Dutch translator", "--can", "Dutch")
MERGE_DUP += ("--email", "dewi@kartikabatik.id", "--tag", "export", "--note", "same Dewi")


def build_merge(db: Path, work: Path, size: int) -> None:
    nj_batch(
        db,
        [
            *LEDGER_BASE,
            [*MERGE_KEEP],
            [*MERGE_DUP],
            ["offer", "add", "Dewi K.", "an intro to a shipper"],
            ["followup", "add", "Dewi K.", "--on", "2026-12-10"],
            ["log", "Dewi K.", "coffee", "--kind", "meeting"],
            ["intro", "add", "Dewi K.", "Bob Hart", "--note", "notary for the export PT"],
        ],
    )


def write_csv(path: Path, size: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "email", "org", "role", "tags", "notes", "can"])
        for i in range(size):
            w.writerow(
                [
                    f"Kontak {i:05d}",
                    f"kontak{i}@contoh.id",
                    f"PT Usaha {i % 40}",
                    "Pemilik",
                    f"t{i % 7};bali",
                    f"catatan {i} " * 10,
                    f"keahlian {i}",
                ]
            )


def write_vcard(path: Path, size: int) -> None:
    real = (IMPORTS / "phone_export.vcf").read_text(encoding="utf-8")
    with path.open("w", newline="", encoding="utf-8") as f:
        f.write(real)
        for i in range(size):
            f.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"N:{i:05d};Kartu;;;\r\nFN:Kartu {i:05d}\r\nEMAIL:kartu{i}@contoh.id\r\n"
                f"ORG:CV Maju {i % 30}\r\nTEL:+62 812 {i:07d}\r\nCATEGORIES:vcf,k{i % 5}\r\n"
                f"NOTE:catatan {i}\\, bertemu di Bali\r\nEND:VCARD\r\n"
            )


def write_linkedin(path: Path, size: int) -> None:
    real = (IMPORTS / "Connections.csv").read_text(encoding="utf-8").rstrip("\n") + "\n"
    with path.open("w", newline="", encoding="utf-8") as f:
        f.write(real)
        w = csv.writer(f)
        for i in range(size):
            w.writerow(
                [
                    "Li",
                    f"Name {i:05d}",
                    f"https://www.linkedin.com/in/li{i}",
                    f"li{i}@contoh.id",
                    f"Co {i % 40}",
                    "Engineer",
                    "12 Mar 2024",
                ]
            )


def write_json(path: Path, size: int) -> None:
    source = path.with_suffix(".source.db")
    src_csv = path.with_suffix(".csv")
    write_csv(src_csv, size)
    nj_batch(source, [*LEDGER_BASE, ["import", "csv", str(src_csv)]])
    nj_batch(source, [["export", "json", "--output", str(path)]])


def import_builder(writer: Callable[[Path, int], None], name: str) -> Callable[..., None]:
    def build(db: Path, work: Path, size: int) -> None:
        from netjournal.db.journal import open_journal  # reads no longer create it (issue 11 #9)

        open_journal(db).close()  # an empty journal of the current schema
        target = work / name
        if not target.exists():
            writer(target, size)

    return build


#: the passphrase, and no keyring (PYTHON_KEYRING_BACKEND: never the user's own)
CRYPT_ENV = (
    ("NETJOURNAL_PASSPHRASE", PASS),
    ("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring"),
)


def build_big_ledger(db: Path, work: Path, size: int) -> None:
    """The ledger and an import: enough pages for a kill to land inside the conversion."""
    csv_file = work / "big.csv"
    if not csv_file.exists():
        write_csv(csv_file, size)
    nj_batch(db, [*LEDGER_BASE, ["import", "csv", str(csv_file)]])


def build_encrypted(db: Path, work: Path, size: int) -> None:
    build_big_ledger(db, work, size)
    nj_batch(db, [["db", "encrypt"]], **dict(CRYPT_ENV))


def build_v1(db: Path, work: Path, size: int) -> None:
    shutil.copyfile(DATA / "journal-v1.db", db)


# ----------------------------------------------------------------------- kinds


@dataclass(frozen=True)
class Kind:
    """One row of the table: a write command and what "all or nothing" means for it."""

    name: str
    argv: tuple[str, ...]
    build: Callable[[Path, Path, int], None]
    full: Pred
    absent: Pred
    #: other whole states a kill may leave (a migration committed, its write not)
    between: tuple[tuple[str, Pred], ...] = ()
    #: a command that leaves the journal in that state (its data is then a third
    #: accepted content: the migration adds the default synonyms)
    between_via: tuple[str, ...] = ()
    #: a re-run after a committed run may refuse (exit 1), e.g. merging a merged person
    rerun_may_refuse: bool = False
    #: the content of data tables may be the template's without being "absent"
    extra: dict[str, str] = field(default_factory=dict)
    #: environment of the command (the passphrase of an encrypted journal)
    env: tuple[tuple[str, str], ...] = ()

    def environ(self) -> dict[str, str]:
        return nj_env(**dict(self.env))


def _victim_full(conn: sqlite3.Connection) -> bool:
    pid = one(conn, "SELECT id FROM people WHERE name = 'Victim Person'")
    return (
        pid is not None
        and count(conn, "needs WHERE person_id = ?", pid) == 3
        and count(conn, "capabilities WHERE person_id = ?", pid) == 3
        and count(conn, "interactions WHERE person_id = ? AND kind = 'met'", pid) == 1
        and count(conn, "tags WHERE person_id = ?", pid) == 1
    )


def _victim_absent(conn: sqlite3.Connection) -> bool:
    return (
        count(conn, "people WHERE name = 'Victim Person'") == 0
        and count(conn, "needs WHERE text LIKE 'need of victim%'") == 0
        and count(conn, "capabilities WHERE text LIKE 'skill of victim%'") == 0
    )


MET_ARGS: tuple[str, ...] = ("met", "Victim Person", "--at", "Kill Party", "--tag", "crash")
MET_ARGS += ("--note", "a long note " * 300)
for _k in range(3):
    MET_ARGS += ("--needs", f"need of victim #{_k}", "--can", f"skill of victim #{_k}")


def _merge_counts(conn: sqlite3.Connection, name: str) -> tuple[int, ...] | None:
    pid = one(conn, "SELECT id FROM people WHERE name = ?", name)
    if pid is None:
        return None
    tables = ("needs", "capabilities", "interactions", "offers", "followups", "tags")
    counts = [count(conn, f"{table} WHERE person_id = ?", pid) for table in tables]
    counts.append(count(conn, "introductions WHERE a_id = ? OR b_id = ?", pid, pid))
    return tuple(counts)


# Dewi Kartika: 1 need, 1 skill, 1 met, 0 offers, 0 follow-ups, 1 tag, 0 intros;
# Dewi K.: 1, 1, 2 (met, meeting), 1, 1, 1, 1 intro.
KEEP0, DUP0 = (1, 1, 1, 0, 0, 1, 0), (1, 1, 2, 1, 1, 1, 1)
MERGED = tuple(a + b for a, b in zip(KEEP0, DUP0, strict=True))


def _merged(conn: sqlite3.Connection) -> bool:
    return (
        _merge_counts(conn, "Dewi K.") is None
        and _merge_counts(conn, "Dewi Kartika") == MERGED
        and one(conn, "SELECT email FROM people WHERE name = 'Dewi Kartika'")
        == "dewi@kartikabatik.id"
    )


def _unmerged(conn: sqlite3.Connection) -> bool:
    return _merge_counts(conn, "Dewi Kartika") == KEEP0 and _merge_counts(conn, "Dewi K.") == DUP0


def _imported(prefix: str, extra: int = 0) -> tuple[Pred, Pred]:
    """(all imported, none imported) for an import into an empty journal."""

    def full(conn: sqlite3.Connection) -> bool:
        n = count(conn, "people WHERE name LIKE ?", f"{prefix}%")
        return n == SIZE_OF[prefix] and count(conn, "people") == n + extra

    def absent(conn: sqlite3.Connection) -> bool:
        return count(conn, "people") == 0 and count(conn, "capabilities") == 0

    return full, absent


#: people each generated import file adds with the given prefix (set by ``prepare``)
SIZE_OF: dict[str, int] = {}


def _migrated(conn: sqlite3.Connection) -> bool:
    return (
        user_version(conn) >= 2 and count(conn, "sqlite_master WHERE name = 'search_people'") == 1
    )


def _v1(conn: sqlite3.Connection) -> bool:
    return user_version(conn) == 1 and count(conn, "sqlite_master WHERE name LIKE 'search%'") == 0


_vcard_full, _vcard_absent = _imported("Kartu", extra=48)
_csv_full, _csv_absent = _imported("Kontak")
_li_full, _li_absent = _imported("Li Name", extra=10)
_json_full, _json_absent = _imported("Kontak", extra=3)


KINDS: tuple[Kind, ...] = (
    Kind("met", MET_ARGS, build_ledger, _victim_full, _victim_absent),
    Kind(
        "need add",
        ("need", "add", "Ann Lee", "victim need: a KUR loan"),
        build_ledger,
        lambda c: count(c, "needs WHERE text = 'victim need: a KUR loan'") == 1,
        lambda c: count(c, "needs WHERE text = 'victim need: a KUR loan'") == 0,
    ),
    Kind(
        "need done",
        ("need", "done", "1"),
        build_ledger,
        lambda c: one(c, "SELECT status FROM needs WHERE id = 1") == "met",
        lambda c: (
            one(c, "SELECT status || coalesce(closed_on, '') FROM needs WHERE id = 1") == "open"
        ),
        rerun_may_refuse=True,
    ),
    Kind(
        "offer add",
        ("offer", "add", "Bob Hart", "victim offer: a ride", "--due", "2w"),
        build_ledger,
        lambda c: (
            count(c, "offers WHERE text = 'victim offer: a ride' AND due_on IS NOT NULL") == 1
        ),
        lambda c: count(c, "offers WHERE text = 'victim offer: a ride'") == 0,
    ),
    Kind(
        "offer done",
        ("offer", "done", "1"),
        build_ledger,
        lambda c: one(c, "SELECT status || done_on FROM offers WHERE id = 1") == f"done{TODAY}",
        lambda c: (
            one(c, "SELECT status || coalesce(done_on, '') FROM offers WHERE id = 1") == "promised"
        ),
        rerun_may_refuse=True,
    ),
    Kind(
        "intro add",
        ("intro", "add", "Ann Lee", "Bob Hart", "--need", "1", "--note", "victim intro"),
        build_ledger,
        lambda c: count(c, "introductions WHERE note = 'victim intro' AND need_id = 1") == 1,
        lambda c: count(c, "introductions") == 0,
        rerun_may_refuse=True,
    ),
    Kind(
        "followup add",
        ("followup", "add", "Cici Tan", "--on", "2026-12-24", "--note", "victim follow-up"),
        build_ledger,
        lambda c: count(c, "followups WHERE note = 'victim follow-up'") == 1,
        lambda c: count(c, "followups WHERE note = 'victim follow-up'") == 0,
    ),
    Kind(
        "followup done",
        ("followup", "done", "1"),
        build_ledger,
        lambda c: one(c, "SELECT done_on FROM followups WHERE id = 1") == TODAY,
        lambda c: one(c, "SELECT done_on IS NULL FROM followups WHERE id = 1") == 1,
        rerun_may_refuse=True,
    ),
    Kind(
        "log",
        ("log", "Ann Lee", "victim log: lunch", "--kind", "meeting"),
        build_ledger,
        lambda c: count(c, "interactions WHERE note = 'victim log: lunch'") == 1,
        lambda c: count(c, "interactions WHERE note = 'victim log: lunch'") == 0,
    ),
    Kind(
        "person merge",
        ("person", "merge", "Dewi Kartika", "Dewi K.", "--yes"),
        build_merge,
        _merged,
        _unmerged,
        rerun_may_refuse=True,
    ),
    Kind(
        "import vcard",
        ("import", "vcard", "{work}/big.vcf"),
        import_builder(write_vcard, "big.vcf"),
        _vcard_full,
        _vcard_absent,
    ),
    Kind(
        "import csv",
        ("import", "csv", "{work}/big.csv"),
        import_builder(write_csv, "big.csv"),
        lambda c: _csv_full(c) and count(c, "capabilities") == SIZE_OF["Kontak"],
        _csv_absent,
    ),
    Kind(
        "import linkedin",
        ("import", "linkedin", "{work}/Connections.csv"),
        import_builder(write_linkedin, "Connections.csv"),
        _li_full,
        _li_absent,
    ),
    Kind(
        "import json",
        ("import", "json", "{work}/big.json"),
        import_builder(write_json, "big.json"),
        lambda c: _json_full(c) and count(c, "needs") == 2 and count(c, "followups") == 1,
        _json_absent,
    ),
    Kind(
        "migrate v1 (person list)",
        ("person", "list"),
        build_v1,
        _migrated,
        _v1,
    ),
    Kind(
        "migrate v1 + met",
        MET_ARGS,
        build_v1,
        lambda c: _migrated(c) and _victim_full(c),
        lambda c: _v1(c) and _victim_absent(c),
        between=(("migrated, write absent", lambda c: _migrated(c) and _victim_absent(c)),),
        between_via=("person", "list"),
    ),
    Kind(
        "db encrypt",
        ("db", "encrypt"),
        build_big_ledger,
        _file_encrypted,
        lambda c: not _file_encrypted(c),
        rerun_may_refuse=True,  # "already encrypted"
        env=CRYPT_ENV,
    ),
    Kind(
        "db decrypt",
        ("db", "decrypt"),
        build_encrypted,
        lambda c: not _file_encrypted(c),
        _file_encrypted,
        rerun_may_refuse=True,  # "not encrypted"
        env=CRYPT_ENV,
    ),
)


# ---------------------------------------------------------------------- engine


@dataclass
class Prepared:
    """A kind ready to be killed: its template and the reference outcome."""

    kind: Kind
    work: Path
    template: Path
    argv: list[str]
    before: str
    after_rows: Counter[tuple[str, str]]
    after: str
    seconds: float
    between: str = ""


@dataclass
class Tally:
    kills: int = 0
    integrity_ok: int = 0
    full: int = 0
    absent: int = 0
    between: int = 0
    finished: int = 0  # the command ended before the kill (not counted as a kill)
    rows_lost: int = 0
    #: kills of a decrypt that left its copy in clear (removed by the next command)
    plain_copies: int = 0
    failures: list[str] = field(default_factory=list)


def prepare(kind: Kind, work: Path, size: int) -> Prepared:
    work.mkdir(parents=True, exist_ok=True)
    SIZE_OF.update({"Kartu": size, "Kontak": size, "Li Name": size})
    template = work / "template.db"
    kind.build(template, work, size)
    _checkpoint(template)
    argv = [a.replace("{work}", str(work)) for a in kind.argv]
    reference = work / "reference.db"
    _copy(template, reference)
    t0 = time.monotonic()
    nj(reference, *argv, env=kind.environ())
    seconds = time.monotonic() - t0
    after_rows = data_rows(reference)
    conn = connect_any(reference)
    try:
        assert kind.full(conn), f"{kind.name}: the reference run is not 'fully there'"
    finally:
        conn.close()
    conn = connect_any(template)
    try:
        assert kind.absent(conn), f"{kind.name}: the template is not 'absent'"
    finally:
        conn.close()
    between = ""
    if kind.between_via:
        middle = work / "between.db"
        _copy(template, middle)
        nj(middle, *kind.between_via, env=kind.environ())
        between = digest(data_rows(middle))
    return Prepared(
        kind,
        work,
        template,
        argv,
        digest(data_rows(template)),
        after_rows,
        digest(after_rows),
        seconds,
        between,
    )


def _checkpoint(db: Path) -> None:
    conn = connect_any(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _copy(template: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    for bak in target.parent.glob(f"{target.name}.*bak*"):
        bak.unlink()
    shutil.copyfile(template, target)
    os.chmod(target, 0o600)


def kill_once(prep: Prepared, victim: Path, rng: random.Random, tally: Tally) -> bool:
    """One run killed at a random moment; False when it finished first."""
    _copy(prep.template, victim)
    # Mostly after start-up (imports, opening, the transaction), sometimes anywhere.
    span = prep.seconds
    delay = rng.uniform(0.0, span) if rng.random() < 0.2 else rng.uniform(0.35, 1.1) * span
    proc = subprocess.Popen(
        [NJ or "nj", *prep.argv, "--db", str(victim)],
        env=prep.kind.environ(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    _out, err = proc.communicate(timeout=300)
    if proc.returncode != -signal.SIGKILL:
        assert proc.returncode == 0, err.decode(errors="replace")
        tally.finished += 1
        return False
    tally.kills += 1
    check_killed(prep, victim, tally)
    return True


def check_killed(prep: Prepared, victim: Path, tally: Tally) -> None:
    kind = prep.kind
    problems: list[str] = []
    if encrypted(victim):
        left = [n for n in plain_beside(victim) if ".convert-" not in n]
        if left:
            problems.append(f"in clear beside the encrypted journal: {left}")
        if any(".convert-" in n for n in plain_beside(victim)):
            tally.plain_copies += 1  # a decrypt's copy: the next command must remove it
            _read(prep, victim)
            if plain_beside(victim):
                problems.append(f"still in clear after a command: {plain_beside(victim)}")
    conn = connect_any(victim)
    try:
        integrity = one(conn, "PRAGMA integrity_check")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if integrity == "ok" and not fk:
            tally.integrity_ok += 1
        else:
            problems.append(f"integrity {integrity!r}, foreign keys {fk[:3]}")
        states = [
            ("absent", kind.absent(conn)),
            ("full", kind.full(conn)),
            *((label, pred(conn)) for label, pred in kind.between),
        ]
    finally:
        conn.close()
    held = [label for label, ok in states if ok]
    if held == ["absent"]:
        tally.absent += 1
    elif held == ["full"]:
        tally.full += 1
    elif len(held) == 1:
        tally.between += 1
    else:
        problems.append(f"states {held or 'none'} (half-written?)")
    now = digest(data_rows(victim))
    if now not in (prep.before, prep.after) and not (prep.between and now == prep.between):
        problems.append("data tables are neither the template's nor the reference's")
    problems += rerun(prep, victim, committed=held == ["full"], tally=tally)
    if problems:
        tally.failures.append(f"{kind.name}: " + "; ".join(problems))


def _read(prep: Prepared, victim: Path) -> None:
    """Any command that opens the journal (in-process)."""
    from typer.testing import CliRunner

    from netjournal.cli import app  # type: ignore[import-untyped,unused-ignore]

    args = ["person", "list", "--db", str(victim)]
    result = CliRunner().invoke(app, args, env=prep.kind.environ())
    assert result.exit_code == 0, result.stderr


def rerun(prep: Prepared, victim: Path, *, committed: bool, tally: Tally) -> list[str]:
    """Run the killed command again (in-process) and count the reference rows lost."""
    from typer.testing import CliRunner

    from netjournal.cli import app  # type: ignore[import-untyped,unused-ignore]

    result = CliRunner().invoke(app, [*prep.argv, "--db", str(victim)], env=prep.kind.environ())
    problems = []
    if "Traceback" in result.stderr or not isinstance(result.exception, (SystemExit, type(None))):
        problems.append(f"re-run crashed: {result.exception!r}")
    elif result.exit_code != 0:
        clean = result.stderr.startswith("Error:") and len(result.stderr.splitlines()) == 1
        if not (committed and prep.kind.rerun_may_refuse and result.exit_code == 1 and clean):
            problems.append(f"re-run failed ({result.exit_code}): {result.stderr.strip()[:300]}")
    final = data_rows(victim)
    lost = prep.after_rows - final
    tally.rows_lost += sum(lost.values())
    if lost:
        problems.append(f"{sum(lost.values())} rows of the reference lost: {list(lost)[:3]}")
    if not committed and digest(final) != prep.after:
        problems.append("the re-run after an absent run differs from the reference")
    return problems


def run_kind(
    kind: Kind, work: Path, *, kills: int, size: int, seed: int, max_tries: int = 4
) -> Tally:
    rng = random.Random(f"{seed}:{kind.name}")
    prep = prepare(kind, work, size)
    tally = Tally()
    victim = work / "victim.db"
    tries = 0
    while tally.kills < kills and tries < kills * max_tries:
        tries += 1
        if not kill_once(prep, victim, rng, tally) and tally.finished > tally.kills + 2:
            prep.seconds *= 0.8  # the machine got faster than the reference run: aim earlier
    return tally


# ----------------------------------------------------------------------- tests

CI_KILLS = int(os.environ.get("NETJOURNAL_KILLS_PER_KIND", "4"))  # x 18 kinds = 72 kills
CI_SIZE = 300  # rows in each generated import file: long enough to be killed midway


@pytest.mark.parametrize("kind", KINDS, ids=[k.name.replace(" ", "-") for k in KINDS])
def test_kill_write(kind: Kind, tmp_path: Path) -> None:
    seed = int(os.environ.get("NETJOURNAL_CRASH_SEED", time.time_ns() % 100_000))
    tally = run_kind(kind, tmp_path, kills=CI_KILLS, size=CI_SIZE, seed=seed)
    print(
        f"\nKILL {kind.name}: {tally.kills} kills, integrity ok {tally.integrity_ok}, "
        f"full {tally.full}, absent {tally.absent}, between {tally.between}, "
        f"finished first {tally.finished}, rows lost {tally.rows_lost}, "
        f"decrypt copies in clear removed by the next command {tally.plain_copies} (seed {seed})"
    )
    assert not tally.failures, (seed, tally.failures)
    assert tally.kills >= max(1, CI_KILLS // 2), (seed, tally)
