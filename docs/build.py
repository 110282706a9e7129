#!/usr/bin/env python3
"""Fill the output of every ``console`` example in docs/*.md from the real program.

In a page, a fenced block marked ``console`` holds commands (lines starting
with ``$ nj``) each followed by its output. This script runs the commands of a
page in order, against a fresh journal, with ``NETJOURNAL_TODAY=2026-11-28``
and an 80-column width, and rewrites the outputs. ``--check`` changes nothing
and exits 1 if a page is out of date (tests/test_docs.py runs it).

    python docs/build.py            # rewrite docs/*.md
    python docs/build.py --check    # verify

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
    "img/network-map.svg": [
        "nj demo --db {db}",
        "nj graph --format svg --db {db}",
    ],
}


def run(command: str, env: dict[str, str]) -> str:
    from typer.testing import CliRunner

    from netjournal.cli import app

    args = shlex.split(command)
    while args and re.fullmatch(r"NETJOURNAL_TODAY=[0-9-]+", args[0]):  # a pinned date
        env = {**env, "NETJOURNAL_TODAY": args.pop(0).split("=", 1)[1]}
    assert args[0] == "nj", f"only nj commands can run in docs: {command}"
    result = CliRunner().invoke(app, args[1:], env=env)
    output = result.stdout + result.stderr
    return "\n".join(line.rstrip() for line in output.rstrip("\n").split("\n"))


def render_page(text: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "NETJOURNAL_DB": str(Path(tmp) / "journal.db"),
            "NETJOURNAL_TODAY": TODAY,
            "NETJOURNAL_WIDTH": "80",
            "NETJOURNAL_CONFIG": str(Path(tmp) / "config.toml"),
            "XDG_DATA_HOME": str(Path(tmp) / "data"),
            "NO_COLOR": "1",
            "COLUMNS": "80",
        }
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
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


def render_picture(commands: list[str]) -> str:
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
    pages = [Path(p) for p in args.pages] or sorted(DOCS.glob("*.md"))
    stale = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "```console" not in text:
            continue
        new = render_page(text)
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
