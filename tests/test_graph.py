"""``nj graph``: the network map as dot, mermaid, svg, html and JSON, on real journals."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NJ

SHORT = 'Q"]<i>#1;`|{'
HOSTILE = 'Evil "Q" <script>alert(1)</script> ]] `x` #1; a\\b | {c} \x1b[31mred'


@pytest.fixture
def story(nj: NJ) -> NJ:
    """Ann needs a notary, you introduce her to Bob; you help Cara; Dewi helps you;
    Eko is met and nothing else."""
    nj("met", "Ann Lee", "--on", "2026-11-01", "--needs", "a notary in Bali")
    nj("met", "Bob Tan", "--on", "2026-11-01", "--can", "notary work")
    nj("met", "Cara Wijaya", "--on", "2026-11-02")
    nj("met", "Dewi Lestari", "--on", "2026-11-02")
    nj("met", "Eko Prasetyo", "--on", "2026-11-03")
    nj("intro", "add", "Ann", "Bob", "--need", "1", "--on", "2026-11-05")
    nj("offer", "add", "Cara", "a catering tasting", "--done", "--on", "2026-11-06")
    nj("offer", "add", "Dewi", "lent us a cool box", "--received", "--on", "2026-11-07")
    nj("offer", "add", "Eko", "a promise not kept yet", "--on", "2026-11-08")
    return nj


def _graph(nj: NJ, *args: str) -> Any:
    return nj.json("graph", *args)


def _names(doc: dict[str, Any]) -> list[str]:
    return [n["name"] for n in doc["nodes"]]


def test_the_map_has_people_you_and_every_kind_of_help(story: NJ) -> None:
    doc = _graph(story)
    assert doc["as_of"] == "2026-11-28"
    assert _names(doc) == ["You", "Ann Lee", "Bob Tan", "Cara Wijaya", "Dewi Lestari"]
    assert doc["left_out"] == 1  # Eko: a promise is not help given yet
    edges = {(e["kind"], e["source"], e["target"]): e for e in doc["edges"]}
    intro = edges[("introduction", 1, 2)]
    assert intro["label"] == "a notary in Bali" and intro["on"] == "2026-11-05"
    assert intro["directed"] is False and intro["ref"] == "intro:1"
    assert edges[("help_given", 0, 3)]["label"] == "a catering tasting"
    assert edges[("help_received", 4, 0)]["directed"] is True


def test_records_after_today_are_not_on_the_map(story: NJ) -> None:
    result = story("graph", "--json", env={"NETJOURNAL_TODAY": "2026-11-05"})
    doc = json.loads(result.stdout)
    assert [e["kind"] for e in doc["edges"]] == ["introduction"]
    assert "You" not in _names(doc)


def test_dot_and_mermaid(story: NJ) -> None:
    dot = story("graph").stdout
    assert dot.startswith("digraph netjournal {") and dot.rstrip().endswith("}")
    assert 'p1 [label="Ann Lee"' in dot
    assert re.search(r'p1 -> p2 \[color="#2b6cb0", label="a notary in Bali".*dir=none\]', dot)
    assert "you -> p3" in dot and "p4 -> you" in dot
    mermaid = story("graph", "--format", "mermaid").stdout
    assert mermaid.startswith("flowchart LR\n")
    assert 'you(("You"))' in mermaid and 'p2["Bob Tan"]' in mermaid
    assert 'p1 ---|"a notary in Bali"| p2' in mermaid
    assert 'you -->|"a catering tasting"| p3' in mermaid


def test_a_persons_neighbourhood(story: NJ) -> None:
    assert _names(_graph(story, "--person", "Ann")) == ["Ann Lee", "Bob Tan"]
    assert _names(_graph(story, "--person", "Ann", "--depth", "0")) == ["Ann Lee"]
    # Cara's help links her to You, but hops never pass through You to Dewi.
    doc = _graph(story, "--person", "Cara", "--depth", "3")
    assert _names(doc) == ["You", "Cara Wijaya"]
    assert doc["focus"] == 3 and doc["depth"] == 3
    # Someone with no link at all is still drawn, alone.
    assert _names(_graph(story, "--person", "Eko")) == ["Eko Prasetyo"]


def _add_columns(db: Path) -> None:
    """What the referrals (m006) and archive migrations will add."""
    conn = sqlite3.connect(db)
    with conn:
        have = {r[1] for r in conn.execute("PRAGMA table_info(people)")}
        for column in ("referred_by INTEGER", "archived_on TEXT"):
            if column.split()[0] not in have:  # m006 adds them
                conn.execute(f"ALTER TABLE people ADD COLUMN {column}")
        conn.execute("UPDATE people SET referred_by = 1 WHERE name = 'Eko Prasetyo'")
        conn.execute("UPDATE people SET archived_on = '2026-11-20' WHERE name = 'Bob Tan'")
    conn.close()


def test_referrals_and_archived_people_when_their_columns_exist(story: NJ, db: Path) -> None:
    _add_columns(db)
    doc = _graph(story)
    referral = [e for e in doc["edges"] if e["kind"] == "referral"]
    assert referral == [
        {
            "kind": "referral",
            "source": 1,
            "target": 5,
            "directed": True,
            "on": "2026-11-03",
            "label": None,
            "ref": "person:5",
        }
    ]
    assert [n["name"] for n in doc["nodes"] if n["archived"]] == ["Bob Tan"]
    dot = story("graph").stdout
    assert 'p2 [label="Bob Tan (archived)"' in dot and "style=dashed" in dot
    mermaid = story("graph", "-f", "mermaid").stdout
    assert "p1 -.-> p5" in mermaid and "class p2 archived" in mermaid
    # Ann's neighbourhood now reaches Eko through the referral.
    assert _names(_graph(story, "--person", "Ann")) == ["Ann Lee", "Bob Tan", "Eko Prasetyo"]


def _hostile_journal(nj: NJ, db: Path) -> None:
    """A name and a need full of quotes, markup and escape codes (as an old import
    could have stored them; `nj met` refuses control characters)."""
    nj("met", "Plain Person", "--on", "2026-11-01")
    nj("met", "Placeholder", "--on", "2026-11-01", "--needs", "x")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE people SET name = ? WHERE id = 1", (SHORT,))
        conn.execute("UPDATE people SET name = ? WHERE id = 2", (HOSTILE,))
        conn.execute("UPDATE needs SET text = ? WHERE id = 1", (HOSTILE + "\nline two",))
    conn.close()
    nj("intro", "add", "#1", "#2", "--need", "1", "--on", "2026-11-02")


def test_hostile_names_in_dot_and_mermaid(nj: NJ, db: Path) -> None:
    _hostile_journal(nj, db)
    dot = nj("graph").stdout
    assert "\x1b" not in dot
    for line in dot.splitlines():  # every quoted string closes on its own line
        assert len(re.findall(r'(?<!\\)"', line.replace("\\\\", ""))) % 2 == 0, line
    # The label is shortened; the tooltip carries the whole name.
    assert 'tooltip="Evil \\"Q\\" <script>alert(1)</script> ]] `x` #1; a\\\\b | {c} [31mred"' in dot
    mermaid = nj("graph", "--format", "mermaid").stdout
    assert "\x1b" not in mermaid and "<script" not in mermaid
    node = next(line for line in mermaid.splitlines() if line.strip().startswith("p2["))
    assert node.count('"') == 2 and "]]" not in node
    assert "#quot;Q#quot;" in node and "#lt;script#gt;" in node
    assert 'p1["Q#quot;#93;#lt;i#gt;#35;1;#96;#124;#123;"]' in mermaid
    assert len(mermaid.splitlines()) == 6  # the need's newline did not start a new statement


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_hostile_names_in_svg_and_html(nj: NJ, db: Path, fmt: str) -> None:
    _hostile_journal(nj, db)
    text = nj("graph", "--format", fmt).stdout
    assert "\x1b" not in text
    assert text.count("<script") == (1 if fmt == "html" else 0)
    svg = text[text.index("<svg") : text.index("</svg>") + 6]
    root = ET.fromstring(svg)  # well-formed XML
    titles = ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}title")]
    assert 'Evil "Q" <script>alert(1)</script> ]] `x` #1; a\\b | {c} [31mred' in titles
    texts = ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert 'Evil "Q" <script>alert(1)</…' in texts
    assert not [el for el in root.iter() if el.tag.endswith("script")]


def test_html_is_self_contained(story: NJ) -> None:
    html = story("graph", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>")
    assert "<svg" in html and "<script>" in html
    assert not re.search(r"<script[^>]*\bsrc\s*=", html)
    assert not re.search(r"<link\b", html)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "@import" not in html and "url(http" not in html
    assert "default-src 'none'" in html


def test_the_picture_is_the_same_every_time(story: NJ) -> None:
    first = story("graph", "--format", "svg").stdout
    assert first == story("graph", "--format", "svg").stdout
    assert first.count('class="node') == 5
    assert 'marker-end="url(#arrow-help_given)"' in first


def test_output_file(story: NJ, tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    result = story("graph", "--format", "svg", "--output", str(target))
    assert result.stdout.startswith("Wrote the network map (4 people, 3 links) to ")
    assert target.read_text(encoding="utf-8").startswith("<svg")
    assert os.stat(target).st_mode & 0o777 == 0o600
    story.fails("graph", "--output", str(target))
    assert target.read_text(encoding="utf-8").startswith("<svg")  # untouched
    story("graph", "--output", str(target), "--force")
    assert target.read_text(encoding="utf-8").startswith("digraph")


def test_usage_errors(story: NJ) -> None:
    story.fails("graph", "--format", "png", code=2)
    story.fails("graph", "--depth", "2", code=2)
    story.fails("graph", "--person", "Ann", "--depth", "-1", code=2)
    story.fails("graph", "--json", "--format", "svg", code=2)
    assert "Nobody" in story.fails("graph", "--person", "Nobody").stderr


def test_svg_without_networkx_says_how_to_install(
    story: NJ, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "networkx", None)  # import networkx now fails
    result = story.fails("graph", "--format", "svg", "--output", str(tmp_path / "m.svg"))
    assert "pip install 'netjournal[graph]'" in result.stderr
    assert not (tmp_path / "m.svg").exists()
    story("graph", "--format", "mermaid")  # needs nothing


def test_an_empty_journal_draws_an_empty_map(nj: NJ) -> None:
    assert _graph(nj)["nodes"] == []
    assert "Nothing to draw yet" in nj("graph", "--format", "svg").stdout


def test_dot_never_loads_networkx(story: NJ, db: Path) -> None:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('NX=%s' % ('networkx' in sys.modules)))\n"
        "from netjournal.cli import main\n"
        f"sys.argv = ['nj', 'graph', '--db', {str(db)!r}]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("digraph")
    assert result.stderr.endswith("NX=False")


def test_the_installed_nj_writes_an_html_map(story: NJ, db: Path, tmp_path: Path) -> None:
    nj_bin = Path(sys.executable).with_name("nj")
    target = tmp_path / "map.html"
    result = subprocess.run(
        [str(nj_bin), "graph", "--format", "html", "--output", str(target), "--db", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "NETJOURNAL_TODAY": "2026-11-28"},
    )
    assert result.returncode == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert "Ann Lee" in page and page.rstrip().endswith("</html>")
