"""Shared fixtures: a real journal file in tmp_path, a fixed today, a fixed width."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netjournal import i18n
from netjournal.cli import app

TODAY = "2026-11-28"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Never touch the user's files: data, config and today are all fixed."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY)
    monkeypatch.setenv("NETJOURNAL_WIDTH", "100")
    monkeypatch.delenv("NETJOURNAL_DB", raising=False)
    monkeypatch.delenv("NETJOURNAL_CONFIG", raising=False)
    monkeypatch.delenv("NETJOURNAL_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    # English, whatever the developer's LANG says (the language is chosen once
    # per process; tests that want Indonesian ask for it).
    i18n.set_language("en")
    yield


@pytest.fixture
def indonesian() -> Iterator[None]:
    """The interface in Indonesian for one test (the language is chosen per process)."""
    i18n.set_language("id")
    yield
    i18n.set_language("en")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


class NJ:
    """Run ``nj`` in-process through Typer's CliRunner against one database."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(
        self,
        *args: str,
        ok: bool = True,
        input: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Any:
        result = self.runner.invoke(app, [*args, "--db", str(self.db)], input=input, env=env)
        if ok:
            assert result.exit_code == 0, (result.stdout, result.stderr)
            assert result.exception is None or isinstance(result.exception, SystemExit)
        return result

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        return json.loads(result.stdout)

    def fails(self, *args: str, code: int = 1) -> Any:
        result = self(*args, ok=False)
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        assert result.stderr.startswith("Error:"), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
        return result


@pytest.fixture
def nj(db: Path) -> NJ:
    # An empty journal, as the first writing command would leave it: read
    # commands no longer create one (issue 11 #9).
    from netjournal.db.journal import open_journal

    open_journal(db).close()
    return NJ(db)


@pytest.fixture
def fresh_nj(db: Path) -> NJ:
    """``nj`` with no journal file yet (for what must not create one)."""
    return NJ(db)


def table_counts(db: Path) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (
                "people",
                "tags",
                "capabilities",
                "interactions",
                "needs",
                "offers",
                "introductions",
                "followups",
            )
        }
    finally:
        conn.close()


__all__ = ["NJ", "TODAY", "table_counts"]
