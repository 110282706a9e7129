"""The referral chains of ``nj report referrals`` (also the end of ``nj demo``) as lines."""

from __future__ import annotations

from typing import Any

from netjournal.core.referrals import became_label, walk_chain
from netjournal.i18n import _


def chain_lines(chains: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """Who sent whom, as (indent level, text): the referrer at level 1 with how
    many people they reached, each person they sent one level deeper, and what a
    relationship became in the interface language."""
    lines: list[tuple[int, str]] = []
    for chain in chains:
        for depth, node in walk_chain(chain):
            became = f" ({became_label(node['became'])})" if node["became"] else ""
            reach = _(" → reached {n}").format(n=node["reach"]) if depth == 0 else ""
            lines.append((depth + 1, node["name"] + became + reach))
    return lines
