"""The two consoles (data to stdout, messages to stderr), literal user text, one-line messages.

Every piece of user text goes through :func:`t` (a ``rich.text.Text`` of the
sanitised value), never through markup, so ``[bold]Ann[/]`` prints literally
and escape codes never reach the terminal. Rich is imported lazily: ``--json``,
``-q`` and the plain writers never load it.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from netjournal.i18n import _
from netjournal.text import displayable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_consoles: dict[str, Console] = {}


def _width() -> int | None:
    # Tests and scripts may pin the width; Rich otherwise uses the terminal's
    # (80 in a pipe).
    value = os.environ.get("NETJOURNAL_WIDTH", "")
    return int(value) if value.isdigit() and int(value) >= 40 else None


def _console_class() -> type[Console]:
    """Rich's Console, except that a closed pipe raises ``BrokenPipeError``.

    Rich's own answer is ``SystemExit(1)``; the CLI's main turns the error into
    a quiet exit 0, as ``nj review | head -1`` expects.
    """
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return PipeConsole


def out() -> Console:
    """The console for data (stdout)."""
    if "out" not in _consoles or _consoles["out"].file is not sys.stdout:
        _consoles["out"] = _console_class()(
            file=sys.stdout, highlight=False, emoji=False, width=_width()
        )
    return _consoles["out"]


def err() -> Console:
    """The console for messages (stderr)."""
    if "err" not in _consoles or _consoles["err"].file is not sys.stderr:
        _consoles["err"] = _console_class()(
            file=sys.stderr, highlight=False, emoji=False, width=_width(), soft_wrap=True
        )
    return _consoles["err"]


def t(value: Any, style: str = "") -> Text:
    """User data as literal, sanitised Rich text."""
    from rich.text import Text

    return Text(displayable("" if value is None else str(value)), style=style)


def line(*parts: Any) -> Text:
    """Join plain strings (ours) and Text (user data) into one line, no markup parsing."""
    from rich.text import Text

    result = Text()
    for part in parts:
        if isinstance(part, Text):
            result.append_text(part)
        elif isinstance(part, tuple):
            result.append(displayable(str(part[0])), style=part[1])
        else:
            result.append(str(part))
    return result


class Hanging:
    """``head`` then ``body``, the body wrapping under itself (a hanging indent),
    never back to column 0, and no trailing spaces."""

    def __init__(self, head: Text, body: Text) -> None:
        self.head = head
        self.body = body

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.text import Text

        indent = self.head.cell_len
        width = max(options.max_width - indent, 10)
        for n, part in enumerate(self.body.wrap(console, width)):
            part.rstrip()
            row = self.head.copy() if n == 0 else Text(" " * indent)
            row.append_text(part)
            yield row

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        indent = self.head.cell_len
        longest = max((len(x) for x in self.body.plain.splitlines()), default=0)
        return Measurement(min(indent + 10, options.max_width), indent + longest)


def indented(level: int, *parts: Any) -> Hanging:
    """A line (parts as in :func:`line`) indented by ``level`` steps of two spaces;
    when it wraps, the rest keeps the indentation."""
    return Hanging(line("  " * level), line(*parts))


class Msg:
    """A one-line message built without importing Rich.

    Parts are our own strings (plain) or ``(user_text, style)`` pairs, which are
    sanitised. On a terminal it is printed through Rich (``__rich__``); in a
    pipe, where Rich would print the same characters without styling, it is
    written directly, keeping the start-up of write commands light.
    """

    def __init__(self, *parts: str | tuple[Any, str]) -> None:
        self.parts: list[tuple[str, str]] = [
            (displayable("" if p[0] is None else str(p[0])), p[1])
            if isinstance(p, tuple)
            else (p, "")
            for p in parts
        ]

    @property
    def plain(self) -> str:
        return "".join(text for text, _style in self.parts)

    def __rich__(self) -> Text:
        from rich.text import Text

        result = Text()
        for text, style in self.parts:
            result.append(text, style=style)
        return result

    def __str__(self) -> str:
        return self.plain

    def ansi(self) -> str | None:
        """The message with its styles as SGR codes, as Rich would print it on a
        terminal, without importing Rich (None: a style only Rich knows)."""
        colour = not os.environ.get("NO_COLOR")
        out = []
        for text, style in self.parts:
            codes = []
            for word in style.split():
                code = _SGR.get(word) if word in _ATTRIBUTES or colour else ""
                if code is None:
                    return None
                if code:
                    codes.append(code)
            out.append(f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes and text else text)
        return "".join(out)


#: Text attributes (kept under NO_COLOR, as Rich does) and colours.
_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
_SGR = {**_ATTRIBUTES, "red": "31", "green": "32", "yellow": "33", "blue": "34", "cyan": "36"}


def _plain_terminal() -> bool:
    """A terminal where SGR codes are all Rich would add to a one-line message."""
    return sys.platform != "win32" and os.environ.get("TERM", "") not in ("dumb", "unknown")


def msg(*parts: str | tuple[Any, str]) -> Msg:
    """Build a :class:`Msg`: ``msg("Added ", (name, "bold"), f" #{id}")``."""
    return Msg(*parts)


def print_json(data: Any) -> None:
    """One JSON document on stdout; no colour, nothing else."""
    sys.stdout.write(to_json(data) + "\n")


def to_json(data: Any) -> str:
    from netjournal.text import json_safe

    return json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def wrote(
    message: Text | Msg | str,
    record_id: int | str,
    *,
    quiet: bool,
    as_json: bool,
    record: Any = None,
) -> None:
    """The one line of a write command (or just the id, or just the record)."""
    if as_json:
        print_json(record)
    elif quiet:
        sys.stdout.write(f"{record_id}\n")
    elif isinstance(message, Msg) and not styled_output():
        sys.stdout.write(message.plain + "\n")
    elif isinstance(message, Msg) and _plain_terminal() and (line := message.ansi()) is not None:
        sys.stdout.write(line + "\n")  # Rich's import would double the start-up
    else:
        out().print(message, soft_wrap=True)


def styled_output() -> bool:
    """Would Rich style stdout? (a terminal, or FORCE_COLOR/TTY_COMPATIBLE set)."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def note(message: Text | str) -> None:
    """A message for people, on stderr."""
    err().print(message, soft_wrap=True)


def error_line(message: str) -> None:
    """``Error: ...`` on one line of stderr, user text sanitised."""
    text = " ".join(displayable(message).split())
    from rich.text import Text

    err().print(Text(_("Error: ") + text, style="red"), soft_wrap=True)
