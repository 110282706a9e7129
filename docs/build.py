#!/usr/bin/env python3
"""Fill the output of every ``console`` example in docs/*.md from the real program.

In a page, a fenced block marked ``console`` holds commands (lines starting
with ``$ nj``) each followed by its output. This script runs the commands of a
page in order, against a fresh journal, and an 80-column width, and rewrites the outputs.
What is shown is what runs: nothing pins "today" behind the reader's back.
Each command pins its date itself (``--as-of DATE``, or ``NETJOURNAL_TODAY=DATE
nj ...``), or the page does so in view with ``$ export NETJOURNAL_TODAY=DATE``
(which holds for the commands after it on that page); a command that pins no
date is an error. ``--check`` changes nothing
and exits 1 if a page is out of date (tests/test_docs.py runs it).

    python docs/build.py            # rewrite docs/*.md
    python docs/build.py --check    # verify

Pages under docs/id/ and README.id.md run with ``NETJOURNAL_LANG=id`` (the
interface in Indonesian); every other page with ``NETJOURNAL_LANG=en``.

Pictures (PICTURES below) are made the same way: the commands run in order
against a fresh journal, and the last one's output is the file under docs/.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
TODAY = "2026-11-28"
# A picture under docs/ -> the commands that make it ({db}: a fresh journal).
PICTURES = {
    # The interactive review: "n" moves on from the first item, "q" quits.
    "img/interactive-review.svg": ["screen:nq"],
    "img/network-map.svg": [
        "nj demo --db {db}",
        "nj graph --format svg --db {db}",
    ],
}


_ASSIGN = re.compile(r"[A-Z_]+=\S*")
_NO_DATE_NEEDED = re.compile(r"(^| )(--help|-h|--version)( |$)|^nj completion ")


def run(command: str, env: dict[str, str | None]) -> str:
    """Run one shown command; ``export NAME=VALUE`` changes ``env`` for the next ones."""
    from typer.testing import CliRunner

    from netjournal.cli import app

    args = shlex.split(command)
    if args[0] == "export":
        for assignment in args[1:]:
            name, _, value = assignment.partition("=")
            env[name] = value
        return ""
    local = dict(env)
    while args and _ASSIGN.fullmatch(args[0]):  # NAME=VALUE nj ...
        name, _, value = args.pop(0).partition("=")
        local[name] = value
    assert args and args[0] == "nj", f"only nj commands can run in docs: {command}"
    if not (local.get("NETJOURNAL_TODAY") or "--as-of" in args or _NO_DATE_NEEDED.search(command)):
        raise SystemExit(
            f"docs: pin the date in the example (--as-of, NETJOURNAL_TODAY=...): {command}"
        )
    result = CliRunner().invoke(app, args[1:], env=local)
    output = result.stdout + result.stderr
    return "\n".join(line.rstrip() for line in output.rstrip("\n").split("\n"))


def language_of(page: Path) -> str:
    """Pages under docs/id/ and README.id.md run in Indonesian; the rest in English."""
    return "id" if page.parent.name == "id" or page.name.endswith(".id.md") else "en"


def render_page(text: str, lang: str = "en") -> str:
    from netjournal import i18n

    i18n.set_language(lang)  # chosen once per process: set it for this page
    with tempfile.TemporaryDirectory() as tmp:
        env: dict[str, str | None] = {
            "NETJOURNAL_LANG": lang,
            "NETJOURNAL_DB": str(Path(tmp) / "journal.db"),
            "NETJOURNAL_TODAY": None,  # only what the page shows
            "NETJOURNAL_WIDTH": "80",
            "NETJOURNAL_CONFIG": str(Path(tmp) / "config.toml"),
            "XDG_DATA_HOME": str(Path(tmp) / "data"),
            "NO_COLOR": "1",
            "COLUMNS": "80",
        }
        saved = {k: os.environ.get(k) for k in env}
        for k, v in env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        try:

            def fill(match: re.Match[str]) -> str:
                out: list[str] = []
                command: list[str] = []
                for line in match.group(1).split("\n"):
                    if line.startswith("$ "):
                        command = [line[2:]]
                    elif command and line.startswith("> "):
                        command.append(line[2:])
                    else:
                        continue
                    if not line.endswith("\\"):
                        full = " ".join(part.rstrip("\\").strip() for part in command)
                        out.append(
                            "\n".join(
                                ("$ " if i == 0 else "> ") + part for i, part in enumerate(command)
                            )
                        )
                        result = run(full.replace(tmp, "$TMP"), env)
                        if result:
                            out.append(result.replace(tmp, "/tmp/nj-docs"))
                        command = []
                return "```console\n" + "\n".join(out) + "\n```"

            return BLOCK.sub(fill, text)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def render_screen(keys: str) -> str:
    """The interactive review of the demo journal, driven by ``keys`` on a real
    pseudo-terminal (80 x 24), as an SVG of what the screen showed."""
    import io
    import subprocess

    import pexpect
    from rich.console import Console
    from rich.text import Text

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "journal.db")
        env = {
            **os.environ,
            "NETJOURNAL_TODAY": TODAY,
            "NETJOURNAL_LANG": "en",
            "NO_COLOR": "1",
            "NETJOURNAL_CONFIG": str(Path(tmp) / "config.toml"),
            "XDG_DATA_HOME": tmp,
            "COLUMNS": "80",
            "LINES": "24",
        }
        nj = [sys.executable, "-m", "netjournal"]
        subprocess.run([*nj, "demo", "--db", db], env=env, capture_output=True, check=True)
        child = pexpect.spawn(
            nj[0],
            [*nj[1:], "review", "-i", "--db", db],
            env=env,
            encoding="utf-8",
            dimensions=(24, 80),
            timeout=30,
        )
        child.logfile_read = seen = io.StringIO()
        for key in keys:
            child.expect_exact("? help")
            child.send(key)
        child.expect(pexpect.EOF)
        screen = seen.getvalue().replace("\r\n", "\n").replace("\r", "")
    console = Console(record=True, width=80, file=io.StringIO(), color_system=None)
    console.print(Text(screen.strip("\n")))
    return console.export_svg(title="nj review -i", unique_id="interactive-review")


def render_picture(commands: list[str]) -> str:
    if commands and commands[0].startswith("screen:"):
        return render_screen(commands[0].removeprefix("screen:"))
    with tempfile.TemporaryDirectory() as tmp:
        env = {"NETJOURNAL_TODAY": TODAY, "NO_COLOR": "1", "XDG_DATA_HOME": tmp}
        env["NETJOURNAL_CONFIG"] = str(Path(tmp) / "config.toml")
        from typer.testing import CliRunner

        from netjournal.cli import app

        output = ""
        for command in commands:
            args = shlex.split(command.format(db=Path(tmp) / "journal.db"))
            result = CliRunner().invoke(app, args[1:], env=env)
            assert result.exit_code == 0, f"{command}: {result.stderr}"
            output = result.stdout
        return output


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    pages = [Path(p) for p in args.pages] or [
        *sorted(DOCS.glob("*.md")),
        *sorted((DOCS / "id").glob("*.md")),
        *sorted(DOCS.parent.glob("README*.md")),
    ]
    stale = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "```console" not in text:
            continue
        new = render_page(text, language_of(page))
        if new != text:
            stale.append(page.name)
            if not args.check:
                page.write_text(new, encoding="utf-8")
    for name, commands in PICTURES.items() if not args.pages else ():
        picture = DOCS / name
        new = render_picture(commands)
        if not picture.exists() or picture.read_text(encoding="utf-8") != new:
            stale.append(name)
            if not args.check:
                picture.parent.mkdir(exist_ok=True)
                picture.write_text(new, encoding="utf-8")
    if stale:
        print(("out of date: " if args.check else "updated: ") + ", ".join(stale))
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
