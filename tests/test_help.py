"""Every command's --help renders (help text is Rich markup in Typer: a stray [..] would crash)."""

from __future__ import annotations

from typer.testing import CliRunner

from netjournal.cli import app


def _commands(command, prefix=()):  # type: ignore[no-untyped-def]
    yield prefix
    if hasattr(command, "list_commands"):
        for name in command.list_commands(None):
            yield from _commands(command.get_command(None, name), (*prefix, name))


def all_command_paths() -> list[tuple[str, ...]]:
    import typer

    return list(_commands(typer.main.get_command(app)))


def test_every_help_renders() -> None:
    runner = CliRunner()
    paths = all_command_paths()
    assert ("met",) in paths and ("person", "show") in paths
    for path in paths:
        for flag in ("--help", "-h"):
            result = runner.invoke(app, [*path, flag])
            assert result.exit_code == 0, (path, result.stderr)
            assert "Usage" in result.stdout


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("netjournal ")
