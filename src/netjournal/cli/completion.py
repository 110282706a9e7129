"""``nj completion bash|zsh|fish``: the shell completion script, and the completers
of names (``NAME`` arguments) and references (``nj done <TAB>``).

The completers open the journal only when the shell asks (``_NJ_COMPLETE`` is
set), so the start of every other command is unchanged.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer

from netjournal.cli.common import CONTEXT
from netjournal.i18n import _

SHELLS = ("bash", "zsh", "fish")
#: The environment variable the scripts set to ask ``nj`` for completions.
COMPLETE_VAR = "_NJ_COMPLETE"
#: What bash would split or expand in a word.
_UNSAFE = re.compile(r"[^\w@%+=:,./-]")


def register(app: typer.Typer) -> None:
    app.command("completion", context_settings=CONTEXT)(completion)


def completion(
    shell: Annotated[str, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
) -> None:
    """Print the shell completion script (commands, options, names, refs); see docs/completion.md."""
    import sys

    from typer._completion_shared import get_completion_script

    from netjournal.errors import UsageProblem

    if shell not in SHELLS:
        raise UsageProblem(
            _("SHELL must be bash, zsh or fish (got '{shell}')").format(shell=shell[:40])
        )
    init()
    script = get_completion_script(prog_name="nj", complete_var=COMPLETE_VAR, shell=shell)
    sys.stdout.write(script.rstrip("\n") + "\n")


def _db(ctx: Any) -> str | None:
    while ctx is not None:
        value = (ctx.params or {}).get("db")
        if value:
            return str(value)
        ctx = ctx.parent
    return None


def refs(ctx: typer.Context, incomplete: str) -> list[str]:
    """The references of the items due (``nj done <TAB>``)."""
    try:
        from netjournal.cli.context import app_context
        from netjournal.config import load_config
        from netjournal.core import review as core

        env = app_context(ctx)
        with env.journal(_db(ctx)) as j, j.read() as conn:
            items = core.due_items(conn, env.today, load_config())
        return [i["ref"] for i in items if i["ref"].startswith(incomplete)]
    except Exception:  # completion never shows an error
        return []


def names(ctx: typer.Context, incomplete: str) -> list[str]:
    """People's names starting with what was typed (case-insensitive)."""
    try:
        from netjournal.cli.context import app_context

        env = app_context(ctx)
        from netjournal.core.completion import names_starting

        with env.journal(_db(ctx)) as j, j.read() as conn:
            return names_starting(conn, incomplete)
    except Exception:
        return []


def init() -> None:
    """Typer's completion classes, with bash's escaping what it would split.

    bash inserts a completion as printed: "Putri Ayu" would become two words.
    """
    from typer._click.shell_completion import CompletionItem, add_completion_class
    from typer._completion_classes import BashComplete, completion_init

    class EscapedBash(BashComplete):
        def format_completion(self, item: CompletionItem) -> str:
            return _UNSAFE.sub(r"\\\g<0>", str(item.value))

    completion_init()
    add_completion_class(EscapedBash, "bash")
