"""``nj config path`` and ``nj config show``: the TOML config file and its effective values."""

from __future__ import annotations

import typer

from netjournal.cli.common import CONTEXT, JsonOpt
from netjournal.i18n import _

config_app = typer.Typer(
    help=_("Where the config file is and which settings are in effect."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")


@config_app.command("path")
def path() -> None:
    """Print the path of the config file (it may not exist yet)."""
    import sys

    from netjournal.config import config_path

    sys.stdout.write(f"{config_path()}\n")


@config_app.command("show")
def show(json_out: JsonOpt = False) -> None:
    """Print the settings in effect (the file's values over the defaults), as TOML."""
    import sys

    from netjournal import render
    from netjournal.config import config_path, load_config

    config = load_config()
    values = config.as_dict()
    where = config_path()
    if json_out:
        render.print_json({"path": str(where), "exists": where.is_file(), "settings": values})
        return
    origin = _("from {path}") if where.is_file() else _("defaults; no file at {path}")
    lines = [f"# {origin.format(path=where)}"]
    for key, value in values.items():
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        lines.append(f"{key} = {shown}")
    sys.stdout.write("\n".join(lines) + "\n")
