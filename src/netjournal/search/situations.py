"""A need's situation -> kinds of helper -> the people who are that kind.

Used by :class:`netjournal.search.matcher.FtsMatcher`. A need's text calls for
kinds of helper (``Knowledge.kinds_for_need``: "anak saya demam" ->
paediatrician); each person is some kinds of helper (:mod:`netjournal.search.kinds`).
A person who *is* a kind the need calls for scores ``EXACT`` times how strongly
the need calls for it and how clearly the card says it; a kind the knowledge
lists as related scores ``RELATED``; another kind of the same family
``FAMILY``. The result is between 0 and about 1, added to the text score.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from netjournal.i18n import _, language
from netjournal.search.kinds import KindsOfPeople, PersonKind, knowledge_stamp
from netjournal.search.knowledge import KindHit, Knowledge, load_knowledge

EXACT, RELATED, FAMILY = 1.0, 0.55, 0.3
#: Kinds a need calls for: those within this share of the best, at most MAX_KINDS.
NEED_SHARE, MAX_KINDS = 0.3, 4
#: A card hit scoring this much says clearly what a person is.
CARD_FULL = 4.0


@dataclass(frozen=True)
class KindMatch:
    score: float
    need: KindHit
    person: PersonKind
    relation: str  # "is", "related" or "family"


def user_files(config_dir: Path) -> list[Path]:
    """The user's knowledge files in the config folder: knowledge.json, knowledge/*.json."""
    files = [config_dir / "knowledge.json"] if (config_dir / "knowledge.json").is_file() else []
    folder = config_dir / "knowledge"
    if folder.is_dir():
        files += sorted(p for p in folder.glob("*.json") if p.is_file())
    return files


class KindScorer:
    """Scores people by kind for the needs of one command."""

    def __init__(self, conn: sqlite3.Connection, files: list[Path]) -> None:
        self.knowledge: Knowledge = load_knowledge(files)
        self.people = KindsOfPeople(conn, self.knowledge, knowledge_stamp(self.knowledge, files))
        self._family: dict[str, list[str]] = {}
        for kind in self.knowledge.kinds.values():
            self._family.setdefault(kind.family, []).append(kind.id)
        self._lang = "id" if language() == "id" else "en"

    def wanted(self, text: str) -> dict[str, tuple[float, KindHit, str]]:
        """kind -> (weight, the need's hit, relation) for the kinds ``text`` calls for."""
        hits = self.knowledge.kinds_for_need(text)
        if not hits:
            return {}
        best = hits[0].score
        hits = [h for h in hits if h.score >= NEED_SHARE * best][:MAX_KINDS]
        wanted: dict[str, tuple[float, KindHit, str]] = {}

        def add(kind: str, weight: float, hit: KindHit, relation: str) -> None:
            if kind not in wanted or wanted[kind][0] < weight:
                wanted[kind] = (weight, hit, relation)

        for hit in hits:
            strength = hit.score / best
            for kind in self._family.get(hit.family, []):
                add(kind, strength * FAMILY, hit, "family")
            for kind in self.knowledge.related(hit.kind):
                add(kind, strength * RELATED, hit, "related")
        for hit in hits:
            add(hit.kind, hit.score / best * EXACT, hit, "is")
        return wanted

    def score(self, text: str) -> dict[int, KindMatch]:
        """Each person who is a kind ``text`` calls for (or a related one), and how well."""
        wanted = self.wanted(text)
        out: dict[int, KindMatch] = {}
        for kind, people in self.people.people_of(wanted).items():
            weight, hit, relation = wanted[kind]
            for pk in people:
                value = weight * min(1.0, pk.score / CARD_FULL)
                old = out.get(pk.person_id)
                if old is None or old.score < value:
                    out[pk.person_id] = KindMatch(value, hit, pk, relation)
        return out

    def why(self, match: KindMatch, name: str) -> str:
        """ "demam (anak) → paediatrician; dr. Sari: Sp.A", in words."""
        need = match.need.phrase
        if match.need.context:
            need = f"{need} ({match.need.context})"
        wanted = self.knowledge.name(match.need.kind, self._lang)
        kind = self.knowledge.name(match.person.kind, self._lang)
        if match.person.field == "helped":
            card = _("{name} helped with: {text}").format(name=name, text=match.person.phrase)
        else:
            card = f"{name}: {match.person.phrase}"
        if match.relation == "is":
            return _("{need} → {kind}; {card}").format(need=need, kind=kind, card=card)
        return _("{need} → {wanted}, close to {kind}; {card}").format(
            need=need, wanted=wanted, kind=kind, card=card
        )
