"""The introduction message: default templates in English and Indonesian, user templates.

A template is plain text with ``{placeholders}`` (see :data:`PLACEHOLDERS`);
written for WhatsApp and e-mail alike: short, warm, no markup. Introductions
are double opt-in: ``both`` introduces the two people to each other (send it
once both agreed, or to a group with the two of them); ``a``/``b`` is the
question to one side, asking before their contact is shared.

Two rules make one template fit every introduction:

* a line with a placeholder whose value is empty is left out (no need, no
  "you mentioned that you need:" line; no ``my_name`` set, no signature);
* runs of blank lines left behind become one.

Pure: the caller reads the user's template file and passes its text.
"""

from __future__ import annotations

import sqlite3
import string
from collections.abc import Mapping
from typing import Any

from netjournal.errors import InvalidInput
from netjournal.i18n import _

SIDES = ("both", "a", "b")
LANGS = ("en", "id")

#: Every placeholder a template may use, with what it holds (for the docs and errors).
PLACEHOLDERS: dict[str, str] = {
    "me": "your name (nj config set my_name ...)",
    "a": "A's full name",
    "b": "B's full name",
    "a_first": "A's first name",
    "b_first": "B's first name",
    "a_about": "A's role and organisation",
    "b_about": "B's role and organisation",
    "a_can": "what A can help with (first two)",
    "b_can": "what B can help with (first two)",
    "a_detail": "A's name, role, organisation and what they can help with",
    "b_detail": "B's name, role, organisation and what they can help with",
    "a_phone": "A's phone",
    "b_phone": "B's phone",
    "a_email": "A's e-mail",
    "b_email": "B's e-mail",
    "need": "the need the introduction is for",
    "owner_first": "first name of the person with the need",
    "helper_first": "first name of the other person",
    "why": "your --note on the introduction",
    "to": "the person this message goes to (a/b messages)",
    "to_first": "their first name",
    "other": "the other person's full name",
    "other_first": "the other person's first name",
    "other_detail": "the other person's name and what they can help with",
    "to_need": "the need, when it is the recipient's (a/b messages)",
    "other_need": "the need, when it is the other person's (a/b messages)",
}

_CAN = {"en": ", who can help with {what}", "id": ", yang bisa membantu soal {what}"}

#: The default templates: (language, both | one side) -> text.
DEFAULTS: dict[tuple[str, str], str] = {
    ("en", "both"): """Hi {a_first} and {b_first},

I'd like to introduce you to each other.
{a_first}, meet {b_detail}.
{b_first}, meet {a_detail}.

{owner_first}, you mentioned that you need: {need}. I think {helper_first} could help with that.

If you'd both like to connect, just reply here and take it from there. \
If now isn't a good time, no problem at all.

Best,
{me}
""",
    ("en", "side"): """Hi {to_first},

I'd like to introduce you to {other_detail}.
You mentioned that you need: {to_need}. I think {other_first} could help with that.
{other_first} is looking for help with: {other_need}, and I thought of you.

Would you be happy for me to share your contact with {other_first}? \
No pressure at all: if now isn't a good time, just say so.

Best,
{me}
""",
    ("id", "both"): """Halo {a_first} dan {b_first},

Saya ingin memperkenalkan Anda berdua.
{a_first}, kenalkan, ini {b_detail}.
{b_first}, kenalkan, ini {a_detail}.

{owner_first}, Anda pernah cerita sedang butuh: {need}. Saya rasa {helper_first} bisa membantu.

Kalau Anda berdua berkenan, silakan lanjut ngobrol langsung di sini. \
Kalau sedang belum waktunya, tidak apa-apa.

Salam,
{me}
""",
    ("id", "side"): """Halo {to_first},

Saya ingin mengenalkan Anda dengan {other_detail}.
Anda pernah cerita sedang butuh: {to_need}. Saya rasa {other_first} bisa membantu.
{other_first} sedang mencari bantuan untuk: {other_need}, dan saya langsung teringat Anda.

Apakah Anda berkenan kalau kontak Anda saya berikan ke {other_first}? \
Tidak ada paksaan; kalau sedang belum waktunya, bilang saja.

Salam,
{me}
""",
}


def template_name(lang: str, side: str) -> str:
    """The file name of the user's template in the config folder."""
    kind = "intro-message" if side == "both" else "intro-ask"
    return f"{kind}.{lang}.txt"


def _fields(template: str, source: str) -> list[str]:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise InvalidInput(
            _("Template {source}: {problem} (double a brace to write it as is)").format(
                source=source, problem=exc
            )
        ) from None
    names = [name for _text, name, _spec, _conv in parsed if name is not None]
    for name in names:
        if name not in PLACEHOLDERS:
            raise InvalidInput(
                _("Template {source}: unknown placeholder {{{name}}}; known: {known}").format(
                    source=source,
                    name=name,
                    known=", ".join("{" + p + "}" for p in PLACEHOLDERS),
                )
            )
    return names


def check_template(template: str, source: str) -> None:
    """InvalidInput when ``template`` uses an unknown placeholder or a stray brace."""
    _fields(template, source)


def fill(template: str, values: Mapping[str, str], source: str = "template") -> str:
    """``template`` with its placeholders filled; lines with an empty value are left out."""
    out: list[str] = []
    for line in template.splitlines():
        names = _fields(line, source)
        if any(not values.get(name, "") for name in names):
            continue
        text = line.format_map({name: values.get(name, "") for name in names})
        if not text.strip() and (not out or not out[-1].strip()):
            continue  # one blank line at most, none at the top
        out.append(text)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n"


def _person(conn: sqlite3.Connection, person_id: int, lang: str) -> dict[str, str]:
    row = conn.execute(
        "SELECT name, org, role, email, phone FROM people WHERE id = ?", (person_id,)
    ).fetchone()
    name = str(row["name"])
    about = ", ".join(x for x in (row["role"], row["org"]) if x)
    caps = [
        str(r[0])
        for r in conn.execute(
            "SELECT text FROM capabilities WHERE person_id = ? ORDER BY id LIMIT 2", (person_id,)
        )
    ]
    detail = name + (f" ({about})" if about else "")
    if caps:
        detail += _CAN[lang].format(what="; ".join(caps))
    return {
        "name": name,
        "first": name.split()[0] if name.split() else name,
        "about": about,
        "can": "; ".join(caps),
        "detail": detail,
        "phone": str(row["phone"] or ""),
        "email": str(row["email"] or ""),
    }


def values(
    conn: sqlite3.Connection, intro: Mapping[str, Any], lang: str, side: str, me: str = ""
) -> dict[str, str]:
    """Every placeholder's value for the introduction record ``intro`` (see core.intros)."""
    a = _person(conn, int(intro["a"]["id"]), lang)
    b = _person(conn, int(intro["b"]["id"]), lang)
    out = {"me": me, "why": str(intro.get("note") or "")}
    for key, person in (("a", a), ("b", b)):
        out[key] = person["name"]
        for part in ("first", "about", "can", "detail", "phone", "email"):
            out[f"{key}_{part}"] = person[part]
    need = intro.get("need")
    out["need"] = str(need["text"]) if need else ""
    owner_is_a = need is not None and need["person"]["id"] == intro["a"]["id"]
    owner, helper = (a, b) if owner_is_a else (b, a)
    out["owner_first"] = owner["first"] if need else ""
    out["helper_first"] = helper["first"] if need else ""
    to, other = (b, a) if side == "b" else (a, b)
    to_owns = bool(need) and owner is to
    out.update(
        to_need=out["need"] if to_owns else "",
        other_need=out["need"] if need and not to_owns else "",
        to=to["name"],
        to_first=to["first"],
        other=other["name"],
        other_first=other["first"],
        other_detail=other["detail"],
    )
    return out


def message(
    conn: sqlite3.Connection,
    intro: Mapping[str, Any],
    *,
    lang: str = "en",
    side: str = "both",
    template: str | None = None,
    source: str = "template",
    me: str = "",
) -> str:
    """The message for introduction ``intro``: ``template`` (the user's) or the default."""
    lang = lang if lang in LANGS else "en"
    text = (
        template if template is not None else DEFAULTS[lang, "both" if side == "both" else "side"]
    )
    return fill(text, values(conn, intro, lang, side, me), source)
