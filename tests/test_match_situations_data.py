"""The shape of the situations evaluation set (issue 13, part 5).

tests/data/match_situations.json is labelled data for ``nj match``: a network
of people and needs written as situations, each need labelled with the people
who would be a good introduction. This test only checks the file is sound
(counts, keys, labels, splits); it does not run the matcher.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data" / "match_situations.json"
DEV = Path(__file__).parent / "data" / "match_situations_dev.json"
PERSON_KEYS = {"key", "name", "org", "role", "tags", "can", "notes"}
NEED_KEYS = {"owner", "text", "lang", "expect", "split", "family"}
LANGS = {"en", "id", "mixed"}


@pytest.fixture(scope="module", params=[DATA, DEV], ids=["situations", "dev"])
def data(request: pytest.FixtureRequest) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(request.param.read_text(encoding="utf-8"))
    return loaded


def test_top_level(data: dict[str, Any]) -> None:
    assert {"about", "people", "history", "needs"} <= set(data)
    assert isinstance(data["about"], str) and data["about"]


def test_people(data: dict[str, Any]) -> None:
    people = data["people"]
    assert len(people) >= 150
    keys = [p["key"] for p in people]
    assert len(keys) == len(set(keys)), "person keys must be unique"
    for p in people:
        assert set(p) == PERSON_KEYS, p
        assert isinstance(p["name"], str) and p["name"].strip()
        for field in ("org", "role", "notes"):
            assert p[field] is None or (isinstance(p[field], str) and p[field].strip()), p
        assert isinstance(p["tags"], list) and all(isinstance(t, str) and t for t in p["tags"])
        assert isinstance(p["can"], list) and all(isinstance(c, str) and c for c in p["can"])
    # A business saved by its name alone ("Gentleman Barber") is real, but rare.
    bare = [p for p in people if not (p["role"] or p["org"] or p["can"] or p["notes"])]
    assert len(bare) <= 0.06 * len(people), [p["key"] for p in bare]


def test_needs(data: dict[str, Any]) -> None:
    keys = {p["key"] for p in data["people"]}
    needs = data["needs"]
    assert len(needs) >= 200
    texts = [n["text"] for n in needs]
    assert len(texts) == len(set(texts)), "need texts must be unique"
    for n in needs:
        assert NEED_KEYS <= set(n) <= NEED_KEYS | {"traps"}, n
        assert n["owner"] in keys, n
        assert n["lang"] in LANGS, n
        assert n["split"] in {"tune", "heldout", "dev"}, n
        assert isinstance(n["family"], str) and n["family"], n
        assert n["expect"], n
        assert len(n["expect"]) == len(set(n["expect"])), n
        for key in n["expect"]:
            assert key in keys, (n["text"], key)
            assert key != n["owner"], f"owner is expected for {n['text']!r}"
        for key in n.get("traps", []):
            assert key in keys and key not in n["expect"], (n["text"], key)


def test_balance(data: dict[str, Any]) -> None:
    needs = data["needs"]
    langs = Counter(n["lang"] for n in needs)
    assert langs["id"] / len(needs) >= 0.40
    assert langs["en"] and langs["mixed"]
    families = {n["family"] for n in needs}
    assert len(families) >= 15
    if needs[0]["split"] == "dev":  # the second set is all dev: no held-out part
        assert {n["split"] for n in needs} == {"dev"}
        return
    heldout = [n for n in needs if n["split"] == "heldout"]
    assert 0.20 <= len(heldout) / len(needs) <= 0.30
    assert {n["lang"] for n in heldout} == LANGS
    assert {n["family"] for n in heldout} == families


def test_history(data: dict[str, Any]) -> None:
    keys = {p["key"] for p in data["people"]}
    history = data["history"]
    for key, on, text in history["log"]:
        assert key in keys and len(on) == 10 and text
    for intro in history["intros"]:
        assert {intro["a"], intro["b"], intro["owner"]} <= keys
        assert intro["owner"] in {intro["a"], intro["b"]}
