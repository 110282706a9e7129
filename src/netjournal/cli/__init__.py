"""The Typer app: one module per command group, assembled here.

Errors become exit codes in one place only (:class:`_Root.main`): domain
errors exit 1 (or 2 for usage), usage errors exit 2, both as one ``Error:``
line on stderr; a user never sees a traceback.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from netjournal import __version__
from netjournal.cli import common
from netjournal.errors import NetjournalError
from netjournal.i18n import _, language, translate_help


def _fail(message: str, code: int) -> None:
    from netjournal import render

    if len(message) > 1000:  # an error quoting a hostile 1 MB value stays one short line
        message = f"{message[:700]}… ({len(message) - 900} characters left out) …{message[-200:]}"
    render.error_line(message)
    sys.exit(code)


class _Root(TyperGroup):
    """Runs the command without Click's own error printing, and prints ours."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from typer._click import exceptions as click_exc

        kwargs["standalone_mode"] = False
        # The command line, for the change log of `nj undo` (cli/context.py).
        argv = kwargs.get("args", args[0] if args else None)
        self.argv = list(sys.argv[1:] if argv is None else argv)
        try:
            rv = super().main(*args, **kwargs)
        except NetjournalError as exc:
            _fail(exc.message, exc.exit_code)
        except click_exc.NoArgsIsHelpError:
            rv = 0  # the help was printed already
        except click_exc.UsageError as exc:
            hint = ""
            if exc.ctx is not None:
                hint = _(" (see '{cmd} --help')").format(cmd=exc.ctx.command_path)
            _fail(exc.format_message() + hint, exc.exit_code)
        except click_exc.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except typer.Abort as exc:
            # Click turns Ctrl-C at a prompt into Abort; the KeyboardInterrupt is its context.
            if isinstance(exc.__context__, KeyboardInterrupt):
                _fail(_("Interrupted; nothing was written"), 130)
            _fail(_("Aborted; nothing was written"), 1)
        except sqlite3.Error as exc:
            from netjournal.db.journal import translate_operational_error

            _fail(translate_operational_error(exc), 1)
        except KeyboardInterrupt:
            _fail(_("Interrupted; nothing was written"), 130)
        except UnicodeError:
            # Bytes in argv that are not UTF-8 arrive as lone surrogates, which
            # SQLite and the terminal cannot encode.
            _fail(
                _("The input contains bytes that are not valid UTF-8 text; nothing was written"), 1
            )
        except _PipeClosed:
            _pipe_closed()
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _pipe_closed()
            if exc.errno == errno.ENOSPC:
                _fail(_("The disk is full; nothing was written"), 1)
            name = str(exc.filename or "")
            name = name if len(name) <= 160 else f"{name[:80]}…{name[-60:]}"
            _fail(f"{exc.strerror or exc}" + (f": {name}" if name else ""), 1)
        except Exception as exc:  # the last line of defence: never a traceback
            if isinstance(exc, ValueError) and "embedded null" in str(exc):
                _fail(_("A file name or value contains a NUL character; nothing was written"), 1)
            if os.environ.get("NETJOURNAL_DEBUG"):
                raise
            _fail(
                _(
                    "Internal error ({kind}: {exc}); please report it "
                    "(NETJOURNAL_DEBUG=1 shows details)"
                ).format(kind=type(exc).__name__, exc=exc),
                1,
            )
        code = rv if isinstance(rv, int) else 0
        try:
            sys.stdout.flush()  # a reader gone after our last write: say so now, not at exit
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _pipe_closed()
            raise
        sys.exit(code)

    def invoke(self, ctx: Any) -> Any:
        # Click turns a closed pipe into exit 1 before main sees it; catch it first.
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise _PipeClosed from None
            raise


class _PipeClosed(Exception):
    """The reader of our output went away (`nj review | head -1`)."""


def _pipe_closed() -> None:
    """Exit 0 quietly, as `nj ... | head` expects: what is left to print goes nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the flush at exit must not fail again
    except (OSError, ValueError):
        os._exit(0)
    sys.exit(0)


app = typer.Typer(
    cls=_Root,
    name="nj",
    help=_("netjournal: a networking journal for people who network by helping first."),
    context_settings=common.CONTEXT,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"netjournal {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    db: common.DbOpt = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never send long output through a pager.")
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """netjournal: record who you met, what they need and what you promised;
    once a week, review who is overdue for a follow-up or an introduction."""
    from netjournal.cli.context import AppContext

    ctx.obj = AppContext.from_environment(db)
    ctx.obj.no_pager = no_pager
    ctx.obj.argv = list(getattr(ctx.find_root().command, "argv", []))


# Which modules define each top-level command. Only the modules of the command
# being run are imported and turned into Click commands: building every
# command on every call would cost start-up time that grows with each command.
_COMMANDS: dict[str, tuple[str, ...]] = {
    "met": ("people",),
    "log": ("logs",),
    "person": ("people",),
    "need": ("needs", "edit"),
    "offer": ("offers", "edit"),
    "intro": ("intros", "edit"),
    "followup": ("followups", "edit"),
    "review": ("review",),
    "due": ("review",),
    "match": ("match",),
    "search": ("match",),
    "synonyms": ("match",),
    "import": ("io",),
    "export": ("io",),
    "demo": ("demo",),
    "config": ("config",),
    "db": ("db", "match"),
    "graph": ("graph",),
    "done": ("done",),
    "snooze": ("snooze",),
    "completion": ("completion",),
    "undo": ("undo",),
    "event": ("events",),
    "report": ("events",),
    "reconnect": ("events",),
    "occasions": ("occasions",),
}


def _load(name: str) -> Any:
    """Build the Click command ``name`` from the modules that define it (or None)."""
    import importlib

    mini = typer.Typer(context_settings=common.CONTEXT)

    @mini.callback()
    def _group() -> None:  # a callback keeps Typer from collapsing a lone command
        pass

    for module_name in _COMMANDS[name]:
        try:
            module = importlib.import_module(f"netjournal.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"netjournal.cli.{module_name}":
                raise
            continue
        module.register(mini)
    # Build only the command asked for, not its siblings.
    mini.registered_commands = [c for c in mini.registered_commands if c.name == name]
    mini.registered_groups = [g for g in mini.registered_groups if g.name == name]
    group = typer.main.get_command(mini)
    command = getattr(group, "commands", {}).get(name)
    if command is not None:
        translate_help(command)  # nothing happens in English
    return command


class _LazyRoot(_Root):
    """The root group, loading each subcommand on demand."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache: dict[str, Any] = {}

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        # The language is chosen here, not when the group is built: a test
        # runner builds it before it sets the environment.
        argv = list(sys.argv[1:] if args is None else args)
        if (not argv or "-h" in argv or "--help" in argv) and language() != "en":
            # Typer's panel titles are module constants of typer.rich_utils:
            # load it now so that translate_help can set them.
            import typer.rich_utils  # noqa: F401
        translate_help(self)  # nothing happens in English
        return super().main(argv, *rest, **kwargs)

    def list_commands(self, ctx: Any) -> list[str]:
        return [name for name in _COMMANDS if self.get_command(ctx, name) is not None]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        from typer._click import exceptions as click_exc

        try:
            return super().resolve_command(ctx, args)
        except click_exc.UsageError as exc:
            import difflib

            close = difflib.get_close_matches(args[0], list(_COMMANDS)) if args else []
            if close and "Did you mean" not in exc.message:
                exc.message = _("{message}. Did you mean {names}?").format(
                    message=exc.message.rstrip("."), names=", ".join(f"'{m}'" for m in close)
                )
            raise

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in _COMMANDS:
            return None
        if cmd_name not in self._cache:
            self._cache[cmd_name] = _load(cmd_name)
        return self._cache[cmd_name]


app.info.cls = _LazyRoot


def main() -> None:
    """Entry point of the ``nj`` and ``netjournal`` commands."""
    if "_NJ_COMPLETE" in os.environ:  # the shell asks for completions (nj completion)
        from netjournal.cli.completion import init

        init()
    app(prog_name="nj", complete_var="_NJ_COMPLETE")
