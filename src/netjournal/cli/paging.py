"""When the output of a command may go through the pager (``render/pager.py``).

Only on a terminal (stdout), never with ``--json``, never with ``--no-pager``
(the command's, or ``nj --no-pager``), never with ``pager = false`` in the
config; and only when the output is longer than the screen.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Annotated

import typer

from netjournal.cli.context import AppContext

NoPagerOpt = Annotated[
    bool, typer.Option("--no-pager", help="Never send the output through a pager.")
]


def may_page(env: AppContext, *, as_json: bool = False, no_pager: bool = False) -> bool:
    if as_json or no_pager or env.no_pager or not env.stdout_isatty:
        return False
    from netjournal.config import load_config

    return load_config().pager


def paged(
    env: AppContext, *, as_json: bool = False, no_pager: bool = False
) -> AbstractContextManager[None]:
    """A context in which the data console's output is paged when it may be."""
    from netjournal.render.pager import paged as render_paged

    return render_paged(may_page(env, as_json=as_json, no_pager=no_pager))
