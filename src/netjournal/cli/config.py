"""``nj config path|show|set|unset``: the TOML config file and its effective values."""
# No "from __future__ import annotations": Typer would eval every string
# annotation when it builds a command (measurable on every call).

from pathlib import Path
from typing import Annotated

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
    from netjournal.config import config_path, load_config, toml_value

    config = load_config()
    values = config.as_dict()
    where = config_path()
    if json_out:
        render.print_json({"path": str(where), "exists": where.is_file(), "settings": values})
        return
    origin = _("from {path}") if where.is_file() else _("defaults; no file at {path}")
    lines = [f"# {origin.format(path=where)}"]
    for key, value in values.items():
        lines.append(f"{key} = {toml_value(value)}")
    sys.stdout.write("\n".join(lines) + "\n")


def _check_key(key: str) -> None:
    from netjournal.config import Config
    from netjournal.errors import UsageProblem

    keys = list(Config().as_dict())
    if key not in keys:
        raise UsageProblem(
            _("Unknown setting '{key}'; the settings are: {keys}").format(
                key=key, keys=", ".join(keys)
            )
        )


def _rewrite(key: str, value: int | bool | str | None) -> tuple[str, bool]:
    """Write the config file with ``key`` set (or removed); (path, whether it changed)."""
    from netjournal.config import config_path, parse_config, set_in_text
    from netjournal.errors import InvalidInput

    where = config_path()
    try:
        old = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            _("Cannot read config file {path}: {exc}").format(path=where, exc=exc)
        ) from None
    if old is not None:
        parse_config(old, str(where))  # never rewrite a file we cannot read back
    new = set_in_text(old or "", key, value)
    parse_config(new, str(where))
    if new == (old or "") and (old is not None or value is None):
        return str(where), False
    _write_atomically(where, new)
    return str(where), True


def _write_atomically(target: Path, text: str) -> None:
    """Replace the file in one step: a crash leaves the old file or the new one."""
    import contextlib
    import os
    import tempfile

    from netjournal.errors import InvalidInput

    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o600
        fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise InvalidInput(
            _("Cannot write config file {path}: {exc}").format(path=target, exc=exc.strerror or exc)
        ) from None


@config_app.command("set")
def set_(
    key: Annotated[str, typer.Argument(metavar="KEY", help="The setting (see 'nj config show').")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="Its new value.")],
) -> None:
    """Change one setting in the config file (created if missing; comments are kept)."""
    from netjournal import render
    from netjournal.config import parse_value, toml_value

    _check_key(key)
    typed = parse_value(key, value)
    where, _changed = _rewrite(key, typed)
    render.note(
        _("Set {key} = {value} in {path}").format(key=key, value=toml_value(typed), path=where)
    )


@config_app.command("unset")
def unset(
    key: Annotated[str, typer.Argument(metavar="KEY", help="The setting to remove.")],
) -> None:
    """Remove a setting from the config file: its default applies again."""
    from netjournal import render
    from netjournal.config import Config, toml_value

    _check_key(key)
    where, changed = _rewrite(key, None)
    default = toml_value(Config().as_dict()[key])
    if changed:
        message = _("Removed {key} from {path}; the default applies ({value})")
    else:
        message = _("{key} was not set in {path}; the default applies ({value})")
    render.note(message.format(key=key, path=where, value=default))
