"""The situations evaluation of ``nj match`` (issue 13, part 5).

tests/data/match_situations.json is a network of 174 people and 263 needs
written as people describe situations ("anak saya demam terus", "aircon
dripping"), labelled before any tuning. The journal is built once through the
CLI, ``nj match --json`` ranks every open need, and the figures are top-1,
top-3 and MRR (over the first ten candidates), overall, by language and for
the held-out part (never looked at while tuning). Run with ``-s`` to see them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NJ, TODAY

from netjournal import i18n

DATA = Path(__file__).parent / "data" / "match_situations.json"
#: A second network and its needs, written blind by another hand after the
#: first set's tuning had overfitted it; its needs are the "dev" split.
DEV = Path(__file__).parent / "data" / "match_situations_dev.json"
#: The issue's target for the tune part (reached: 0.929, docs/matching.md).
TARGET_TOP3 = 0.9
#: Floors: what the matcher honestly gets today, minus a small margin. The
#: held-out part (0.908 top-3, 0.750 MRR) was never looked at while tuning; the
#: dev set (0.863, 0.755) was the tuning set of the second round.
TUNE_TOP3 = 0.9
HELDOUT_TOP3 = 0.86
HELDOUT_MRR = 0.70
DEV_TOP3 = 0.83
DEV_MRR = 0.72


def build(nj: NJ, data: dict[str, Any]) -> tuple[dict[str, int], dict[int, dict[str, Any]]]:
    ids: dict[str, int] = {}
    for p in data["people"]:
        args = ["person", "add", p["name"], "-q", "--allow-duplicate"]
        for option, key in (("--org", "org"), ("--role", "role"), ("--notes", "notes")):
            if p.get(key):
                args += [option, p[key]]
        for tag in p.get("tags", []):
            args += ["--tag", tag]
        for can in p.get("can", []):
            args += ["--can", can]
        ids[p["key"]] = int(nj(*args).stdout.strip())
    history = data["history"]
    for key, on, text in history["log"]:
        nj("log", str(ids[key]), text, "--on", on, "--kind", "call")
    for intro in history["intros"]:
        args = ["intro", "add", str(ids[intro["a"]]), str(ids[intro["b"]]), "--on", intro["on"]]
        need_id = ""
        if intro["need"]:
            need_id = nj(
                "need", "add", str(ids[intro["owner"]]), intro["need"], "--on", intro["on"], "-q"
            ).stdout.strip()
            args += ["--need", need_id]
        intro_id = nj(*args, "-q").stdout.strip()
        if intro["outcome"]:
            nj("intro", "outcome", intro_id, intro["outcome"], "--on", intro["on"])
            if need_id:
                nj("need", "done", need_id, "--on", intro["on"])
    needs: dict[int, dict[str, Any]] = {}
    for need in data["needs"]:
        out = nj("need", "add", str(ids[need["owner"]]), need["text"], "--on", "2026-11-01", "-q")
        needs[int(out.stdout.strip())] = need
    return ids, needs


def rank(tmp_path_factory: pytest.TempPathFactory, path: Path) -> dict[str, Any]:
    """Every need of ``path`` with its labels and the keys of its first ten candidates."""
    tmp = tmp_path_factory.mktemp("situations")
    data = json.loads(path.read_text(encoding="utf-8"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_DATA_HOME", str(tmp / "xdg-data"))
        mp.setenv("XDG_CONFIG_HOME", str(tmp / "xdg-config"))
        mp.setenv("XDG_CACHE_HOME", str(tmp / "xdg-cache"))
        mp.setenv("NETJOURNAL_TODAY", TODAY)
        for name in ("NETJOURNAL_DB", "NETJOURNAL_CONFIG", "NETJOURNAL_LANG"):
            mp.delenv(name, raising=False)
        i18n.set_language("en")
        nj = NJ(tmp / "journal.db")
        ids, needs = build(nj, data)
        results = nj.json("match", "--limit", "10")
    key_of = {v: k for k, v in ids.items()}
    out = []
    for r in results:
        need = needs.get(r["need"]["id"])
        if need is not None:
            out.append({**need, "got": [key_of[c["person"]["id"]] for c in r["candidates"]]})
    return {"needs": out, "count": len(needs)}


@pytest.fixture(scope="module")
def ranked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return rank(tmp_path_factory, DATA)


@pytest.fixture(scope="module")
def ranked_dev(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return rank(tmp_path_factory, DEV)


def figures(needs: list[dict[str, Any]]) -> dict[str, float]:
    top1 = top3 = rr = 0.0
    for need in needs:
        ranks = [i for i, key in enumerate(need["got"], 1) if key in need["expect"]]
        first = min(ranks) if ranks else 0
        top1 += first == 1
        top3 += 0 < first <= 3
        rr += 1 / first if first else 0.0
    n = max(len(needs), 1)
    return {"n": len(needs), "top1": top1 / n, "top3": top3 / n, "mrr": rr / n}


def report(ranked: dict[str, Any]) -> dict[str, dict[str, float]]:
    needs = ranked["needs"]
    parts: dict[str, list[dict[str, Any]]] = {"all": needs}
    for split in ("tune", "heldout"):
        parts[split] = [n for n in needs if n["split"] == split]
    for lang in ("en", "id", "mixed"):
        parts[f"lang:{lang}"] = [n for n in needs if n["lang"] == lang]
        parts[f"heldout:{lang}"] = [n for n in parts["heldout"] if n["lang"] == lang]
    return {name: figures(part) for name, part in parts.items()}


def test_situations_figures(ranked: dict[str, Any]) -> None:
    """One test (the journal is built once, also under xdist): all figures, all floors."""
    assert len(ranked["needs"]) == ranked["count"], "every open need is matched"
    table = report(ranked)
    for name, f in table.items():
        print(
            f"{name:14} n={int(f['n']):3} top1={f['top1']:.3f} top3={f['top3']:.3f} "
            f"mrr={f['mrr']:.3f}"
        )
    # Only the tune part's misses are shown: the held-out texts stay out of tuning.
    misses = [
        f"{n['text']!r}: expected {n['expect']}, got {n['got'][:3]}"
        for n in ranked["needs"]
        if n["split"] == "tune" and not set(n["got"][:3]) & set(n["expect"])
    ]
    print("\n".join(misses))
    assert table["tune"]["top3"] >= TUNE_TOP3, "\n".join(misses)
    assert table["heldout"]["top3"] >= HELDOUT_TOP3
    assert table["heldout"]["mrr"] >= HELDOUT_MRR
    with_traps = [n for n in ranked["needs"] if n.get("traps")]
    trapped = [n for n in with_traps if n["got"][:1] == n["traps"][:1]]
    print(f"traps first: {len(trapped)} of {len(with_traps)}")
    assert len(trapped) <= 8, len(trapped)


def test_tune_part_reaches_the_issue_target(ranked: dict[str, Any]) -> None:
    assert report(ranked)["tune"]["top3"] >= TARGET_TOP3


def test_dev_figures(ranked_dev: dict[str, Any]) -> None:
    assert len(ranked_dev["needs"]) == ranked_dev["count"], "every open need is matched"
    table = report(ranked_dev)
    print()
    for name in ("all", "lang:en", "lang:id", "lang:mixed"):
        f = table[name]
        print(
            f"dev {name:10} n={int(f['n']):3} top1={f['top1']:.3f} top3={f['top3']:.3f} "
            f"mrr={f['mrr']:.3f}"
        )
    assert table["all"]["top3"] >= DEV_TOP3
    assert table["all"]["mrr"] >= DEV_MRR
    with_traps = [n for n in ranked_dev["needs"] if n.get("traps")]
    trapped = [n for n in with_traps if n["got"][:1] == n["traps"][:1]]
    print(f"dev traps first: {len(trapped)} of {len(with_traps)}")
    assert len(trapped) <= 10, len(trapped)
    for n in trapped:
        print(f"dev trap {n['text']!r}: {n['got'][:1]}")
    # The dev set is for tuning: its misses are shown.
    for n in ranked_dev["needs"]:
        if not set(n["got"][:3]) & set(n["expect"]):
            print(f"dev miss {n['text']!r}: expected {n['expect']}, got {n['got'][:3]}")
