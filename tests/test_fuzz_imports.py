"""Fuzz every importer with mutated real files (hypothesis).

The seeds are the real-shaped files of ``tests/data/import`` (and a real
``nj export json``); a mutation truncates them, flips bytes, mixes encodings
(a UTF-16 half and a UTF-8 half, Windows-1252 and UTF-8), inserts 1 MB fields,
NUL bytes, unbalanced quotes, folds vCard lines to a few characters each, nests
BEGIN:VCARD thousands deep or drops an END:VCARD, and gives JSON values the
wrong type. ``nj import FORMAT FILE`` then runs in-process on a copy of a small
journal, and must:

* never crash: exit 0, 1 or 2, no traceback;
* on failure, print exactly one ``Error:`` line, the last one on stderr (notes
  such as "Read ... as UTF-8" may come before it), and leave every table of the
  journal exactly as it was (a digest of all tables);
* on success, have added exactly the people it says it added;
* with ``--skip-bad`` (vCard, CSV, LinkedIn; ``nj import json`` has no such
  option): the same rules, the same result as without it when the file is
  good, and, when the file had a bad record, either a whole-file error or an
  import that lists at least one skipped record.

The mutators take a ``random.Random`` so that ``benchmarks/reliability_run.py
--fuzz N`` runs the same checks on thousands of cases without hypothesis.
"""

from __future__ import annotations

import functools
import hashlib
import json
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netjournal.cli import app  # type: ignore[import-untyped,unused-ignore]

TODAY = "2026-11-28"
IMPORTS = Path(__file__).resolve().parent / "data" / "import"
SEEDS = {
    # the good file most often: mutations of a file that is already refused whole
    # (truncated, UTF-16 without a byte-order mark) reach less of the importer
    "vcard": [*["phone_export.vcf"] * 4, "phone_export_truncated.vcf", "phone_export_utf16.vcf"],
    "csv": [*["kontak_indonesia.csv"] * 3, "kontak_cp1252.csv", "kontak_truncated.csv"],
    "linkedin": [*["Connections.csv"] * 4, "Connections_truncated.csv", "Connections_utf16.csv"],
    "json": [],  # a real export, made by the CLI (``json_seed``)
}
SKIP_BAD = {"vcard", "csv", "linkedin"}
#: Bugs found by this fuzzer (none open now; the tests at the end pin the fixed ones); a
#: failure with one of these signatures is counted as "known", not as new.
KNOWN_BUGS: dict[str, str] = {}
MB = 1_000_000
ENV = {"NETJOURNAL_TODAY": TODAY, "NO_COLOR": "1", "NETJOURNAL_LANG": "en"}

# ------------------------------------------------------------------- mutators


def truncate(data: bytes, rng: random.Random, fmt: str) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def flip_bytes(data: bytes, rng: random.Random, fmt: str) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.choice((1, 2, 5, 20))):
        if buf:
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def random_bytes(data: bytes, rng: random.Random, fmt: str) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.choice((1, 3, 50))) + data[at:]


def mix_encodings(data: bytes, rng: random.Random, fmt: str) -> bytes:
    text = data.decode("utf-8", errors="replace")
    at = rng.randrange(len(text) + 1)
    first = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-8-sig"))
    second = rng.choice(("utf-8", "utf-16-le", "cp1252"))
    head = text[:at].encode(first, errors="replace")
    return head + text[at:].encode(second, errors="replace")


def huge_field(data: bytes, rng: random.Random, fmt: str) -> bytes:
    """A 1 MB field: in a name, a note or a cell (or anywhere)."""
    blob = (rng.choice(("x", "é", "山", "a b ", "\t")) * MB)[:MB].encode()
    markers = {
        "vcard": (b"FN:", b"NOTE:", b"ORG:", b"EMAIL:"),
        "csv": (b";", b","),
        "linkedin": (b",",),
        "json": (b'"name": "', b'"notes": ', b'"text": "'),
    }[fmt]
    marker = rng.choice(markers)
    spots = [i for i in range(len(data)) if data.startswith(marker, i)]
    at = rng.choice(spots) + len(marker) if spots else rng.randrange(len(data) + 1)
    return data[:at] + blob + data[at:]


def nul_bytes(data: bytes, rng: random.Random, fmt: str) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.choice((1, 3))):
        buf.insert(rng.randrange(len(buf) + 1), 0)
    return bytes(buf)


def unbalanced_quote(data: bytes, rng: random.Random, fmt: str) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice((b'"', b'"""', b'"\n', b'\n"')) + data[at:]


def shuffle_lines(data: bytes, rng: random.Random, fmt: str) -> bytes:
    lines = data.split(b"\n")
    op = rng.choice(("drop", "dup", "swap"))
    i = rng.randrange(len(lines))
    if op == "drop":
        del lines[i]
    elif op == "dup":
        lines.insert(i, lines[i])
    else:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def fold_lines(data: bytes, rng: random.Random, fmt: str) -> bytes:
    """Fold every line (vCard folding: CRLF + space) into chunks of 1-3 characters."""
    width = rng.choice((1, 2, 3))
    out = []
    for line in data.decode("utf-8", errors="replace").splitlines():
        chunks = [line[i : i + width] for i in range(0, len(line), width)] or [""]
        out.append("\r\n ".join(chunks))
    return "\r\n".join(out).encode()


def deep_nesting(data: bytes, rng: random.Random, fmt: str) -> bytes:
    depth = rng.choice((2, 50, 5_000))
    nested = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nested\r\n" * depth
    if rng.random() < 0.5:
        nested += b"END:VCARD\r\n" * depth
    agent = b"AGENT:BEGIN:VCARD\\nFN:Agent\\n" * rng.choice((1, 100)) + b"END:VCARD\r\n"
    at = data.find(b"END:VCARD")
    at = at if at >= 0 else rng.randrange(len(data) + 1)
    return data[:at] + rng.choice((nested, agent)) + data[at:]


def drop_end(data: bytes, rng: random.Random, fmt: str) -> bytes:
    spots = [i for i in range(len(data)) if data.startswith(b"END:VCARD", i)]
    if not spots:
        return data + b"BEGIN:VCARD\r\nFN:Never Ends\r\n"
    at = rng.choice(spots)
    return data[:at] + data[at + len(b"END:VCARD") :]


WRONG_VALUES: list[Any] = [None, 0, -1, 10**30, 1.5, True, "", "x", "2026-13-45", [], {}, [1]]


def json_wrong_types(data: bytes, rng: random.Random, fmt: str) -> bytes:
    try:
        doc = json.loads(data)
    except ValueError:
        return data
    slots: list[tuple[Any, Any]] = [(None, None)]

    def walk(node: Any) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            slots.append((node, key))
            if isinstance(value, (dict, list)):
                walk(value)

    walk(doc)
    for _ in range(rng.choice((1, 2, 5))):
        parent, key = rng.choice(slots)
        value = rng.choice(WRONG_VALUES)
        if parent is None:
            doc = value
            break
        if isinstance(parent, dict) and rng.random() < 0.2:
            parent.pop(key, None)
        else:
            parent[key] = value
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode()


Mutator = Callable[[bytes, random.Random, str], bytes]
COMMON: list[Mutator] = [
    truncate,
    flip_bytes,
    random_bytes,
    mix_encodings,
    huge_field,
    nul_bytes,
    shuffle_lines,
]
MUTATORS: dict[str, list[Mutator]] = {
    "vcard": [*COMMON, fold_lines, deep_nesting, drop_end, unbalanced_quote],
    "csv": [*COMMON, unbalanced_quote],
    "linkedin": [*COMMON, unbalanced_quote],
    "json": [*COMMON, json_wrong_types, json_wrong_types, json_wrong_types],
}


def mutate(fmt: str, rng: random.Random) -> tuple[bytes, list[str]]:
    """A seed file of ``fmt`` with one to three mutations; and their names."""
    seeds = SEEDS[fmt] or ["export.json"]
    name = rng.choice(seeds)
    data = json_seed() if fmt == "json" else (IMPORTS / name).read_bytes()
    steps = [name]
    for _ in range(rng.choice((1, 1, 2, 3))):
        mutator = rng.choice(MUTATORS[fmt])
        data = mutator(data, rng, fmt) if data else data
        steps.append(mutator.__name__)
    return data, steps


# ------------------------------------------------------------- the journals


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env=ENV)


@functools.cache
def _workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="nj-fuzz-"))


@functools.cache
def template() -> Path:
    """A small journal (people that the seed files also hold, so imports merge)."""
    db = _workdir() / "template.db"
    for args in (
        ["met", "Budi Santoso", "--email", "budi@majujaya.co.id", "--needs", "a notary"],
        ["met", "Siti Rahayu", "--can", "akta pendirian PT", "--tag", "notaris"],
        ["followup", "add", "Budi Santoso", "--on", "2026-12-01"],
    ):
        result = invoke(*args, "--db", str(db))
        assert result.exit_code == 0, result.stderr
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


@functools.cache
def json_seed() -> bytes:
    """A real ``nj export json`` of a journal with every kind of record."""
    db = _workdir() / "seed.db"
    out = _workdir() / "export.json"
    for args in (
        ["import", "vcard", str(IMPORTS / "phone_export.vcf")],
        ["met", "Ann Lee", "--needs", "a notary in Bali", "--can", "tax advice", "--at", "Fair"],
        ["offer", "add", "Ann Lee", "a list of notaries", "--due", "2w"],
        ["intro", "add", "Ann Lee", "Siti Rahayu", "--need", "1"],
        ["followup", "add", "Ann Lee", "--on", "2026-12-05", "--note", "call"],
        ["log", "Ann Lee", "coffee", "--kind", "meeting"],
        ["export", "json", "--output", str(out)],
    ):
        result = invoke(*args, "--db", str(db))
        assert result.exit_code == 0, (args, result.stderr)
    return out.read_bytes()


def table_digest(db: Path) -> str:
    """A digest of every row of every table (data, search index, migrations)."""
    conn = sqlite3.connect(db)
    try:
        h = hashlib.sha256()
        names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for (table,) in names.fetchall():
            h.update(table.encode())
            for row in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"')):
                h.update(row.encode())
        return h.hexdigest()
    finally:
        conn.close()


def people(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM people").fetchone()[0])
    finally:
        conn.close()


# ---------------------------------------------------------------- the checks


@dataclass
class FuzzTally:
    cases: int = 0
    imported: int = 0
    refused: int = 0  # exit 1 or 2 with one Error: line, journal unchanged
    skip_bad_imported: int = 0
    skip_bad_refused: int = 0
    skip_bad_skipped_rows: int = 0
    known: int = 0  # failures with a signature of KNOWN_BUGS
    failures: list[str] = field(default_factory=list)


def run_import(fmt: str, path: Path, db: Path, *extra: str) -> tuple[Any, list[str]]:
    """``nj import FMT FILE --json`` on a fresh copy of the template; (result, problems)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template(), db)
    before, count0 = table_digest(db), people(db)
    result = invoke("import", fmt, str(path), *extra, "--json", "--db", str(db))
    problems: list[str] = []
    out, err = result.stdout, result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problems.append(f"crashed: {type(result.exception).__name__}: {result.exception}"[:500])
    if "Traceback" in out + err or "Internal error" in err:
        problems.append("a traceback or 'Internal error': " + err[-500:])
    if result.exit_code not in (0, 1, 2):
        problems.append(f"exit {result.exit_code}")
    if result.exit_code == 0:
        try:
            report = json.loads(out)
        except ValueError:
            problems.append(f"--json did not print one JSON document: {out[:200]!r}")
        else:
            added = people(db) - count0
            if report.get("added") != added:
                problems.append(f"says {report.get('added')} added, but {added} people were")
            result.report = report
    elif result.exit_code in (1, 2):
        lines = [line for line in err.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("Error:")]
        if len(errors) != 1 or not lines[-1].startswith("Error:"):
            problems.append(f"not exactly one final Error: line: {err[-500:]!r}")
        elif len(errors[0]) > 2_000:
            problems.append(f"an Error: line of {len(errors[0])} characters")
        if table_digest(db) != before:
            problems.append("failed, but the journal changed")
    return result, problems


def check_case(fmt: str, data: bytes, work: Path, tally: FuzzTally, steps: list[str]) -> None:
    tally.cases += 1
    path = work / f"fuzzed.{'vcf' if fmt == 'vcard' else fmt if fmt == 'json' else 'csv'}"
    path.write_bytes(data)
    result, problems = run_import(fmt, path, work / "journal.db")
    if result.exit_code == 0:
        tally.imported += 1
    else:
        tally.refused += 1
    if fmt in SKIP_BAD:
        skip, skip_problems = run_import(fmt, path, work / "journal.db", "--skip-bad")
        problems += [f"--skip-bad {p}" for p in skip_problems]
        if skip.exit_code == 0 and not skip_problems:
            tally.skip_bad_imported += 1
            report = skip.report
            tally.skip_bad_skipped_rows += len(report["errors"])
            strict = getattr(result, "report", None)
            if strict is not None:
                same = ("added", "merged", "unchanged", "skipped")
                if any(report[k] != strict[k] for k in same) or report["errors"]:
                    problems.append(f"--skip-bad differs on a good file: {report} vs {strict}")
            elif result.exit_code == 1 and not report["errors"]:
                problems.append("a file refused as bad imports with --skip-bad, skipping nothing")
        elif skip.exit_code != 0:
            tally.skip_bad_refused += 1
    if problems:
        text = f"{fmt} {' + '.join(steps)}: " + "; ".join(problems)
        if any(sig in text for sig in KNOWN_BUGS) and "journal changed" not in text:
            tally.known += 1
        else:
            tally.failures.append(text)


# ------------------------------------------------------------------ the tests

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


@pytest.mark.parametrize("fmt", ["vcard", "csv", "linkedin", "json"])
@FUZZ
@given(rng=st.randoms(use_true_random=False))
def test_fuzzed_import(fmt: str, rng: random.Random) -> None:
    data, steps = mutate(fmt, rng)
    tally = FuzzTally()
    with tempfile.TemporaryDirectory(prefix="nj-fuzz-case-") as work:
        check_case(fmt, data, Path(work), tally, steps)
    assert not tally.failures, tally.failures


def test_json_import_has_no_skip_bad() -> None:
    """Recorded fact: ``--skip-bad`` exists for vCard, CSV and LinkedIn only."""
    for fmt in ("vcard", "csv", "linkedin"):
        assert "--skip-bad" in invoke("import", fmt, "--help").stdout
    assert "--skip-bad" not in invoke("import", "json", "--help").stdout


# ------------------------------------------------- bugs found (not fixed here)


def _json_doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "netjournal",
        "schema_version": 2,
        "exported_on": TODAY,
        "people": [{"id": 1, "name": "Ann Lee", "tags": ["vip"], "capabilities": []}],
        "interactions": [],
        "needs": [],
        "offers": [],
        "introductions": [],
        "followups": [],
        "synonyms": [],
    }
    doc.update(changes)
    return doc


def _import_doc(doc: dict[str, Any], tmp_path: Path) -> tuple[Any, list[str]]:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return run_import("json", path, tmp_path / "journal.db")


@pytest.mark.parametrize("tags", [5, -1, 1.5, True])
def test_json_tags_of_wrong_type_is_a_clear_error(tags: Any, tmp_path: Path) -> None:
    doc = _json_doc(people=[{"id": 1, "name": "Ann Lee", "tags": tags}])
    _result, problems = _import_doc(doc, tmp_path)
    assert problems == [], problems


def test_json_tags_as_a_string_is_not_split_into_letters(tmp_path: Path) -> None:
    doc = _json_doc(people=[{"id": 1, "name": "Ann Lee", "tags": "vip"}])
    result, problems = _import_doc(doc, tmp_path)
    assert problems == [], problems
    if result.exit_code == 0:
        shown = invoke("person", "show", "Ann Lee", "--json", "--db", str(tmp_path / "journal.db"))
        assert json.loads(shown.stdout)["tags"] in (["vip"], []), shown.stdout


def test_json_huge_integer_is_a_clear_error(tmp_path: Path) -> None:
    record = {"id": 1, "person": 1, "on_date": "2026-11-01", "kind": "met", "event": 10**30}
    doc = _json_doc(interactions=[record])
    _result, problems = _import_doc(doc, tmp_path)
    assert problems == [], problems
