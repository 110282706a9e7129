"""netjournal: a command-line networking journal for people who network by helping first.

The library API: open a journal and use the core modules without the CLI::

    from netjournal import open_journal
    with open_journal("journal.db") as journal, journal.write() as conn:
        ...
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "open_journal"]


def open_journal(path: Any) -> Any:
    """Open (create or migrate) the journal at ``path`` (see ``store.open_journal``)."""
    from netjournal.db.journal import open_journal as _open

    return _open(path)
