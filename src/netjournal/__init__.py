"""netjournal: a command-line networking journal for people who network by helping first.

The library API: open a journal and use the core without the CLI::

    from datetime import date
    import netjournal

    with netjournal.open_journal("journal.db") as journal:
        with journal.read() as conn:
            review = netjournal.build_review(
                conn, date(2026, 11, 30), netjournal.Config(),
                matcher=netjournal.default_matcher(as_of=date(2026, 11, 30)),
            )

The names below load on first use, so ``import netjournal`` stays cheap for
the command line (every ``nj`` command imports this package first).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_API: dict[str, str] = {
    "open_journal": "netjournal.db.journal",
    "Journal": "netjournal.db.journal",
    "SCHEMA_VERSION": "netjournal.db.schema",
    "Config": "netjournal.config",
    "load_config": "netjournal.config",
    "parse_date": "netjournal.dates",
    "parse_interval": "netjournal.dates",
    "build_review": "netjournal.core.review",
    "due_items": "netjournal.core.review",
    "Matcher": "netjournal.core.matching",
    "Suggestion": "netjournal.core.matching",
    "default_matcher": "netjournal.search",
    "refresh_index": "netjournal.search",
    "PersonRef": "netjournal.core.records",
    "PersonSummary": "netjournal.core.records",
    "Need": "netjournal.core.records",
    "Offer": "netjournal.core.records",
    "Introduction": "netjournal.core.records",
    "Followup": "netjournal.core.records",
    "NetjournalError": "netjournal.errors",
    "InvalidInput": "netjournal.errors",
    "DateError": "netjournal.errors",
    "NotFound": "netjournal.errors",
    "Ambiguous": "netjournal.errors",
    "Conflict": "netjournal.errors",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'netjournal' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
