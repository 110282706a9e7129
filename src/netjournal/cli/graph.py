"""``nj graph``: the network map (dot, mermaid, svg, html, or JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt
from netjournal.i18n import _


def register(app: typer.Typer) -> None:
    app.command("graph", context_settings=CONTEXT)(graph)


def graph(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="dot (default), mermaid, svg or html (svg and html need: pip install 'netjournal[graph]').",
        ),
    ] = "dot",
    person: Annotated[
        str | None,
        typer.Option("--person", metavar="NAME", help="Only this person's neighbourhood."),
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth", metavar="N", min=0, help="With --person: how many hops (default 1)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (mode 0600)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Draw your network: people, introductions, referrals, and help given and received."""

    from netjournal import render
    from netjournal.core.network import load_network
    from netjournal.errors import Conflict, UsageProblem
    from netjournal.formats import graph as writers

    if fmt not in writers.FORMATS:
        raise UsageProblem(
            _("--format must be dot, mermaid, svg or html (got '{fmt}')").format(fmt=fmt[:40])
        )
    if depth is not None and person is None:
        raise UsageProblem(_("--depth needs --person (whose neighbourhood to keep)"))
    if json_out and (output is not None or fmt != "dot"):
        raise UsageProblem(_("--json prints the map as data; it takes no --format or --output"))
    if output is not None and output.exists() and not force and not output.is_dir():
        raise Conflict(_("{path} already exists; use --force to overwrite it").format(path=output))
    if fmt in ("svg", "html") and not json_out:
        writers.require_layout()  # before reading anything
    with common.journal(db) as j, j.read() as conn:
        focus = int(common.resolve_person(conn, person)["id"]) if person is not None else None
        network = load_network(
            conn, as_of=common.today(), focus=focus, depth=1 if depth is None else depth
        )
    if json_out:
        render.print_json(network.to_json())
        return
    data = writers.write(network, fmt).encode()
    if output is None:
        sink = common.stdout_bytes()
        sink.write(data)
        sink.flush()
        return
    from netjournal.formats.files import write_output

    write_output(output, data, force=force)
    people = sum(1 for n in network.nodes if not n.is_you)
    render.out().print(
        render.t(
            _("Wrote the network map ({people} people, {links} links) to {path}").format(
                people=people, links=len(network.edges), path=output
            )
        ),
        soft_wrap=True,
    )
