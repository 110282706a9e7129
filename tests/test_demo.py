"""``nj demo``: its own database, never the user's journal, and a pinned review."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tests.conftest import NJ, table_counts
from typer.testing import CliRunner

from netjournal.cli import app

GOLDEN = Path(__file__).parent / "data" / "demo_review.json"


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def _matcher_free(data: dict[str, Any]) -> dict[str, Any]:
    """The review without what depends on the matcher (checked separately)."""
    for item in data["introductions"]:
        item.pop("suggestions")
        item.pop("next")
        item.pop("actions")  # the first one introduces the first suggestion
    return data


def test_demo_review_matches_the_golden_file(tmp_path: Path) -> None:
    data = _matcher_free(json.loads(run("demo", "--json").stdout))
    if os.environ.get("NETJOURNAL_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert data == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_demo_is_the_same_whatever_today_is() -> None:
    a = run("demo", "--json", env={"NETJOURNAL_TODAY": "2030-01-01"}).stdout
    b = run("demo", "--json").stdout
    assert a == b


def test_demo_suggests_the_obvious_people() -> None:
    data = json.loads(run("demo", "--json").stdout)
    best = {
        i["need"]["text"]: i["suggestions"][0]["person"]["name"]
        for i in data["introductions"]
        if i["suggestions"]
    }
    assert best["help with the KITAS paperwork (visa)"] == "Agus Hidayat"
    assert best["dokter anak yang bagus di Jakarta Selatan (good paediatrician)"] == "Hendra Kusuma"


def test_demo_uses_its_own_database(tmp_path: Path) -> None:
    journal = tmp_path / "xdg-data" / "netjournal" / "journal.db"
    result = run("demo")
    demo_db = tmp_path / "xdg-data" / "netjournal" / "demo.db"
    assert demo_db.exists()
    assert not journal.exists()
    assert str(demo_db) in result.stderr
    assert "Weekly review, Saturday 28 November 2026" in result.stdout
    assert "Made Suarta" in result.stdout
    # Recreated each time, not added to.
    run("demo")
    assert table_counts(demo_db)["people"] == 30


def test_demo_ignores_netjournal_db(tmp_path: Path) -> None:
    mine = tmp_path / "mine.db"
    run("demo", env={"NETJOURNAL_DB": str(mine)})
    assert not mine.exists()


def test_demo_refuses_a_journal_with_people(nj: NJ, db: Path) -> None:
    nj("met", "Ann")
    before = table_counts(db)
    result = nj.fails("demo")
    assert "already has 1 people" in result.stderr
    assert table_counts(db) == before


def test_demo_force_replaces_after_a_backup(nj: NJ, db: Path) -> None:
    nj("met", "Ann")
    nj("demo", "--force")
    assert table_counts(db)["people"] == 30
    backup = db.with_name(db.name + ".before-demo.bak")
    assert table_counts(backup)["people"] == 1


def test_demo_into_an_explicit_new_file(nj: NJ, db: Path) -> None:
    nj("demo", "--format", "markdown")
    assert table_counts(db)["people"] == 30


def test_demo_bad_format(nj: NJ) -> None:
    nj.fails("demo", "--format", "pdf", code=2)
