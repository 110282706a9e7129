"""The environment of one ``nj`` run, carried in Typer's ``ctx.obj``.

The root callback builds an :class:`AppContext` (the root ``--db``, the
streams' terminal state, today) and every command reads it from its
``typer.Context`` with :func:`app_context`, instead of module globals: a test
or another front end can run commands with an environment of its own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from netjournal.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

    from netjournal.db.journal import Journal


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@dataclass
class AppContext:
    """What a command needs to know about the run it is part of."""

    #: ``nj --db PATH command``; a command's own ``--db`` wins.
    db: str | None = None
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    #: Would Rich style stdout (a terminal, or FORCE_COLOR / TTY_COMPATIBLE)?
    styled: bool = False
    #: ``nj --no-pager command``: never page (see cli/paging.py).
    no_pager: bool = False
    _today: date | None = field(default=None, repr=False)
    #: The arguments after ``nj`` (the change log records them for ``nj undo``).
    argv: list[str] = field(default_factory=list)

    @classmethod
    def from_environment(cls, db: str | None = None) -> AppContext:
        from netjournal.render.console import styled_output

        return cls(
            db=db,
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
            styled=styled_output(),
        )

    @property
    def today(self) -> date:
        """``NETJOURNAL_TODAY`` or the system date, read once per run."""
        if self._today is None:
            from netjournal.dates import today_from_env

            self._today = today_from_env()
        return self._today

    @property
    def interactive(self) -> bool:
        """May we ask a question? (stdin and stderr are terminals)."""
        return self.stdin_isatty and self.stderr_isatty

    def db_path(self, db: str | None = None) -> Path:
        """The journal file: the command's ``--db``, the root's, the environment's, the default."""
        from netjournal.paths import resolve_db_path

        return resolve_db_path(db or self.db)

    @contextmanager
    def journal(self, db: str | None = None) -> Iterator[Journal]:
        """Open the journal for one command and close it afterwards."""
        from netjournal.cli.passphrase import keys
        from netjournal.db.journal import open_journal

        path = self.db_path(db)
        create = not _reads_only()
        if not create and not path.exists() and not path.is_symlink():
            from netjournal.errors import JournalError

            raise JournalError(
                _(
                    "no journal at {path}; record someone with 'nj met NAME' "
                    "(or try 'nj demo'), or check --db / NETJOURNAL_DB"
                ).format(path=path)
            )
        j = open_journal(path, create=create, keys=keys(self))
        j.command, j.at = self.command_line(), self.today.isoformat()
        if j.migrated_from is not None:
            from netjournal.render.console import note

            note(
                _("Migrated {path} from schema {old}; backup: {backup}").format(
                    path=path, old=j.migrated_from, backup=j.backup_path
                )
            )
        try:
            yield j
        finally:
            j.close()

    def command_line(self) -> str:
        """``nj`` and its arguments as a shell would take them, without ``--db PATH``."""
        words: list[str] = []
        skip = False
        for word in self.argv:
            if skip or word.startswith("--db="):
                skip = False
                continue
            if word == "--db":
                skip = True
                continue
            words.append(word)
        return " ".join(["nj", *(_quote(w) for w in words)])

    def list_limit(self, limit: int | None) -> int | None:
        """Rows a list shows: ``--limit N`` (0: all); by default all, but a screenful on a terminal."""
        if limit is not None:
            return limit or None
        if self.styled:
            from netjournal.render.tables import TERMINAL_LIMIT

            return TERMINAL_LIMIT
        return None


#: Commands that only read: on a missing journal they fail instead of creating one.
_READ_COMMANDS = frozenset({"review", "due", "match", "search", "export", "graph", "reconnect"})
_READ_LEAVES = frozenset({"list", "show"})


def _reads_only() -> bool:
    """Does the command running now only read the journal (``nj due``, ``nj person list``...)?"""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    if not names:
        return False
    return names[0] in _READ_COMMANDS or names[-1] in _READ_LEAVES


def _quote(word: str) -> str:
    """A word as a shell takes it: "it's" in double quotes rather than shlex's '"'"'."""
    import shlex

    if "'" in word and not any(ch in word for ch in '"$`\\!'):
        return f'"{word}"'
    return shlex.quote(word)


def app_context(ctx: Any) -> AppContext:
    """The :class:`AppContext` of a ``typer.Context`` (built from the environment if missing)."""
    obj = ctx.find_object(AppContext) if ctx is not None else None
    if obj is None:
        obj = AppContext.from_environment()
        if ctx is not None:
            ctx.find_root().obj = obj
    return obj


def current() -> AppContext:
    """The :class:`AppContext` of the command running now.

    For command modules that do not take a ``typer.Context`` yet (they call
    ``common.journal`` and ``common.today``); new code passes ``ctx`` instead.
    """
    from typer._click.globals import get_current_context

    return app_context(get_current_context(silent=True))
