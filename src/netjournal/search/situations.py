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
from typing import TYPE_CHECKING

from netjournal.i18n import _, language
from netjournal.search.kinds import (
    KindInfo,
    KindsOfPeople,
    PersonKind,
    info_of,
    knowledge_stamp,
    need_hits,
    read_info,
    stored_need_hits,
)

if TYPE_CHECKING:
    from netjournal.search.kind_hit import KindHit
    from netjournal.search.knowledge import Knowledge

EXACT, RELATED, FAMILY = 1.0, 0.55, 0.3
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
    """Scores people by kind for the needs of one command.

    Reads the kinds stored by :func:`netjournal.search.kinds.refresh_kinds`;
    the knowledge itself is loaded only for what is not stored (a need given
    as text, a journal that could not be refreshed).
    """

    def __init__(
        self, conn: sqlite3.Connection, files: list[Path], cache_dir: Path | None = None
    ) -> None:
        self.conn, self.files, self.cache_dir = conn, files, cache_dir
        self.stamp = knowledge_stamp(files)
        self._knowledge: Knowledge | None = None
        self.people = KindsOfPeople(conn, self.stamp, self.knowledge)
        self._info: dict[str, KindInfo] | None = None
        self._family: dict[str, list[str]] = {}
        self._lang = "id" if language() == "id" else "en"
        self._wanted: dict[tuple[str, int | None], dict[str, tuple[float, KindHit, str]]] = {}

    def knowledge(self) -> Knowledge:
        if self._knowledge is None:
            from netjournal.search.knowledge import load_knowledge

            self._knowledge = load_knowledge(self.files, self.cache_dir)
        return self._knowledge

    def info(self) -> dict[str, KindInfo]:
        if self._info is None:
            info = read_info(self.conn)
            self._info = info if info else info_of(self.knowledge())
            for kind, about in self._info.items():
                self._family.setdefault(about.family, []).append(kind)
        return self._info

    def hits(self, text: str, need_id: int | None = None) -> list[KindHit]:
        """The kinds a need calls for: stored for a journal's need, else read now."""
        if need_id is not None:
            stored = stored_need_hits(self.conn, need_id, text, self.stamp)
            if stored is not None:
                return stored
        return need_hits(self.knowledge(), text)

    def wanted(
        self, text: str, need_id: int | None = None
    ) -> dict[str, tuple[float, KindHit, str]]:
        """kind -> (weight, the need's hit, relation) for the kinds ``text`` calls for."""
        key = (text, need_id)
        if key not in self._wanted:
            self._wanted[key] = self._expand(self.hits(text, need_id))
        return self._wanted[key]

    def _expand(self, hits: list[KindHit]) -> dict[str, tuple[float, KindHit, str]]:
        if not hits:
            return {}
        info = self.info()
        best = hits[0].score
        wanted: dict[str, tuple[float, KindHit, str]] = {}

        def add(kind: str, weight: float, hit: KindHit, relation: str) -> None:
            if kind not in wanted or wanted[kind][0] < weight:
                wanted[kind] = (weight, hit, relation)

        for hit in hits:
            if hit.source == "word":  # a word alone is no reason to ask its whole family
                continue
            strength = hit.score / best
            for kind in self._family.get(hit.family, []):
                add(kind, strength * FAMILY, hit, "family")
            about = info.get(hit.kind)
            for kind in about.related if about else ():
                add(kind, strength * RELATED, hit, "related")
        for hit in hits:
            add(hit.kind, hit.score / best * EXACT, hit, "is")
        return wanted

    def score(self, text: str, need_id: int | None = None) -> dict[int, tuple[float, str]]:
        """``person -> (score, kind)`` for each person who is a kind ``text`` calls for
        (or a related or same-family one). :meth:`match` says why."""
        wanted = self.wanted(text, need_id)
        return self.people.best({k: w[0] for k, w in wanted.items()}, CARD_FULL)

    def match(
        self, text: str, need_id: int | None, pid: int, scored: tuple[float, str]
    ) -> KindMatch | None:
        """The kind match behind ``scored`` (from :meth:`score`), for the "why"."""
        value, kind = scored
        found = self.wanted(text, need_id).get(kind)
        person = self.people.row(pid, kind)
        if found is None or person is None:
            return None
        return KindMatch(value, found[1], person, found[2])

    def name(self, kind: str) -> str:
        about = self.info().get(kind)
        return about.names.get(self._lang, kind) if about else kind

    def why(self, match: KindMatch, name: str) -> str:
        """ "demam (anak) → paediatrician; dr. Sari: Sp.A", in words."""
        need = match.need.phrase
        if match.need.context:
            need = f"{need} ({match.need.context})"
        wanted = self.name(match.need.kind)
        kind = self.name(match.person.kind)
        if match.person.field == "helped":
            card = _("{name} helped with: {text}").format(name=name, text=match.person.phrase)
        else:
            card = f"{name}: {match.person.phrase}"
        if match.relation == "is":
            return _("{need} → {kind}; {card}").format(need=need, kind=kind, card=card)
        return _("{need} → {wanted}, close to {kind}; {card}").format(
            need=need, wanted=wanted, kind=kind, card=card
        )
