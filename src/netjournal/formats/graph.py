"""The network map written out: Graphviz dot, Mermaid, SVG and self-contained HTML.

Every writer reads a :class:`~netjournal.core.network.Network` and returns a
string. Names and labels are user text, escaped for each format: dot quoting,
Mermaid entity codes, XML escaping in SVG and HTML; control characters (escape
codes) are removed everywhere. dot and Mermaid need nothing; SVG and HTML lay
the map out with networkx (the optional ``graph`` extra, with numpy), imported
only here, so no other command pays for it.
"""

from __future__ import annotations

import math
import re
from html import escape as _xml
from typing import Any

from netjournal.core.network import YOU, Edge, EdgeKind, Network, Node
from netjournal.errors import NetjournalError
from netjournal.i18n import _
from netjournal.text import displayable

FORMATS = ("dot", "mermaid", "html", "svg")
#: A fixed seed: the same journal always gives the same picture (the docs check it).
SEED = 20261128
LABEL_MAX = 32
COLOURS: dict[EdgeKind, str] = {
    "introduction": "#2b6cb0",
    "help_given": "#2f855a",
    "help_received": "#c05621",
    "referral": "#6b46c1",
}


class LayoutUnavailable(NetjournalError):
    """networkx (or numpy) is not installed: svg and html cannot be laid out."""


def kind_name(kind: EdgeKind) -> str:
    return {
        "introduction": _("introduction"),
        "help_given": _("help given"),
        "help_received": _("help received"),
        "referral": _("referral"),
    }[kind]


def _plain(text: str | None) -> str:
    """One harmless line: no control characters, whitespace collapsed."""
    return " ".join(displayable(text or "").split())


def _short(text: str | None, limit: int = LABEL_MAX) -> str:
    text = _plain(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _node_label(node: Node) -> str:
    name = _short(node.name)
    return name + _(" (archived)") if node.archived else name


def _node_id(node_id: int) -> str:
    return "you" if node_id == YOU else f"p{node_id}"


def _title(network: Network) -> str:
    return _("Network map on {date}").format(date=network.as_of)


# --------------------------------------------------------------------------
# Graphviz dot
# --------------------------------------------------------------------------


def _dot(text: str) -> str:
    """A dot double-quoted string: backslashes and quotes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(network: Network) -> str:
    lines = [
        "digraph netjournal {",
        f"  graph [label={_dot(_title(network))}, labelloc=t, fontname=Helvetica];",
        '  node [shape=box, style="rounded", fontname=Helvetica];',
        "  edge [fontname=Helvetica, fontsize=10];",
    ]
    for node in network.nodes:
        attrs = [f"label={_dot(_node_label(node))}", f"tooltip={_dot(_plain(node.name))}"]
        if node.is_you:
            attrs += ["shape=ellipse", 'style="bold"']
        elif node.archived:
            attrs += ['style="rounded,dashed"', "fontcolor=gray40", "color=gray60"]
        lines.append(f"  {_node_id(node.id)} [{', '.join(attrs)}];")
    for edge in network.edges:
        attrs = [f'color="{COLOURS[edge.kind]}"']
        if edge.label:
            attrs.append(f"label={_dot(_short(edge.label))}")
        attrs.append(f"tooltip={_dot(_edge_tip(edge))}")
        if not edge.directed:
            attrs.append("dir=none")
        if edge.kind == "referral":
            attrs.append("style=dashed")
        lines.append(f"  {_node_id(edge.source)} -> {_node_id(edge.target)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _edge_tip(edge: Edge) -> str:
    head = kind_name(edge.kind) + (f", {edge.on}" if edge.on else "")
    return head + (f": {_plain(edge.label)}" if edge.label else "")


# --------------------------------------------------------------------------
# Mermaid
# --------------------------------------------------------------------------

# Inside a quoted Mermaid label these would end the string, start an entity or
# a tag, or be read as markdown: write them as Mermaid's #code; entities.
_MERMAID = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "|": "#124;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
}
_MERMAID_RE = re.compile("[" + re.escape("".join(_MERMAID)) + "]")


def _mermaid(text: str) -> str:
    return '"' + _MERMAID_RE.sub(lambda m: _MERMAID[m.group()], text) + '"'


def to_mermaid(network: Network) -> str:
    lines = ["flowchart LR", f"  %% {_mermaid(_title(network))[1:-1]}"]
    for node in network.nodes:
        label = _mermaid(_node_label(node))
        shape = f"(({label}))" if node.is_you else f"[{label}]"
        lines.append(f"  {_node_id(node.id)}{shape}")
    styles: dict[EdgeKind, list[str]] = {}
    for n, edge in enumerate(network.edges):
        arrow = {"introduction": "---", "referral": "-.->"}.get(edge.kind, "-->")
        text = f"|{_mermaid(_short(edge.label))}|" if edge.label else ""
        lines.append(f"  {_node_id(edge.source)} {arrow}{text} {_node_id(edge.target)}")
        styles.setdefault(edge.kind, []).append(str(n))
    for kind, indexes in styles.items():
        lines.append(f"  linkStyle {','.join(indexes)} stroke:{COLOURS[kind]}")
    archived = [_node_id(n.id) for n in network.nodes if n.archived]
    if archived:
        lines.append("  classDef archived stroke-dasharray:4 4,color:#777")
        lines.append(f"  class {','.join(archived)} archived")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Layout (networkx)
# --------------------------------------------------------------------------


def require_layout() -> None:
    """Raise :class:`LayoutUnavailable` unless networkx and numpy can be imported."""
    try:
        import networkx  # noqa: F401
        import numpy  # noqa: F401  (networkx's layouts need it)
    except ImportError:
        raise LayoutUnavailable(
            _(
                "Drawing the map as svg or html needs networkx and numpy: "
                "pip install 'netjournal[graph]' (dot and mermaid need nothing)"
            )
        ) from None


def layout(network: Network) -> dict[int, tuple[float, float]]:
    """Node positions in [0, 1] x [0, 1], the same for the same journal: each group
    of connected people laid out by networkx's spring layout (fixed seed), the
    groups then packed side by side."""
    require_layout()
    import networkx as nx

    if not network.nodes:
        return {}
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in network.nodes)
    graph.add_edges_from((e.source, e.target) for e in network.edges)
    parts = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    placed: list[tuple[dict[int, tuple[float, float]], float]] = []
    for part in parts:
        sub = graph.subgraph(part)
        try:
            raw = nx.spring_layout(sub, seed=SEED, iterations=200, method="force")
        except ImportError:  # 500 people or more need scipy for the spring layout
            raw = nx.circular_layout(sub)
        placed.append((_unit({int(k): (float(p[0]), float(p[1])) for k, p in raw.items()}), 0))
    return _unit(_pack([(pos, math.sqrt(len(pos))) for pos, _n in placed]))


def _unit(points: dict[int, tuple[float, float]]) -> dict[int, tuple[float, float]]:
    """Scale points into [0, 1] x [0, 1] (a single point, or a flat line, in the middle)."""
    xs = [p[0] for p in points.values()]
    ys = [p[1] for p in points.values()]
    lo_x, lo_y = min(xs), min(ys)
    span_x, span_y = max(xs) - lo_x, max(ys) - lo_y
    return {
        k: (
            round((x - lo_x) / span_x, 4) if span_x > 1e-9 else 0.5,
            round((y - lo_y) / span_y, 4) if span_y > 1e-9 else 0.5,
        )
        for k, (x, y) in points.items()
    }


def _pack(
    parts: list[tuple[dict[int, tuple[float, float]], float]],
) -> dict[int, tuple[float, float]]:
    """Put separately laid-out groups side by side in rows, the biggest first
    (one layout of everything would fling the small groups to the corners)."""
    row_width = max(max(side for _p, side in parts), math.sqrt(sum(s * s for _p, s in parts)) * 1.4)
    out: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for points, side in parts:
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        inner = side * 0.8 if len(points) > 1 else 0.0
        for k, (px, py) in points.items():
            out[k] = (x + side * 0.1 + px * inner, -(y + side * 0.1 + py * inner))
        x, row_height = x + side, max(row_height, side)
    return out


# --------------------------------------------------------------------------
# SVG and HTML
# --------------------------------------------------------------------------


def _x(text: str) -> str:
    """Text for XML content or a double-quoted attribute."""
    return _xml(_plain(text), quote=True)


def _canvas(n: int) -> tuple[int, int]:
    width = int(min(1600, 360 + 140 * math.sqrt(max(n, 1))))
    return width, int(width * 0.7)


def _curve(
    a: tuple[float, float], b: tuple[float, float], bend: float, r_a: float, r_b: float
) -> tuple[str, tuple[float, float]]:
    """A path from a to b bent sideways by ``bend`` px, stopping at the circles;
    and the point where its label goes."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    cx, cy = mx - dy / length * bend, my + dx / length * bend

    def toward(p: tuple[float, float], r: float) -> tuple[float, float]:
        vx, vy = cx - p[0], cy - p[1]
        d = math.hypot(vx, vy) or 1.0
        return p[0] + vx / d * r, p[1] + vy / d * r

    s, e = toward(a, r_a), toward(b, r_b)
    path = f"M{s[0]:.1f},{s[1]:.1f} Q{cx:.1f},{cy:.1f} {e[0]:.1f},{e[1]:.1f}"
    return path, ((a[0] + b[0]) / 4 + cx / 2, (a[1] + b[1]) / 4 + cy / 2)


def _edges_svg(network: Network, at: dict[int, tuple[float, float]]) -> list[str]:
    out: list[str] = []
    pairs: dict[tuple[int, int], list[Edge]] = {}
    for edge in network.edges:
        pair = (min(edge.source, edge.target), max(edge.source, edge.target))
        pairs.setdefault(pair, []).append(edge)
    for (lo, _hi), edges in pairs.items():
        for k, edge in enumerate(edges):
            bend = (k - (len(edges) - 1) / 2) * 22
            if edge.source != lo:
                bend = -bend  # the same side whichever way the edge points
            radius = {e: 12.0 if e == YOU else 8.0 for e in (edge.source, edge.target)}
            path, (lx, ly) = _curve(
                at[edge.source], at[edge.target], bend, radius[edge.source], radius[edge.target] + 2
            )
            marker = f' marker-end="url(#arrow-{edge.kind})"' if edge.directed else ""
            dash = ' stroke-dasharray="5 4"' if edge.kind == "referral" else ""
            ends = f"{_node_id(edge.source)} {_node_id(edge.target)}"
            out.append(
                f'<g class="edge {edge.kind}" data-ends="{ends}">'
                f"<title>{_x(_edge_tip(edge))}</title>"
                f'<path d="{path}" fill="none" stroke="{COLOURS[edge.kind]}" '
                f'stroke-width="1.6"{dash}{marker}/>'
            )
            if edge.label:
                out.append(
                    f'<text class="elabel" x="{lx:.1f}" y="{ly - 3:.1f}" '
                    f'fill="{COLOURS[edge.kind]}">{_x(_short(edge.label, 28))}</text>'
                )
            out.append("</g>")
    return out


def _nodes_svg(network: Network, at: dict[int, tuple[float, float]]) -> list[str]:
    out: list[str] = []
    for node in network.nodes:
        x, y = at[node.id]
        classes = "node you" if node.is_you else "node archived" if node.archived else "node"
        tip = _plain(node.name) + (f", {_plain(node.org)}" if node.org else "")
        tip += _(" (archived)") if node.archived else ""
        r = 12 if node.is_you else 8
        out.append(
            f'<g class="{classes}" data-node="{_node_id(node.id)}"><title>{_x(tip)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'
            f'<text x="{x:.1f}" y="{y + r + 13:.1f}">{_x(_node_label(node))}</text></g>'
        )
    return out


_SVG_STYLE = (
    "text{font-family:Helvetica,Arial,sans-serif;font-size:12px;text-anchor:middle;"
    "fill:#1a202c}"
    ".elabel{font-size:10px}.node circle{fill:#fff;stroke:#2d3748;stroke-width:2}"
    ".node.you circle{fill:#2d3748}.node.you text{font-weight:bold}"
    ".node.archived circle{stroke:#a0aec0;stroke-dasharray:3 2}.node.archived text{fill:#718096}"
    ".legend text{text-anchor:start}.title{font-size:15px;font-weight:bold;text-anchor:start}"
)


def _legend() -> list[str]:
    """One row under the title: a sample of each kind of link and its name."""
    out = ['<g class="legend">']
    x = 16
    for kind, colour in COLOURS.items():
        dash = ' stroke-dasharray="5 4"' if kind == "referral" else ""
        out.append(
            f'<line x1="{x}" y1="48" x2="{x + 24}" y2="48" stroke="{colour}" '
            f'stroke-width="2"{dash}/><text x="{x + 30}" y="52">{_x(kind_name(kind))}</text>'
        )
        x += 44 + 7 * len(kind_name(kind))
    out.append("</g>")
    return out


def to_svg(network: Network, positions: dict[int, tuple[float, float]] | None = None) -> str:
    """The map as a standalone SVG picture (laid out with networkx)."""
    unit = positions if positions is not None else layout(network)
    width, height = _canvas(len(network.nodes))
    mx, top, bottom = 110, 90, 40
    at = {
        k: (mx + x * (width - 2 * mx), top + (1 - y) * (height - top - bottom))
        for k, (x, y) in unit.items()
    }
    markers = "".join(
        f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{colour}"/></marker>'
        for kind, colour in COLOURS.items()
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="nj-map-title">',
        f'<title id="nj-map-title">{_x(_title(network))}</title>',
        f"<defs>{markers}</defs><style>{_SVG_STYLE}</style>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text class="title" x="16" y="28">{_x(_title(network))}</text>',
    ]
    if not network.nodes:
        parts.append(
            f'<text x="{width // 2}" y="{height // 2}">'
            f"{_x(_('Nothing to draw yet: no introductions, help or referrals'))}</text>"
        )
    parts += _edges_svg(network, at) + _nodes_svg(network, at) + _legend()
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


_HTML_STYLE = (
    "body{margin:0;padding:16px;background:#f7fafc;font-family:Helvetica,Arial,sans-serif}"
    "svg{max-width:100%;height:auto;background:#fff;border:1px solid #e2e8f0}"
    "svg.focus .edge,svg.focus .node{opacity:.15}svg.focus .hi{opacity:1}"
    ".node{cursor:pointer}"
)
# Hover a person: dim everything but them, their links and the people at the other end.
_HTML_SCRIPT = """
(function () {
  var svg = document.querySelector("svg");
  var edges = svg.querySelectorAll(".edge");
  svg.querySelectorAll(".node").forEach(function (node) {
    var id = node.getAttribute("data-node");
    node.addEventListener("mouseenter", function () {
      svg.classList.add("focus");
      node.classList.add("hi");
      edges.forEach(function (edge) {
        var ends = edge.getAttribute("data-ends").split(" ");
        if (ends.indexOf(id) < 0) return;
        edge.classList.add("hi");
        ends.forEach(function (end) {
          var other = svg.querySelector('[data-node="' + end + '"]');
          if (other) other.classList.add("hi");
        });
      });
    });
    node.addEventListener("mouseleave", function () {
      svg.classList.remove("focus");
      svg.querySelectorAll(".hi").forEach(function (el) { el.classList.remove("hi"); });
    });
  });
})();
"""


def to_html(network: Network, positions: dict[int, tuple[float, float]] | None = None) -> str:
    """One self-contained page: the SVG inline, a little CSS and script, nothing fetched."""
    svg = to_svg(network, positions)
    title = _x(_title(network))
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        # Nothing may be loaded from anywhere: the page works offline and leaks nothing.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        f"<title>{title}</title>\n<style>{_HTML_STYLE}</style>\n</head>\n<body>\n"
        f"{svg}<script>{_HTML_SCRIPT}</script>\n</body>\n</html>\n"
    )


def write(network: Network, fmt: str) -> str:
    """The map in ``fmt`` (one of :data:`FORMATS`)."""
    writers: dict[str, Any] = {
        "dot": to_dot,
        "mermaid": to_mermaid,
        "svg": to_svg,
        "html": to_html,
    }
    return str(writers[fmt](network))
