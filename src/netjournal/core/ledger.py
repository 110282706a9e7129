"""The help ledger: needs, offers (both directions), introductions and follow-ups.

One module each (:mod:`~netjournal.core.needs`, :mod:`~netjournal.core.offers`,
:mod:`~netjournal.core.intros`, :mod:`~netjournal.core.followups`); this
module gathers their public functions under one name for the CLI.

Core functions take an open connection inside the caller's write transaction
and plain values (dates already parsed, "today" passed in). They validate
everything before writing, raise domain errors (NotFound, Conflict,
InvalidInput) and return ids. The ``list_*`` and ``get_*`` functions return
JSON-ready dicts (docs/ledger.md, "JSON"): every item that concerns a person
names it as ``{"id": ..., "name": ...}``, dates are ISO strings.
"""

from __future__ import annotations

from netjournal.core.followups import (
    add_followup,
    done_followup,
    get_followup,
    list_followups,
)
from netjournal.core.intros import add_intro, get_intro, intro_message, list_intros, set_outcome
from netjournal.core.ledger_common import parse_record_id
from netjournal.core.needs import NeedStatus, add_need, close_need, get_need, list_needs
from netjournal.core.offers import (
    Direction,
    OfferStatus,
    add_offer,
    complete_offer,
    drop_offer,
    get_offer,
    list_offers,
)

__all__ = [
    "Direction",
    "NeedStatus",
    "OfferStatus",
    "add_followup",
    "add_intro",
    "add_need",
    "add_offer",
    "close_need",
    "complete_offer",
    "done_followup",
    "drop_offer",
    "get_followup",
    "get_intro",
    "get_need",
    "get_offer",
    "intro_message",
    "list_followups",
    "list_intros",
    "list_needs",
    "list_offers",
    "parse_record_id",
    "set_outcome",
]
