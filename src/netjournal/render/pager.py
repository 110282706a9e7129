"""Output longer than the screen goes through a pager (``$PAGER``, else ``less -R``).

:func:`paged` captures what the data console prints inside it; when that is
more lines than the terminal has, it is handed to the pager, otherwise it is
written as usual. The caller decides whether paging is allowed at all (a
terminal, no ``--json``, no ``--no-pager``, the ``pager`` setting): see
``netjournal.cli.paging``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from netjournal.render.console import out

#: The pager when ``$PAGER`` is not set.
DEFAULT_PAGER = "less -R"


def pager_command() -> list[str]:
    """``$PAGER`` split as a shell would (empty: none), else ``less -R``."""
    import shlex

    value = os.environ.get("PAGER")
    if value is None:
        value = DEFAULT_PAGER
    try:
        return shlex.split(value)
    except ValueError:
        return []


def show(text: str) -> None:
    """Run the pager on ``text``; without a usable pager, write it."""
    import subprocess

    command = pager_command()
    if command:
        env = dict(os.environ)
        env.setdefault("LESS", "FRX")  # quit at the end of a short text, keep the screen
        env.setdefault("LESSCHARSET", "utf-8")
        try:
            subprocess.run(command, input=text.encode("utf-8"), env=env, check=False)
            return
        except OSError:
            pass
    sys.stdout.write(text)
    sys.stdout.flush()


@contextmanager
def paged(enabled: bool) -> Iterator[None]:
    """Send what is printed inside to the pager when ``enabled`` and longer than the screen."""
    if not enabled:
        yield
        return
    console = out()
    text = ""
    try:
        with console.capture() as captured:
            yield
    finally:
        text = captured.get()
        if text.count("\n") >= console.height:
            show(text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
