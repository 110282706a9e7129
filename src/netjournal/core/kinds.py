"""Everyday words for the kinds of contact (``nj log --kind``), in both languages.

The journal stores one of the kinds in :data:`netjournal.db.schema.KINDS`;
people type "wa", "telp" or "ketemu". :func:`stored_kind` maps what they typed
to the stored kind (case-insensitive); JSON always shows the stored kind.
"""

from __future__ import annotations

#: Stored kind -> the words accepted for it (the stored word itself included).
ALIASES: dict[str, tuple[str, ...]] = {
    "call": ("call", "phone", "telepon", "telp", "telpon", "tlp", "nelpon", "video call", "vc"),
    "meeting": (
        "meeting",
        "meet",
        "ketemu",
        "bertemu",
        "rapat",
        "kopdar",
        "ngopi",
        "coffee",
        "lunch",
        "zoom",
    ),
    "message": (
        "message",
        "pesan",
        "whatsapp",
        "wa",
        "chat",
        "dm",
        "sms",
        "text",
        "telegram",
        "instagram",
        "linkedin",
    ),
    "email": ("email", "e-mail", "mail", "surel", "surat"),
    "other": ("other", "lain", "lainnya"),
}

_LOOKUP = {word: kind for kind, words in ALIASES.items() for word in words}


def stored_kind(text: str) -> str | None:
    """The stored kind for ``text`` ("WA" -> "message"), or None if it names none."""
    key = " ".join(text.strip().lower().replace("_", " ").split())
    return _LOOKUP.get(key) or _LOOKUP.get(key.replace(" ", ""))


def kind_label(kind: str) -> str:
    """A stored kind as the interface names it ("message" -> "pesan" in
    Indonesian); JSON keeps the stored kind. Unknown kinds are shown as they are."""
    from netjournal.i18n import _

    labels = {
        "call": _("call"),
        "meeting": _("meeting"),
        "message": _("message"),
        "email": _("email"),
        "other": _("other"),
        "met": _("met"),
    }
    return labels.get(kind, kind)
