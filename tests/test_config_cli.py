"""``nj config set`` and ``nj config unset``: validated, atomic, comments kept."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netjournal import i18n
from netjournal.cli import app
from netjournal.config import load_config, set_in_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def nj(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    if code:
        assert result.stderr.startswith("Error:"), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def config() -> Path:
    return Path(nj("config", "path").stdout.strip())


def read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_set_creates_the_file(config: Path) -> None:
    assert not config.exists()
    result = nj("config", "set", "language", "id")
    assert read(config) == {"language": "id"}
    assert f'Set language = "id" in {config}' in " ".join(result.stderr.split())
    assert config.stat().st_mode & 0o777 == 0o600
    assert load_config().language == "id"
    assert 'language = "id"' in nj("config", "show").stdout


def test_set_types_and_validates(config: Path) -> None:
    nj("config", "set", "review_limit", "5")
    nj("config", "set", "day_first", "false")
    nj("config", "set", "language", "EN")
    assert read(config) == {"review_limit": 5, "day_first": False, "language": "en"}


def test_set_unknown_key_is_a_usage_error(config: Path) -> None:
    result = nj("config", "set", "colour", "blue", code=2)
    assert "Unknown setting 'colour'" in result.stderr
    assert "fresh_contact_days" in result.stderr
    assert not config.exists()
    nj("config", "unset", "colour", code=2)


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("review_limit", "five", "whole number between 0 and 3650"),
        ("review_limit", "4000", "whole number between 0 and 3650"),
        ("review_limit", "-1", "whole number between 0 and 3650"),
        ("day_first", "maybe", "true or false"),
        ("language", "fr", "one of auto, en, id"),
    ],
)
def test_set_invalid_value_is_bad_data(config: Path, key: str, value: str, words: str) -> None:
    result = nj("config", "set", key, "--", value, code=1)
    assert words in result.stderr
    assert not config.exists()


def test_set_and_unset_keep_comments_and_tables(config: Path) -> None:
    config.parent.mkdir(parents=True, exist_ok=True)
    original = (
        "# netjournal settings\n"
        "day_first = true  # we write 31/12\n"
        "\n"
        "[review]\n"
        "# a week is too short for us\n"
        "fresh_contact_days = 10\n"
        "review_limit = 5 # short review\n"
    )
    config.write_text(original, encoding="utf-8")
    nj("config", "set", "review_limit", "8")
    nj("config", "set", "language", "id")
    text = config.read_text(encoding="utf-8")
    assert "review_limit = 8  # short review\n" in text
    assert "# a week is too short for us\n" in text
    assert text.index('language = "id"') < text.index("[review]")
    assert read(config) == {
        "day_first": True,
        "language": "id",
        "review": {"fresh_contact_days": 10, "review_limit": 8},
    }
    nj("config", "unset", "review_limit")
    nj("config", "unset", "language")
    assert read(config) == {"day_first": True, "review": {"fresh_contact_days": 10}}
    assert "# we write 31/12" in config.read_text(encoding="utf-8")


def test_unset_of_a_key_not_set(config: Path) -> None:
    result = nj("config", "unset", "review_limit")
    assert "was not set" in result.stderr
    assert not config.exists()


def test_a_broken_file_is_never_overwritten(config: Path) -> None:
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("review_limit = [oops\n", encoding="utf-8")
    result = nj("config", "set", "review_limit", "3", code=1)
    assert "not valid TOML" in result.stderr
    assert config.read_text(encoding="utf-8") == "review_limit = [oops\n"


def test_config_rejects_a_bad_language_in_the_file(config: Path) -> None:
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('language = "jv"\n', encoding="utf-8")
    result = nj("config", "show", code=1)
    assert "'language' must be one of auto, en, id" in result.stderr


def test_config_language_switches_the_interface(config: Path, tmp_path: Path) -> None:
    nj("config", "set", "language", "id")
    i18n.set_language(None)
    try:
        result = CliRunner().invoke(app, ["log", "Nobody", "x", "--db", str(tmp_path / "j.db")])
        assert result.stderr == "Error: Tidak ada orang bernama 'Nobody'\n"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    ("text", "key", "value", "expected"),
    [
        ("", "language", "id", 'language = "id"\n'),
        ("a = 1", "language", "id", 'a = 1\nlanguage = "id"\n'),
        ("[review]\nx = 1\n", "language", "id", 'language = "id"\n\n[review]\nx = 1\n'),
        ('language = "en" # "#" here\n', "language", "id", 'language = "id"  # "#" here\n'),
        ("  review_limit=3\n", "review_limit", 4, "  review_limit = 4\n"),
        ("[other]\nreview_limit = 3\n", "review_limit", None, "[other]\nreview_limit = 3\n"),
    ],
)
def test_set_in_text(text: str, key: str, value: Any, expected: str) -> None:
    assert set_in_text(text, key, value) == expected
