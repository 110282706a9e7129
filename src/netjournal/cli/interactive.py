"""The terminal side of ``nj review -i``: single keys, one-line answers, Ctrl-C.

Keys are read one at a time without Enter (cbreak mode through termios,
the terminal's settings restored in a ``finally``); where that is not
available the walk falls back to a line per key. The loop itself is in
:mod:`netjournal.cli.walk`.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from netjournal.i18n import _

if TYPE_CHECKING:
    from netjournal.cli.context import AppContext
    from netjournal.config import Config


class Terminal:
    """The real terminal: stdin for keys and lines, stdout for the screen."""

    def __init__(self) -> None:
        self.fd = sys.stdin.fileno()
        self.saved: Any = None
        try:
            import termios

            self.saved = termios.tcgetattr(self.fd)
        except (ImportError, OSError):
            self.saved = None  # no raw mode: a line per key

    def write(self, text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()

    def _read(self, size: int) -> str:
        data = os.read(self.fd, size)
        if not data:
            raise EOFError
        text = data.decode("utf-8", "replace")
        if "\x03" in text:  # Ctrl-C arriving as a byte
            raise KeyboardInterrupt
        if "\x04" in text and not text.strip("\x04"):  # Ctrl-D on its own
            raise EOFError
        return text

    def key(self) -> str:
        self.write("> ")
        if self.saved is None:
            line = self._read(1024).strip()
            key = line[:1] or "\n"
        else:
            import termios
            import tty

            try:
                tty.setcbreak(self.fd, termios.TCSANOW)
                key = self._read(8)[:1]
            finally:
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
        self.write((key if key.isprintable() else "") + "\n")
        return key

    def ask(self, prompt: str) -> str:
        self.write(prompt)
        return self._read(4096).rstrip("\r\n")


def run(env: AppContext, db: str | None, when: date, config: Config) -> int:
    """Walk the review of ``when``; the exit code (0, or 130 after Ctrl-C)."""
    from netjournal.cli.walk import Walk, keys_line, ordered_items
    from netjournal.core import review as core
    from netjournal.errors import UsageProblem
    from netjournal.search import default_matcher, refresh_index

    if not (env.stdin_isatty and env.stdout_isatty):
        raise UsageProblem(
            _("The interactive review needs a terminal (stdin and stdout); use 'nj review' instead")
        )
    with env.journal(db) as j:
        refresh_index(j.conn)
        with j.read() as conn:
            data = core.build_review(
                conn, when, config, limit=None, matcher=default_matcher(as_of=when)
            )
            order = [i["ref"] for i in core.due_items(conn, when, config)]
    screen = Terminal()
    walk = Walk(env, db, screen, ordered_items(data, order))
    if not walk.items:
        screen.write(_("Nothing is due: the review is empty.") + "\n")
        return 0
    screen.write(
        _("Interactive review, {date}: {n} items, most urgent first.").format(
            date=when.isoformat(), n=len(walk.items)
        )
        + "\n"
        + keys_line()
        + "\n"
    )
    try:
        finished = walk.run()
    except EOFError:  # stdin closed: as if quitting
        finished = False
    except KeyboardInterrupt:
        screen.write("\n")
        sys.stderr.write(_("Interrupted; {n} actions were saved").format(n=len(walk.saved)) + "\n")
        return 130
    end = _("End of the review") if finished else _("Stopped")
    screen.write("\n" + _("{end}: {n} actions saved.").format(end=end, n=len(walk.saved)) + "\n")
    return 0
