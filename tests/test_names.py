"""Resolving NAME: id, exact (case/accent-insensitive), prefix, suggestions, ambiguity."""

from __future__ import annotations

import pytest
from tests.conftest import NJ

from netjournal.core import names
from netjournal.db.journal import open_journal
from netjournal.errors import Ambiguous, InvalidInput, NotFound


@pytest.fixture
def conn(tmp_path):
    journal = open_journal(tmp_path / "j.db")
    with journal.write() as c:
        for name, org in [
            ("José Ávila", "Notaris Bali"),
            ("Ann Lee", "Acme"),
            ("Annabel Smith", None),
            ("Budi Santoso", "Toko Tomat"),
            ("Ann Lee", "Other Co"),
        ]:
            c.execute(
                "INSERT INTO people (name, name_key, org, created_on) VALUES (?, ?, ?, '2026-01-01')",
                (name, names.name_key(name), org),
            )
    yield journal.conn
    journal.close()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("#4", 4),
        ("jose avila", 1),
        ("JOSÉ ÁVILA", 1),
        ("  josé   ávila ", 1),
        ("jos", 1),
        ("annab", 3),
        ("budi", 4),
        ("santoso", 4),  # prefix of a later word
    ],
)
def test_resolves(conn, text: str, expected: int) -> None:
    assert names.resolve(conn, text)["id"] == expected


def test_exact_name_shared_by_two_is_ambiguous_with_ids_and_orgs(conn) -> None:
    with pytest.raises(Ambiguous) as info:
        names.resolve(conn, "ann lee")
    message = info.value.message
    assert "#2" in message and "#5" in message
    assert "Acme" in message and "Other Co" in message
    assert [c["id"] for c in info.value.candidates] == [2, 5]


def test_prefix_matching_several_is_ambiguous(conn) -> None:
    with pytest.raises(Ambiguous) as info:
        names.resolve(conn, "ann")
    assert {c["id"] for c in info.value.candidates} == {2, 3, 5}


def test_unknown_name_suggests_close_names(conn) -> None:
    with pytest.raises(NotFound) as info:
        names.resolve(conn, "Budy Santosa")
    assert "did you mean" in info.value.message
    assert "Budi Santoso (#4" in info.value.message


def test_unknown_id(conn) -> None:
    with pytest.raises(NotFound, match="#99"):
        names.resolve(conn, "#99")


def test_empty_name(conn) -> None:
    with pytest.raises(InvalidInput):
        names.resolve(conn, "   ")


def test_like_wildcards_are_literal(conn) -> None:
    with pytest.raises(NotFound):
        names.resolve(conn, "%")
    with pytest.raises(NotFound):
        names.resolve(conn, "_nn")


def test_find_exact_never_uses_prefix(conn) -> None:
    assert names.find_exact(conn, "Annabel", None) is None
    assert names.find_exact(conn, "jose avila", None)["id"] == 1
    assert names.find_exact(conn, "#4", None)["id"] == 4


def test_name_key_folds_case_accents_and_space() -> None:
    assert names.name_key("  Ñoño  ÇAĞLAR ") == "nono caglar"


def test_a_name_of_marks_only_is_still_a_name(nj: NJ) -> None:
    """Found by the JSON round-trip property test: a lone '¨' folded to an empty key."""
    nj("met", "¨")
    assert nj.json("person", "show", "¨")["name"] == "¨"
