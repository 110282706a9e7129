"""Every command's --help renders (help text is Rich markup in Typer: a stray [..] would crash)."""

from __future__ import annotations

from typer.testing import CliRunner

from netjournal.cli import app


def _commands(group, prefix=()):  # type: ignore[no-untyped-def]
    import typer

    command = typer.main.get_command(group) if not prefix else group
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*prefix, name))


def test_every_help_renders() -> None:
    runner = CliRunner()
    paths = list(_commands(app))
    assert ("met",) in paths and ("person", "show") in paths
    for path in paths:
        for flag in ("--help", "-h"):
            result = runner.invoke(app, [*path, flag])
            assert result.exit_code == 0, (path, result.stderr)
            assert "Usage" in result.stdout


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("netjournal ")
