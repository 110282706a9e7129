"""Bahasa Indonesia: every message translated, placeholders kept, the .mo current,
the language chosen by the documented rule, and the CLI speaking it."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from netjournal import i18n
from netjournal.cli import app

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "netjournal" / "locale"
PO = LOCALE / "id" / "LC_MESSAGES" / "netjournal.po"
MO = PO.with_suffix(".mo")


def _clean_env() -> dict[str, str]:
    """os.environ (the test's: isolated config folder) in the C locale, no language set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NETJOURNAL_LANG", "LC_"))}
    env["LANG"] = "C.UTF-8"
    return env


def _script() -> ModuleType:
    """scripts/i18n.py: its AST walk needs no Babel (only writing catalogues does)."""
    spec = importlib.util.spec_from_file_location("nj_i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# --- a small .po reader (the standard library has none) ---------------------


def _unquote(line: str) -> str:
    value = ast.literal_eval(line)
    assert isinstance(value, str)
    return value


def read_po(path: Path) -> dict[str, dict[str, object]]:
    """msgid -> {"plural": str|None, "strings": [msgstr...], "fuzzy": bool}."""
    entries: dict[str, dict[str, object]] = {}
    fields: dict[str, str] = {}
    fuzzy = False
    current: str | None = None

    def flush() -> None:
        nonlocal fields, fuzzy
        if "msgid" in fields:
            strings = [fields[k] for k in sorted(fields) if k.startswith("msgstr")]
            entries[fields["msgid"]] = {
                "plural": fields.get("msgid_plural"),
                "strings": strings,
                "fuzzy": fuzzy,
            }
        fields, fuzzy = {}, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if not line or line.startswith("#"):
            if not line and "msgid" in fields:
                flush()
            continue
        if line.startswith('"'):
            assert current is not None
            fields[current] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid" and "msgid" in fields:
            flush()
        current = keyword
        fields[keyword] = _unquote(rest)
    flush()
    return entries


@pytest.fixture(scope="module")
def po() -> dict[str, dict[str, object]]:
    return read_po(PO)


@pytest.fixture(scope="module")
def source_messages() -> dict[tuple[str, str | None], object]:
    messages, problems = _script().extract()
    assert problems == [], problems
    return dict(messages)


# --- the catalogue ----------------------------------------------------------


def test_every_message_has_an_indonesian_translation(
    source_messages: dict[tuple[str, str | None], object], po: dict[str, dict[str, object]]
) -> None:
    missing = []
    for msgid, _plural in source_messages:
        entry = po.get(msgid)
        strings = entry["strings"] if entry else []
        assert isinstance(strings, list)
        if entry is None or entry["fuzzy"] or not strings or not all(strings):
            missing.append(msgid)
    assert missing == [], (
        f"{len(missing)} messages have no Indonesian translation; run "
        f"'python scripts/i18n.py update' and translate them in {PO.relative_to(ROOT)}: {missing}"
    )


def test_the_extraction_finds_what_users_see(
    source_messages: dict[tuple[str, str | None], object],
) -> None:
    ids = {msgid for msgid, _ in source_messages}
    assert "No person named '{name}'" in ids  # _() in the core
    assert "Print one JSON document." in ids  # a Typer help= literal
    assert "List people." in ids  # a command's docstring
    assert "Options" in ids  # N_() for Typer's own panel titles


BRACES = re.compile(r"\{[^{}]*\}")
PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXoeEgGc%]")
MARKUP = re.compile(
    r"\[/?(?:bold|dim|italic|underline|red|green|yellow|blue|cyan|magenta|link)\b[^\]]*\]"
)


def test_placeholders_agree(po: dict[str, dict[str, object]]) -> None:
    wrong = []
    for msgid, entry in po.items():
        strings = entry["strings"]
        assert isinstance(strings, list)
        for msgstr in strings:
            if not msgstr:
                continue
            for pattern in (BRACES, PERCENT, MARKUP):
                if sorted(pattern.findall(msgid)) != sorted(pattern.findall(msgstr)):
                    wrong.append((msgid, msgstr))
            # Messages glued to others keep their leading and trailing spaces.
            if msgid.startswith(" ") != msgstr.startswith(" "):
                wrong.append((msgid, msgstr))
            if msgid.endswith(" ") != msgstr.endswith(" "):
                wrong.append((msgid, msgstr))
    assert wrong == []


def test_translations_are_formattable(po: dict[str, dict[str, object]]) -> None:
    """str.format with the English names works on every translation."""
    for msgid, entry in po.items():
        names = {m.strip("{}").split(":")[0].split("!")[0] for m in BRACES.findall(msgid)}
        if not names or "" in names:
            continue
        values = {name: 1 for name in names}
        strings = entry["strings"]
        assert isinstance(strings, list)
        for msgstr in strings:
            msgid.format(**values)
            msgstr.format(**values)


def test_translations_fit_like_the_english(po: dict[str, dict[str, object]]) -> None:
    """Short strings stay short: a column heading or label may not balloon."""
    too_long = []
    for msgid, entry in po.items():
        strings = entry["strings"]
        assert isinstance(strings, list)
        for msgstr in strings:
            if msgid and "\n" not in msgid and len(msgstr) > max(2 * len(msgid), len(msgid) + 30):
                too_long.append((msgid, msgstr))
    assert too_long == []


def test_the_compiled_catalogue_matches_the_po(po: dict[str, dict[str, object]]) -> None:
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    catalog = dict(compiled._catalog)  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for msgid, entry in po.items():
        strings = entry["strings"]
        assert isinstance(strings, list)
        if not msgid or entry["fuzzy"] or not all(strings):
            continue
        if entry["plural"]:
            for i, msgstr in enumerate(strings):
                expected[(msgid, i)] = msgstr
        else:
            expected[msgid] = strings[0]
    compiled_messages = {k: v for k, v in catalog.items() if k != ""}
    assert compiled_messages == expected, "the .mo is stale: run 'python scripts/i18n.py compile'"
    assert compiled.info().get("plural-forms", "").startswith("nplurals=1")


def test_the_glossary_is_kept(po: dict[str, dict[str, object]]) -> None:
    def msgstr(msgid: str) -> str:
        strings = po[msgid]["strings"]
        assert isinstance(strings, list)
        return str(strings[0])

    assert "tindak lanjut" in msgstr("Follow-ups").lower()
    assert "tanya kabar" in msgstr("Check-ins").lower()
    assert "tanya-tanya ke kenalan" in msgstr("Ask around").lower()
    assert msgstr("Keep in touch") == "Jaga hubungan"
    assert "Tinjauan mingguan" in msgstr("Weekly review, {date}")
    assert "Memberi/menerima" in msgstr("Give/take this week: {g} given, {r} received ({net})")
    # Polite address: "Anda", never "kamu"/"kau".
    every = " ".join(str(s) for e in po.values() for s in e["strings"])  # type: ignore[attr-defined]
    assert not re.search(r"\b(kamu|kau|lu|lo)\b", every, re.IGNORECASE)


# --- choosing the language ----------------------------------------------------


@pytest.mark.parametrize(
    ("env", "configured", "expected"),
    [
        ({}, None, "en"),
        ({"NETJOURNAL_LANG": "id"}, None, "id"),
        ({"NETJOURNAL_LANG": "en", "LANG": "id_ID.UTF-8"}, "id", "en"),
        ({"NETJOURNAL_LANG": "fr"}, "id", "en"),
        ({}, "id", "id"),
        ({"LANG": "id_ID.UTF-8"}, "en", "en"),
        ({}, "auto", "en"),
        ({"LANG": "id_ID.UTF-8"}, "auto", "id"),
        ({"LANG": "id_ID.UTF-8"}, None, "id"),
        ({"LANG": "in_ID"}, None, "id"),
        ({"LC_MESSAGES": "id_ID@euro", "LANG": "en_US.UTF-8"}, None, "id"),
        ({"LC_ALL": "C", "LANG": "id_ID.UTF-8"}, None, "en"),
        ({"LC_ALL": "", "LANG": "id"}, None, "id"),
        ({"LANG": "de_DE.UTF-8"}, None, "en"),
        ({"NETJOURNAL_LANG": " ID "}, None, "id"),
    ],
)
def test_choose_language(env: dict[str, str], configured: str | None, expected: str) -> None:
    assert i18n.choose_language(env, configured) == expected


@pytest.fixture
def lang_reset() -> Iterator[None]:
    """Let the next _() choose again, and leave English behind for other tests."""
    i18n.set_language(None)
    yield
    i18n.set_language("en")


def test_set_language_and_plurals(lang_reset: None) -> None:
    assert i18n.set_language("id") == "id"
    assert i18n._("No person named '{name}'") == "Tidak ada orang bernama '{name}'"
    assert i18n.ngettext("{n} person", "{n} people", 2) == "{n} orang"  # one form
    assert i18n.set_language("en") == "en"
    assert i18n._("No person named '{name}'") == "No person named '{name}'"
    assert i18n.ngettext("{n} person", "{n} people", 1) == "{n} person"
    assert i18n.ngettext("{n} person", "{n} people", 0) == "{n} people"


def test_the_first_message_chooses_from_env_and_config(
    lang_reset: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "id"\n', encoding="utf-8")
    monkeypatch.setenv("NETJOURNAL_CONFIG", str(config))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.language() == "id"
    i18n.set_language(None)
    monkeypatch.setenv("NETJOURNAL_LANG", "en")
    assert i18n._("Options") == "Options"
    i18n.set_language(None)
    monkeypatch.delenv("NETJOURNAL_LANG")
    config.write_text("language = [broken", encoding="utf-8")  # reported later, not here
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert i18n._("Options") == "Opsi"


def test_english_loads_no_catalogue() -> None:
    code = (
        "import netjournal.cli; from netjournal import i18n; i18n._('x');"
        "print(i18n.language(), i18n._gettext is str)"
    )
    env = _clean_env()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["en", "True"]  # _() is str(): no catalogue read


# --- the CLI in Indonesian ----------------------------------------------------------


def test_an_error_is_indonesian_through_the_cli(lang_reset: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["log", "Nobody", "halo", "--db", str(tmp_path / "j.db")],
        env={"NETJOURNAL_LANG": "id"},
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: Tidak ada orang bernama 'Nobody'\n"


def test_lang_id_locale_alone_is_enough(lang_reset: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["need", "done", "7", "--db", str(tmp_path / "j.db")], env={"LANG": "id_ID.UTF-8"}
    )
    assert result.exit_code == 1
    assert "Tidak ada kebutuhan dengan id #7" in result.stderr


def test_english_stays_the_default(lang_reset: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["log", "Nobody", "hi", "--db", str(tmp_path / "j.db")], env={"LANG": "C.UTF-8"}
    )
    assert result.stderr == "Error: No person named 'Nobody'\n"


def _nj(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    base = _clean_env()
    base.update({"COLUMNS": "100", "NO_COLOR": "1", "LANG": "C.UTF-8", **env})
    return subprocess.run(
        [sys.executable, "-m", "netjournal", *args], env=base, capture_output=True, text=True
    )


def test_help_is_indonesian_in_a_fresh_process() -> None:
    out = _nj(["--help"], NETJOURNAL_LANG="id").stdout
    assert "jurnal jejaring untuk Anda yang berjejaring dengan membantu lebih dulu" in out
    assert "Catat, lihat, dan tutup kebutuhan orang." in out  # need's Typer(help=_())
    assert "a networking journal" not in out
    assert "jurnal jejaring" not in _nj(["--help"]).stdout


def test_translate_help_covers_every_command(
    lang_reset: None, po: dict[str, dict[str, object]]
) -> None:
    """What --help shows once the CLI calls i18n.translate_help: all Indonesian."""
    from netjournal.cli import _COMMANDS, _load

    indonesian = {str(s) for e in po.values() for s in e["strings"]}  # type: ignore[attr-defined]
    i18n.set_language("id")
    english = []
    for name in _COMMANDS:
        command = _load(name)
        i18n.translate_help(command)
        stack = [command]
        while stack:
            cmd = stack.pop()
            texts = [cmd.help] + [getattr(p, "help", None) for p in cmd.params]
            english += [t for t in texts if t and t not in indonesian]
            stack += list(getattr(cmd, "commands", {}).values())
    assert english == []


@pytest.mark.parametrize("override", ["", "~/nj.toml", "/tmp/x/config.toml"])
def test_config_file_is_where_config_looks(
    override: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal.config import config_path

    monkeypatch.setenv("NETJOURNAL_CONFIG", override)
    assert i18n.config_file(os.environ) == str(config_path())


def test_english_start_up_imports_no_config_module() -> None:
    code = (
        "import sys, netjournal.cli; from netjournal.i18n import _; _('x');"
        "print('netjournal.config' in sys.modules, 'tomllib' in sys.modules)"
    )
    env = _clean_env()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]
