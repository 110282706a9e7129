"""Translation catalogues of netjournal: extract, update, compile, check.

    python scripts/i18n.py extract   # write src/netjournal/locale/netjournal.pot
    python scripts/i18n.py update    # extract, merge into every .po, compile .mo, list untranslated
    python scripts/i18n.py compile   # .po -> .mo only
    python scripts/i18n.py check     # exit 1 if a message is untranslated or the .mo is stale

What is extracted (one AST walk, no import of netjournal, so it is fast and safe):

* ``_("...")``, ``N_("...")`` (marked, translated later) and
  ``ngettext("...", "...", n)`` calls anywhere in src/netjournal;
* ``help="..."`` literals in the Typer calls of ``src/netjournal/cli`` and the
  docstrings of the functions registered as commands or callbacks there: Typer
  shows them in ``--help``; :func:`netjournal.i18n.translate_help` translates
  them when the help is drawn.

The walk is importable without Babel (``tests/test_i18n.py`` uses it); Babel is
needed only to write catalogues (``pip install -e ".[test]"``). ``update`` is
idempotent: without new strings the files are left byte for byte as they were.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "netjournal"
LOCALE = PACKAGE / "locale"
DOMAIN = "netjournal"
LANGUAGES = ("id",)


@dataclass
class Message:
    """One msgid (with its plural, if any) and where it occurs."""

    msgid: str
    plural: str | None = None
    locations: list[tuple[str, int]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _registered_functions(tree: ast.Module) -> set[str]:
    """Names of functions that Typer turns into commands or callbacks."""
    names: set[str] = set()
    # A public function taking the Typer context is a command wherever it is
    # registered (``person_app.command("archive")(archive.archive)``).
    for node in tree.body:
        if (
            isinstance(node, ast.FunctionDef)
            and not node.name.startswith("_")
            and node.args.args
            and node.args.args[0].arg == "ctx"
            and isinstance(node.returns, ast.Constant)
            and node.returns.value is None
        ):
            names.add(node.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for dec in node.decorator_list:
                if isinstance(dec, ast.Call) and _call_name(dec) in ("command", "callback"):
                    names.add(node.name)
        # app.command("met")(met)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Call)
            and _call_name(node.func) in ("command", "callback")
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Name)
        ):
            names.add(node.args[0].id)
    return names


def extract_file(path: Path, rel: str, *, typer_help: bool) -> Iterator[tuple[Message, list[str]]]:
    """Messages of one file, each with problems found (non-literal arguments)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in ("_", "N_") and node.args:
            text = _literal(node.args[0])
            if text is None and rel.endswith("netjournal/i18n.py"):
                continue  # the module that translates what others marked
            if text is None:
                yield Message("", locations=[(rel, node.lineno)]), ["_() of a non-literal"]
            else:
                yield Message(text, locations=[(rel, node.lineno)]), []
        elif name == "ngettext" and len(node.args) >= 2:
            one, many = _literal(node.args[0]), _literal(node.args[1])
            if one is None or many is None:
                yield Message("", locations=[(rel, node.lineno)]), ["ngettext() of a non-literal"]
            else:
                yield Message(one, many, locations=[(rel, node.lineno)]), []
        if typer_help:
            for kw in node.keywords:
                text = _literal(kw.value) if kw.arg == "help" else None
                if text:
                    msg = Message(text, locations=[(rel, kw.value.lineno)])
                    msg.comments.append("Typer help text")
                    yield msg, []
    if typer_help:
        registered = _registered_functions(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in registered:
                doc = ast.get_docstring(node, clean=True)
                if doc:
                    msg = Message(doc, locations=[(rel, node.lineno)])
                    msg.comments.append("Typer command help (docstring)")
                    yield msg, []


def extract(package: Path = PACKAGE) -> tuple[dict[tuple[str, str | None], Message], list[str]]:
    """Every message of the package, in source order, and the problems found."""
    messages: dict[tuple[str, str | None], Message] = {}
    problems: list[str] = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package.parent.parent).as_posix()
        typer_help = "cli" in path.relative_to(package).parts[:-1]
        found_here = sorted(
            extract_file(path, rel, typer_help=typer_help), key=lambda item: item[0].locations[0][1]
        )
        for msg, found in found_here:
            for problem in found:
                problems.append(f"{rel}:{msg.locations[0][1]}: {problem}")
            if not msg.msgid:
                continue
            key = (msg.msgid, msg.plural)
            if key in messages:
                messages[key].locations += msg.locations
                for comment in msg.comments:
                    if comment not in messages[key].comments:
                        messages[key].comments.append(comment)
            else:
                messages[key] = msg
    return messages, problems


# --- Babel from here on (development only) ---------------------------------


HEADER = (
    "# {lang} translations of netjournal.\n"
    "# Edit the msgstr lines here; then run: python scripts/i18n.py update\n"
    "# Keep {{placeholders}}, %s, command and option names, Rich [markup] as they are."
)


def _set_header(catalog, lang: str = "Indonesian") -> None:  # type: ignore[no-untyped-def]
    catalog.fuzzy = False
    catalog.project = "netjournal"
    catalog.version = ""
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "netjournal developers"
    catalog.language_team = "Bahasa Indonesia" if lang == "Indonesian" else ""
    catalog.header_comment = HEADER.format(lang=lang)


def _template(messages: Iterable[Message]):  # type: ignore[no-untyped-def]
    from babel.messages.catalog import Catalog

    catalog = Catalog(project="netjournal", version="", fuzzy=False)
    _set_header(catalog, "Template for the")
    catalog.header_comment = "# Messages of netjournal, extracted by scripts/i18n.py (do not edit)."
    for msg in messages:
        msgid = (msg.msgid, msg.plural) if msg.plural else msg.msgid
        catalog.add(msgid, locations=msg.locations, auto_comments=msg.comments)
    return catalog


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def _po_bytes(catalog, *, template: bool) -> bytes:  # type: ignore[no-untyped-def]
    from io import BytesIO

    from babel.messages.pofile import write_po

    buf = BytesIO()
    write_po(
        buf,
        catalog,
        width=0,
        omit_header=False,
        sort_output=False,
        include_previous=False,
        ignore_obsolete=True,
    )
    text = buf.getvalue().decode("utf-8")
    # Keep the files stable across runs: drop the dates Babel stamps into the header.
    lines = [
        line
        for line in text.splitlines(keepends=True)
        if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:', '"Generated-By:'))
    ]
    return "".join(lines).encode("utf-8")


#: Header fields left out of the compiled catalogue: Babel fills them with the
#: time of reading (the .po has no dates) and its own version, so two compiles
#: of the same .po would differ and ``check`` would always call the .mo stale.
_UNSTABLE_HEADERS = ("POT-Creation-Date", "PO-Revision-Date", "Generated-By")


class _Messages(list):  # type: ignore[type-arg]
    """The catalogue's messages as ``write_mo`` reads them (a list with a charset)."""

    charset = "utf-8"


def _mo_bytes(catalog) -> bytes:  # type: ignore[no-untyped-def]
    """The .mo of ``catalog``, the same bytes for the same .po whenever it runs."""
    from io import BytesIO

    from babel.messages.mofile import write_mo

    messages = _Messages(catalog)
    header = messages[0]
    assert header.id == "", "the first message of a catalogue is its header"
    header.string = "".join(
        f"{name}: {value.strip()}\n"
        for name, value in catalog.mime_headers
        if name not in _UNSTABLE_HEADERS
    )
    messages.charset = catalog.charset
    buf = BytesIO()
    write_mo(buf, messages, use_fuzzy=False)
    return buf.getvalue()


def _read_po(path: Path, lang: str):  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def cmd_extract() -> int:
    messages, problems = extract()
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    changed = _write_if_changed(
        LOCALE / f"{DOMAIN}.pot", _po_bytes(_template(messages.values()), template=True)
    )
    print(f"{len(messages)} messages{' (pot updated)' if changed else ''}")
    return 0


def _untranslated(catalog) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy or not all(strings):
            out.append(message.id[0] if isinstance(message.id, tuple) else message.id)
    return out


def cmd_update() -> int:
    from babel.messages.catalog import Catalog

    cmd_extract()
    template = _read_po(LOCALE / f"{DOMAIN}.pot", "en")
    status = 0
    for lang in LANGUAGES:
        po_path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po_path.exists():
            catalog = _read_po(po_path, lang)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="netjournal")
        # No fuzzy matching: a guessed translation of a new string is worse than none.
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        _set_header(catalog)
        if _write_if_changed(po_path, _po_bytes(catalog, template=False)):
            print(f"{po_path.relative_to(ROOT)} updated")
        catalog = _read_po(po_path, lang)  # what is on disk is what we compile
        status |= _compile(catalog, po_path)
        missing = _untranslated(catalog)
        print(f"{lang}: {len(missing)} untranslated")
        for msgid in missing:
            print(f"  {msgid!r}")
        status |= 1 if missing else 0
    return status


def _compile(catalog, po_path: Path) -> int:  # type: ignore[no-untyped-def]
    if _write_if_changed(po_path.with_suffix(".mo"), _mo_bytes(catalog)):
        print(f"{po_path.with_suffix('.mo').relative_to(ROOT)} compiled")
    return 0


def cmd_compile() -> int:
    for lang in LANGUAGES:
        po_path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        _compile(_read_po(po_path, lang), po_path)
    return 0


def cmd_check() -> int:
    messages, problems = extract()
    status = 1 if problems else 0
    for problem in problems:
        print(problem)
    for lang in LANGUAGES:
        po_path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        catalog = _read_po(po_path, lang)
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
        for key in messages:
            if key[0] not in known:
                print(f"{lang}: not in the .po: {key[0]!r}")
                status = 1
        for msgid in _untranslated(catalog):
            print(f"{lang}: untranslated: {msgid!r}")
            status = 1
        if po_path.with_suffix(".mo").read_bytes() != _mo_bytes(catalog):
            print(f"{lang}: {po_path.with_suffix('.mo').name} is out of date (run compile)")
            status = 1
    return status


def main(argv: list[str]) -> int:
    commands = {
        "extract": cmd_extract,
        "update": cmd_update,
        "compile": cmd_compile,
        "check": cmd_check,
    }
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
