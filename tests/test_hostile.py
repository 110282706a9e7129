"""Hostile input: every text parameter of every command, fed one hostile value at a time.

The table is built by walking the Typer app, so commands added later are covered
without touching this file: each command gets a minimal valid invocation (a
person that exists, an id that exists), and one STRING argument or option at a
time is replaced by each hostile value. Every run must either store the value
literally or refuse it with one ``Error:`` line (exit 1 or 2); none may crash,
print a traceback, style the terminal, let an escape sequence through, or damage
the database.

Options are passed as ``--opt=VALUE`` and arguments after ``--``, which is how a
script passes a value that starts with a dash.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from netjournal.cli import app

# ---------------------------------------------------------------------------
# The hostile values
# ---------------------------------------------------------------------------

HOSTILE: dict[str, str] = {
    "markup_bold": "[bold]Ann[/bold]",
    "markup_close": "[/]",
    "markup_style": "[blink reverse magenta on white]styled[/]",
    "markup_link": "[link=https://evil.example]click[/link]",
    "ansi_colour": "\x1b[31mred\x1b[0m",
    "ansi_cursor": "\x1b[2J\x1b[H\x1b[1Aup",
    "osc8_link": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "osc52_clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "bell": "ding\x07",
    "nul": "a\x00b",
    "backspace_del": "ab\x08\x08\x7fcd",
    "c1_csi": "x\x9b31my",
    "carriage_return": "safe\rEVIL",
    "newline": "two\nlines",
    "rtl_override": "abc\u202etxt.exe",
    "bidi_isolate": "x\u2066y\u2069z",
    "emoji_zwj": "👩\u200d💻 Đặng 🇮🇩",
    "combining": "Jose\u0301 Zoe\u0308",
    "huge_1mb": "x" * 1_000_000,
    "empty": "",
    "whitespace": " \t  ",
    "sql_drop": "Robert'); DROP TABLE people;--",
    "sql_or": "' OR 1=1 --",
    "dash_help": "--help",
    "dash_short": "-x",
    "dash_db": "--db=elsewhere.db",
    "format_string": "{name} %s %(x)s {0} {__class__}",
}

# The values a terminal shows differently from a pipe (styles, escapes, controls,
# direction): only these run a second time with styled output, which keeps the
# table within the suite's time budget; every value runs in a pipe.
ON_A_TERMINAL = {
    "markup_bold",
    "markup_close",
    "markup_style",
    "markup_link",
    "ansi_colour",
    "ansi_cursor",
    "osc8_link",
    "osc52_clipboard",
    "bell",
    "backspace_del",
    "c1_csi",
    "carriage_return",
    "newline",
    "rtl_override",
    "bidi_isolate",
}

# Our own styles use these SGR codes; user markup asking for blink, reverse,
# conceal, magenta or a white background must never produce them.
_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_FORBIDDEN_SGR = {"5", "6", "7", "8", "35", "47"}
# After removing SGR sequences: no C0/C1 control other than newline, no bidi overrides.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# ---------------------------------------------------------------------------
# Introspection of the app
# ---------------------------------------------------------------------------

# Every command the specification names; one that does not exist yet is skipped visibly.
SPEC_COMMANDS: list[tuple[str, ...]] = [
    ("met",),
    ("log",),
    ("person", "add"),
    ("person", "list"),
    ("person", "show"),
    ("person", "edit"),
    ("person", "rm"),
    ("person", "merge"),
    ("need", "add"),
    ("need", "list"),
    ("need", "done"),
    ("need", "drop"),
    ("offer", "add"),
    ("offer", "list"),
    ("offer", "done"),
    ("offer", "drop"),
    ("intro", "add"),
    ("intro", "list"),
    ("intro", "outcome"),
    ("followup", "add"),
    ("followup", "list"),
    ("followup", "done"),
    ("review",),
    ("due",),
    ("match",),
    ("search",),
    ("synonyms",),
    ("import",),
    ("export",),
    ("demo",),
    ("config",),
    ("db", "path"),
    ("db", "check"),
    ("db", "backup"),
    ("db", "migrate"),
    ("db", "reindex"),
]

IMPORT_DATA = Path(__file__).parent / "data" / "import"

# A minimal valid invocation: values for the required parameters (and a few flags).
MINIMAL: dict[tuple[str, ...], dict[str, str]] = {
    ("met",): {"name": "Cara Diaz"},
    ("log",): {"name": "Ann Lee", "rest": "called about the notary"},
    ("log", "edit"): {"contact": "1"},
    ("log", "rm"): {"contact": "1"},
    ("done",): {"ref": "person:1"},
    ("snooze",): {"ref": "person:1"},
    ("completion",): {"shell": "bash"},
    ("person", "add"): {"name": "Dan Evans"},
    ("person", "show"): {"name": "Ann Lee"},
    ("person", "edit"): {"name": "Ann Lee"},
    ("person", "rm"): {"name": "Bob Stone"},
    ("person", "merge"): {"keep": "Ann Lee", "duplicate": "Bob Stone"},
    ("need", "add"): {"name": "Ann Lee", "text": "a notary in Bali"},
    ("need", "done"): {"need": "1"},
    ("need", "drop"): {"need": "1"},
    ("offer", "add"): {"name": "Ann Lee", "text": "an introduction to my accountant"},
    ("offer", "done"): {"offer": "1"},
    ("offer", "drop"): {"offer": "1"},
    ("intro", "add"): {"name_a": "Ann Lee", "name_b": "Bob Stone"},
    ("intro", "outcome"): {"intro": "1", "text": "they met for coffee"},
    ("followup", "add"): {"name": "Ann Lee", "on": "2026-12-05"},
    ("followup", "done"): {"followup": "1"},
    ("synonyms", "rm"): {"group": "1"},
    ("import", "vcard"): {"file": str(IMPORT_DATA / "phone_export.vcf")},
    ("import", "csv"): {"file": str(IMPORT_DATA / "kontak_indonesia.csv")},
    ("import", "linkedin"): {"file": str(IMPORT_DATA / "Connections.csv")},
    # ("import", "json") gets an export of the seeded journal: see template().
}
FLAGS: dict[tuple[str, ...], list[str]] = {
    ("person", "rm"): ["--yes"],
    ("log", "rm"): ["--yes"],
}
# Values for required parameters of commands not listed above, by parameter name.
GENERIC: dict[str, str] = {
    "name": "Ann Lee",
    "person": "Ann Lee",
    "name_a": "Ann Lee",
    "name_b": "Bob Stone",
    "keep": "Ann Lee",
    "duplicate": "Bob Stone",
    "text": "a notary",
    "query": "notary",
    "need": "1",
    "need_id": "1",
    "offer": "1",
    "intro": "1",
    "followup": "1",
    "word": "notary",
    "term": "notary",
    "synonym": "lawyer",
    "words": "notary",
}
# Parameters whose value is a reference, a filter, a path or a switch, not stored text.
NOT_STORED = {
    "db",
    "target",
    "untag",
    "output",
    "file",
    "path",
    "as_of",
    "sort",
    "status",
    "format",
    "key",
    "query",
    "person",
    "kind",
    # Stored as "YYYY-MM-DD: value" (tests/test_edit_undo.py checks it literally).
    "add_note",
}


@dataclass(frozen=True)
class Param:
    name: str
    opt: str | None  # the long option, or None for an argument
    is_string: bool
    required: bool


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    params: tuple[Param, ...]

    @property
    def has_json(self) -> bool:
        return any(p.opt == "--json" for p in self.params)

    @property
    def writes(self) -> bool:
        return any(p.opt == "--quiet" for p in self.params)


def _param(p: Any) -> Param:
    opts = [o for o in getattr(p, "opts", []) if o.startswith("--")]
    is_argument = type(p).__name__.endswith("Argument")
    return Param(
        name=p.name,
        opt=None if is_argument else (opts[0] if opts else p.opts[0]),
        is_string=type(p.type).__name__ == "StringParamType" and not getattr(p, "is_flag", False),
        required=bool(p.required),
    )


def _walk(cmd: Any, path: tuple[str, ...], broken: dict[tuple[str, ...], str]) -> Iterator[Command]:
    default = getattr(cmd, "default_command", None)  # nj log NAME TEXT beside nj log list
    if default is not None:
        yield Command(path, tuple(_param(p) for p in default.params))
    if hasattr(cmd, "list_commands"):
        for name in cmd.list_commands(None):
            try:
                sub = cmd.get_command(None, name)
            except Exception as exc:  # a module being edited by someone else
                broken[(*path, name)] = f"{type(exc).__name__}: {exc}"
                continue
            if sub is not None:
                yield from _walk(sub, (*path, name), broken)
    else:
        yield Command(path, tuple(_param(p) for p in cmd.params))


BROKEN: dict[tuple[str, ...], str] = {}
COMMANDS: dict[tuple[str, ...], Command] = {
    c.path: c for c in _walk(typer.main.get_command(app), (), BROKEN)
}
# --db is the same option on every command: the `nj db` commands that rebuild,
# convert or migrate a whole file take it only through `db check` (the others
# would build a journal at each hostile path, for minutes, to test the same code).
_SLOW_DB_PATHS = {
    ("db", n) for n in ("rekey", "reindex", "decrypt", "encrypt", "migrate", "backup")
}
CASES = [
    (c, p)
    for c in COMMANDS.values()
    for p in c.params
    if p.is_string and not (p.name == "db" and c.path in _SLOW_DB_PATHS)
]
# Known failures reported to the owner of the module (kept visible as xfail).
KNOWN: dict[str, str] = {}
MISSING = [
    path
    for path in SPEC_COMMANDS
    if path not in COMMANDS and not any(k[: len(path)] == path for k in COMMANDS)
]


def _minimal(cmd: Command) -> dict[str, str] | str:
    """Values for the required parameters, or the reason we have none."""
    values = dict(MINIMAL.get(cmd.path, {}))
    for p in cmd.params:
        if p.required and p.name not in values:
            if p.name in GENERIC and p.is_string:
                values[p.name] = GENERIC[p.name]
            else:
                return f"no minimal value known for required parameter {p.name!r}"
    return values


def argv(
    cmd: Command,
    values: dict[str, str],
    db: Path,
    *,
    as_json: bool = False,
    extra: tuple[str, ...] = (),
) -> list[str]:
    options: list[str] = []
    positional: list[str] = []
    for p in cmd.params:
        if p.name in values:
            if p.opt is None:
                positional.append(values[p.name])
            else:
                options.append(f"{p.opt}={values[p.name]}")
    has_db = any(p.name == "db" for p in cmd.params)
    head = [f"--db={db}"] if has_db and "db" not in values else []
    return [
        *cmd.path,
        *head,
        *FLAGS.get(cmd.path, []),
        *(["--json"] if as_json else []),
        *extra,
        *options,
        "--",
        *positional,
    ]


# ---------------------------------------------------------------------------
# A seeded journal to copy for every run
# ---------------------------------------------------------------------------

ENV_PLAIN: dict[str, str | None] = {"FORCE_COLOR": None, "TTY_COMPATIBLE": None}
ENV_TERMINAL: dict[str, str | None] = {
    "FORCE_COLOR": "1",
    "NO_COLOR": None,
    "TERM": "xterm-256color",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("hostile-template") / "seed.db"
    runner = CliRunner()
    env = {"NETJOURNAL_TODAY": "2026-11-28", "NO_COLOR": "1"}
    seed: list[list[str]] = [
        [
            "met",
            "Ann Lee",
            "--at",
            "Mixer",
            "--needs",
            "a notary in Bali",
            "--can",
            "tax law",
            "--tag",
            "bali",
        ],
        ["met", "Bob Stone", "--can", "notary work in Bali", "--org", "Stone & Co"],
    ]
    optional: list[list[str]] = [
        ["offer", "add", "Ann Lee", "an introduction to my accountant"],
        ["intro", "add", "Ann Lee", "Bob Stone", "--need", "1"],
        ["followup", "add", "Ann Lee", "--on", "2026-12-05"],
    ]
    for args in seed:
        result = runner.invoke(app, [*args, "--db", str(db)], env=env)
        assert result.exit_code == 0, result.stderr
    for args in optional:
        if tuple(args[:2]) in COMMANDS:
            result = runner.invoke(app, [*args, "--db", str(db)], env=env)
            assert result.exit_code == 0, (args, result.stderr)
    if ("export", "json") in COMMANDS and ("import", "json") in COMMANDS:
        exported = db.parent / "export.json"
        result = runner.invoke(app, ["export", "json", "--db", str(db)], env=env)
        assert result.exit_code == 0, result.stderr
        exported.write_text(result.stdout, encoding="utf-8")
        MINIMAL[("import", "json")] = {"file": str(exported)}
    return db


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def invoke(args: list[str], env: dict[str, str | None]) -> Run:
    result = CliRunner().invoke(app, args, env=env)
    return Run(result.exit_code, result.stdout, result.stderr, result.exception)


# Commands that print a note before their error (reported; tolerated so that the
# rest of the checks still run on them).
NOTE_BEFORE_ERROR = {"import"}


def output_problems(run: Run, *, terminal: bool, command: tuple[str, ...] = ()) -> list[str]:
    problems = []
    for stream, text in (("stdout", run.stdout), ("stderr", run.stderr)):
        for params in _SGR.findall(text):
            if not terminal:
                problems.append(f"{stream} has a colour code in a pipe")
            bad = set(params.split(";")) & _FORBIDDEN_SGR
            if bad:
                problems.append(f"{stream} styled by user markup (SGR {sorted(bad)})")
        rest = _SGR.sub("", text)
        match = _UNSAFE.search(rest)
        if match:
            problems.append(f"{stream} lets {match.group()!r} through")
        if "Traceback" in text or "Internal error" in text:
            problems.append(f"{stream} shows a crash: {text[:300]!r}")
    if run.exit_code not in (0, 1, 2):
        problems.append(f"exit code {run.exit_code}")
    if run.exception is not None and not isinstance(run.exception, SystemExit):
        problems.append(f"exception {run.exception!r}")
    if run.exit_code != 0:
        lines = _SGR.sub("", run.stderr).strip().splitlines()
        if command and command[0] in NOTE_BEFORE_ERROR and lines:
            lines = (
                [line for line in lines if line.startswith("Error:")]
                if lines[-1].startswith("Error:")
                else lines
            )
        if len(lines) != 1 or not lines[0].startswith("Error:"):
            problems.append(f"error is not one 'Error:' line: {run.stderr[:300]!r}")
    if len(run.stderr) > 2000:
        problems.append(f"stderr is {len(run.stderr)} characters long")
    return problems


def db_problems(db: Path) -> list[str]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return ["database fails quick_check"]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = {"people", "needs", "offers", "interactions"} - tables
        return [f"tables vanished: {missing}"] if missing else []
    finally:
        conn.close()


def stored_texts(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        texts: set[str] = set()
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            try:
                rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            except sqlite3.Error:
                continue  # FTS shadow or virtual tables we cannot read directly
            for row in rows:
                texts.update(v for v in row if isinstance(v, str))
        return texts
    finally:
        conn.close()


def normal_forms(value: str) -> set[str]:
    """The documented normalisations: trimmed, whitespace runs collapsed (one-line), tags."""
    forms = {value, value.strip(), " ".join(value.split()), value.replace("\r\n", "\n").strip()}
    forms.add(" ".join(value.split()).lstrip("#").casefold())
    return {f for f in forms if f}


TRIED = {"runs": 0}


def _id(case: tuple[Command, Param]) -> str:
    cmd, p = case
    return "-".join(cmd.path) + ":" + (p.opt or p.name)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN[_id(c)], strict=False))
        if _id(c) in KNOWN
        else c
        for c in CASES
    ],
    ids=[_id(c) for c in CASES],
)
def test_hostile_value_in_every_text_parameter(
    case: tuple[Command, Param], template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cmd, param = case
    base = _minimal(cmd)
    if isinstance(base, str):
        pytest.skip(f"nj {' '.join(cmd.path)}: {base}")
    failures: list[str] = []
    for n, (label, value) in enumerate(HOSTILE.items()):
        if param.name == "db" and label == "huge_1mb":
            value = "x" * 5000  # a path that long fails in the OS either way
        values = {**base, param.name: value}
        modes = [("plain", ENV_PLAIN)]
        if label in ON_A_TERMINAL:
            modes.append(("terminal", ENV_TERMINAL))
        for mode, env in modes:
            problems = []
            for as_json in (False, True) if cmd.has_json and mode == "plain" else (False,):
                # A fresh folder and journal for every run: paths given as hostile
                # values land in the folder, and no run sees another's writes.
                where = tmp_path / f"{n}-{mode}-{as_json}"
                where.mkdir()
                monkeypatch.chdir(where)
                db = where / "journal.db"
                shutil.copyfile(template, db)
                run = invoke(argv(cmd, values, db, as_json=as_json), env)
                TRIED["runs"] += 1
                problems += output_problems(
                    run, terminal=mode == "terminal", command=cmd.path
                ) + db_problems(db)
                if run.exit_code != 0:
                    break
                if as_json:
                    try:
                        json.loads(run.stdout)
                    except ValueError:
                        problems.append(f"--json is not one JSON document: {run.stdout[:200]!r}")
                elif (
                    cmd.writes
                    and param.name not in NOT_STORED
                    and value.strip()
                    and not normal_forms(value) & stored_texts(db)
                ):
                    problems.append("accepted but not stored literally")
            failures += [f"{label} ({mode}): {p}" for p in problems]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "path", MISSING or [()], ids=[" ".join(p) or "none" for p in MISSING] or ["none"]
)
def test_spec_commands_exist(path: tuple[str, ...]) -> None:
    """Commands the spec names but nobody has built yet show up as skips, not silence."""
    if path:
        pytest.skip(f"nj {' '.join(path)} does not exist yet")


@pytest.mark.parametrize(
    "path", sorted(BROKEN) or [()], ids=[" ".join(p) for p in sorted(BROKEN)] or ["none"]
)
def test_every_command_module_loads(path: tuple[str, ...]) -> None:
    assert not path, f"nj {' '.join(path)} failed to load: {BROKEN.get(path)}"


def test_the_table_covers_the_core_commands() -> None:
    covered = {c.path for c, _p in CASES}
    assert {("met",), ("log",), ("person", "add"), ("person", "edit")} <= covered
    assert len(CASES) >= 20


# ---------------------------------------------------------------------------
# Values already in the file: another tool may have written anything
# ---------------------------------------------------------------------------

RAW = "\x1b[5;7;35;47mX\x1b[0m\x1b]8;;https://evil.example\x1b\\L\x1b]8;;\x1b\\\x07\x9b2J\u202e[blink]Y[/]"


def _poison(db: Path) -> None:
    """Write escape codes and markup straight into every text column, bypassing validation."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        for table in tables:
            cols = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            for col in cols:
                name, decl = col[1], (col[2] or "").upper()
                if (
                    "TEXT" not in decl
                    or name.endswith(("_on", "_key", "_at_date"))
                    or name in ("on_date", "kind", "status", "direction", "every")
                ):
                    continue
                try:
                    conn.execute(f'UPDATE "{table}" SET "{name}" = ? || "{name}"', (RAW,))
                except sqlite3.Error:
                    continue  # a CHECK constraint: that column cannot hold it anyway
        conn.commit()
    finally:
        conn.close()


# Commands that only read (demo builds its own journal; db commands have their own tests).
READ_COMMANDS = [
    c for c in COMMANDS.values() if not c.writes and c.path[0] not in ("db", "demo", "import")
]
# Exports write stored text verbatim to a pipe (that is their job): this test runs
# them without a real terminal. On one they show control characters as \x1b
# (tests/test_export_terminal.py, through a pseudo-terminal).
_EXPORT_XFAIL = pytest.mark.xfail(
    reason="exports keep stored bytes in a pipe; see test_export_terminal.py", strict=False
)


@pytest.mark.parametrize(
    "cmd",
    [pytest.param(c, marks=_EXPORT_XFAIL) if c.path[0] == "export" else c for c in READ_COMMANDS],
    ids=["-".join(c.path) for c in READ_COMMANDS],
)
def test_escape_codes_already_in_the_file_never_reach_the_terminal(
    cmd: Command, template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = _minimal(cmd)
    if isinstance(base, str):
        pytest.skip(f"nj {' '.join(cmd.path)}: {base}")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "poisoned.db"
    shutil.copyfile(template, db)
    _poison(db)
    # Names now start with the raw codes: refer to people by id.
    values = {
        k: ("#1" if v == "Ann Lee" else "#2" if v == "Bob Stone" else v) for k, v in base.items()
    }
    for mode, env in (("plain", ENV_PLAIN), ("terminal", ENV_TERMINAL)):
        extras: list[tuple[str, ...]] = [()]
        if any(p.opt == "--all" for p in cmd.params):
            extras.append(("--all",))
        for extra in extras:
            run = invoke(argv(cmd, values, db, extra=extra), env)
            problems = output_problems(run, terminal=mode == "terminal")
            assert not problems, (mode, extra, problems, run.stdout[:500])
            assert run.exit_code == 0, run.stderr


# ---------------------------------------------------------------------------
# What a real shell passes: bytes that are not UTF-8, and dashes without "--"
# ---------------------------------------------------------------------------

NJ = shutil.which("nj")


@pytest.mark.skipif(NJ is None, reason="the nj console script is not installed")
@pytest.mark.parametrize(
    "args",
    [
        [b"met", b"\xff\xfeAnn"],
        [b"met", b"Ann", b"--note", b"caf\xe9"],
        [b"person", b"show", b"\xc3"],
        [b"log", b"\xffx", b"hello"],
    ],
)
def test_bytes_that_are_not_utf8_are_refused_clearly(args: list[bytes], tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    env = {**os.environ, "NETJOURNAL_DB": str(db), "NETJOURNAL_TODAY": "2026-11-28"}
    result = subprocess.run(
        [(NJ or "nj").encode(), *args], capture_output=True, env=env, timeout=60
    )
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, err
    assert err.startswith("Error:") and len(err.strip().splitlines()) == 1, err
    assert "Internal error" not in err
    if db.exists():
        assert sqlite3.connect(db).execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_a_leading_dash_without_double_dash_is_a_usage_error(
    template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "j.db"
    shutil.copyfile(template, db)
    before = stored_texts(db)
    run = invoke(["log", "--db", str(db), "Ann Lee", "-x"], ENV_PLAIN)
    assert run.exit_code == 2
    assert run.stderr.startswith("Error:") and len(run.stderr.strip().splitlines()) == 1
    assert stored_texts(db) == before
    ok = invoke(["log", "--db", str(db), "--", "Ann Lee", "-x"], ENV_PLAIN)
    assert ok.exit_code == 0, ok.stderr
    assert "-x" in stored_texts(db)


def test_sql_in_a_name_is_just_a_name(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    shutil.copyfile(template, db)
    name = "Robert'); DROP TABLE people;--"
    run = invoke(["met", f"--db={db}", "--json", "--", name], ENV_PLAIN)
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["name"] == name
    shown = invoke(["person", "show", f"--db={db}", "--json", "--", name], ENV_PLAIN)
    assert json.loads(shown.stdout)["name"] == name
    assert sqlite3.connect(db).execute("SELECT count(*) FROM people").fetchone()[0] == 3


def test_markup_in_a_name_prints_literally(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    shutil.copyfile(template, db)
    for mode, env in (("plain", ENV_PLAIN), ("terminal", ENV_TERMINAL)):
        name = f"[bold]Eve[/] {mode}"
        run = invoke(["met", f"--db={db}", "--", name], env)
        assert run.exit_code == 0, run.stderr
        assert name in _SGR.sub("", run.stdout), run.stdout
        shown = invoke(["person", "show", f"--db={db}", "--", name], env)
        assert name in _SGR.sub("", shown.stdout), shown.stdout
        listed = invoke(["person", "list", f"--db={db}"], env)
        assert "[bold]Eve[/]" in _SGR.sub("", listed.stdout), listed.stdout


def test_rtl_override_is_stored_but_not_displayed(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    shutil.copyfile(template, db)
    note = "invoice\u202etxt.exe"
    run = invoke(["log", f"--db={db}", "--json", "--", "Ann Lee", note], ENV_PLAIN)
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["note"] == note  # --json: the stored value, exactly
    shown = invoke(["person", "show", f"--db={db}", "--", "Ann Lee"], ENV_TERMINAL)
    assert "invoicetxt.exe" in _SGR.sub("", shown.stdout)
    assert "\u202e" not in shown.stdout


def test_report_how_many_hostile_runs_were_tried() -> None:
    """Printed for docs/reliability.md (run with -s to see it)."""
    print(
        f"\nHOSTILE: {len(HOSTILE)} values x {len(CASES)} parameters of {len(COMMANDS)} "
        f"commands; {TRIED['runs']} runs so far in this session"
    )
