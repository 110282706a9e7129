"""The knowledge of who helps with what: kinds of helper, their names and the
situations that call for them, in English and Bahasa Indonesia.

The data is ``knowledge/helpers.json`` (versioned, hand-written; users extend it
with files in the same format). Pure: it reads the files once, indexes phrase words
and answers two questions without a database:

* ``kinds_for_need(text)``: which kinds of helper a need calls for ("anak saya
  demam" -> paediatrician), from situations, names, abbreviations and skills;
* ``kinds_for_card(...)``: what a person *is*, from their card ("dr. Sari, Sp.A").
Words are compared by their keys (``knowledge_text.py``): the folded word, a
light English stem and its Indonesian roots. There is no prefix matching, and
only long words are corrected for one typo (towards words as the phrases spell
them). A phrase matches when all of its words occur close together (in order,
when it keeps its stop words: "the runs"); it scores the sum of its words'
rarity among kinds, so "atap bocor" beats "bocor" alone and "Sp.A" beats "dr.".
For what no phrase says, the need's words alone score each kind's phrases as one
document (BM25), at a fraction of a phrase's weight.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from netjournal.errors import InvalidInput
from netjournal.i18n import _
from netjournal.search.kind_hit import KindHit
from netjournal.search.knowledge_text import (
    _WORD,
    COMMON,
    STOPWORDS,
    abbr_keys,
    english,
    fold,
    word_keys,
    words,
)

DATA_FILE = Path(__file__).parent / "knowledge" / "helpers.json"
SUPPORTED_VERSION = 1
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LIST_FIELDS = ("names", "situations", "skills")


@dataclass(slots=True)
class _Entry:
    kind: str
    source: str
    phrase: str
    tokens: tuple[Collection[str], ...]  # per word: its keys
    weight: float = 1.0
    exact: bool = False  # its stop words count: the words must stand together, in order

    def raw(self) -> tuple[Any, ...]:
        keys = tuple(tuple(sorted(t)) for t in self.tokens)
        return (self.kind, self.source, self.phrase, keys, self.weight, self.exact)


@dataclass
class Kind:
    id: str
    family: str
    names: dict[str, list[str]] = field(default_factory=dict)
    abbr: list[str] = field(default_factory=list)
    skills: dict[str, list[str]] = field(default_factory=dict)
    situations: dict[str, list[str]] = field(default_factory=dict)
    related: list[str] = field(default_factory=list)
    context: str = ""


NEED_FACTORS = {"name": 1.2, "abbr": 1.2, "skill": 0.8, "situation": 1.0}
CARD_FACTORS = {"name": 1.0, "abbr": 1.0, "skill": 0.7, "situation": 0.3}
CARD_FIELDS = {
    "role": 1.0,
    "capabilities": 0.9,
    "tags": 0.8,
    "org": 0.6,
    "name": 0.5,
    "notes": 0.4,
}
CONTEXT_FIT, CONTEXT_MISSING = 1.35, 0.45
#: Word evidence, for what no whole phrase says: each kind's phrases are one
#: document, and a need's words score it by BM25 ("geraham", "kusam", "mengelupas"
#: -> dentist, painter), times WORD_FACTOR; a word used by more than WORD_KINDS of
#: the kinds counts for none (tuned on the dev set, tests/test_match_situations.py).
WORD_FACTOR, WORD_KINDS = 0.45, 0.1
Phrases = dict[str, list[str]]
#: An age that says the need is about a child ("my 2 year old", "9-month-old",
#: "umur 3 tahun", "usia 8 bln"); ages up to 12.
_CHILD_AGE = re.compile(
    r"\b(?:[1-9]|1[0-2])\s*-?\s*(?:years?|yrs?|months?|mos?)\s*-?\s*old\b"
    r"|\b(?:umur|usia|baru)\s+(?:[1-9]|1[0-2])\s*(?:tahun|thn|th|bulan|bln)\b"
)
_Found = dict[str, list[tuple[float, _Entry, str]]]


def _inflected(word: str) -> bool:
    """An English inflection of some word (retiring, interns): never corrected as a typo."""
    return word.endswith(("ing", "ed", "s"))


def _compact(phrase: str) -> str:
    return fold(re.sub(r"[\W_]", "", phrase))


class Knowledge:
    """The loaded knowledge base and its index. Build it with ``load_knowledge``."""

    def __init__(
        self,
        families: dict[str, Any],
        kinds: dict[str, Kind],
        contexts: Phrases,
        state: tuple[Any, ...] | None = None,
    ) -> None:
        self.version = SUPPORTED_VERSION
        self.families, self.kinds, self.contexts = families, kinds, contexts
        if state is not None:  # from the cache (``state()``): nothing to analyse again
            keys, raw, index, bm25, vocab, long_words = state
            self._context_keys: dict[str, str] = keys
            self._raw: list[tuple[Any, ...]] = raw
            self._made: dict[int, _Entry] = {}
            self._index: dict[str, list[int]] = index
            self._bm25: dict[str, dict[str, float]] = bm25
            self._vocab: set[str] = set(vocab)
            self._long_words: set[str] = set(long_words)
            return
        self._context_keys = {  # word key -> context name ("anak" -> "child"); one-word terms
            key: name
            for name, terms in contexts.items()
            for term in terms
            if len(ws := words(term)) == 1
            for key in word_keys(ws[0])[0]
        }
        self._surface: set[str] = set()
        entries = self._build_entries()
        self._build_index(entries)
        self._raw = [entry.raw() for entry in entries]
        self._made = dict(enumerate(entries))

    def state(self) -> tuple[Any, ...]:
        """What the cache keeps: plain values that ``marshal`` writes and reads fast."""
        return (
            self._context_keys,
            self._raw,
            self._index,
            self._bm25,
            sorted(self._vocab),
            sorted(self._long_words),
        )

    def _entry(self, i: int) -> _Entry:
        entry = self._made.get(i)
        if entry is None:
            entry = self._made[i] = _Entry(*self._raw[i])
        return entry

    def _build_entries(self) -> list[_Entry]:
        entries: list[_Entry] = []
        taken = set(STOPWORDS)
        for kind in self.kinds.values():
            lists = [("name", p) for ps in kind.names.values() for p in ps]
            lists += [("skill", p) for ps in kind.skills.values() for p in ps]
            lists += [("situation", p) for ps in kind.situations.values() for p in ps]
            for source, phrase in lists:
                seen = list(dict.fromkeys(words(phrase)))
                taken.update(seen)
                self._surface.update(seen)
                if seen:
                    # "ulang tahun" is not "ulang": a phrase that its stop words would
                    # cut down to one word keeps them (they must be said too).
                    every = [w for w in _WORD.findall(fold(phrase)) if len(w) > 1]
                    cut = len(seen) == 1 and len(every) > 1
                    # one token per word, and once per stem ("pump not pumping")
                    said = {english(w): w for w in reversed(every if cut else seen)}
                    tokens = tuple(
                        frozenset({w}) if w in STOPWORDS else word_keys(w, True)[0]
                        for w in dict.fromkeys(every if cut else seen)
                        if said[english(w)] == w
                    )
                    entries.append(_Entry(kind.id, source, phrase, tokens, exact=cut))
        for kind in self.kinds.values():
            for abbr in kind.abbr:
                compact = re.sub(r"[\W_]", "", abbr)
                keys = {"~" + fold(abbr.strip(".-"))} if "." in abbr.strip(".") else set()
                loose = fold(compact)
                keys.add("=" + compact if loose in taken else "~" + loose)
                entries.append(_Entry(kind.id, "abbr", abbr, (frozenset(keys),)))
        return entries

    def _build_index(self, entries: list[_Entry]) -> None:
        self._index = {}
        kinds_of_token: dict[Collection[str], set[str]] = {}
        for entry in entries:
            for keys in entry.tokens:
                kinds_of_token.setdefault(keys, set()).add(entry.kind)
        kinds_of: dict[str, set[str]] = {}
        for keys, kinds in kinds_of_token.items():
            for key in keys:
                kinds_of.setdefault(key, set()).update(kinds)
        total = max(len(self.kinds), 1)
        rarity = {keys: min(len(kinds_of[k]) for k in keys) for keys in kinds_of_token}
        idf = {keys: math.log(1 + total / df) for keys, df in rarity.items()}
        for i, entry in enumerate(entries):
            entry.weight *= sum(idf[keys] for keys in entry.tokens)
            for key in min(entry.tokens, key=rarity.__getitem__):  # the rarest word
                self._index.setdefault(key, []).append(i)
        self._bm25 = self._word_bm25(entries)
        self._vocab = set(kinds_of)
        # Typos are corrected towards words as the phrases spell them, never towards
        # a derived root ("selatan" is one letter from "sehatan", a root of "kesehatan").
        self._long_words = {w for w in self._surface if len(w) >= 6 and w.isalpha()}

    def _word_bm25(self, entries: list[_Entry]) -> dict[str, dict[str, float]]:
        """key -> {kind: BM25 weight}, each kind's phrases taken as one document.

        Words that more than WORD_KINDS of the kinds use say nothing on their own.
        """
        k1, b = 1.2, 0.75
        tf: dict[str, dict[str, int]] = {}
        length: dict[str, int] = {}
        for entry in entries:
            length[entry.kind] = length.get(entry.kind, 0) + 1
            for key in {k for keys in entry.tokens for k in keys}:
                per = tf.setdefault(key, {})
                per[entry.kind] = per.get(entry.kind, 0) + 1
        total = max(len(self.kinds), 1)
        avg = sum(length.values()) / max(len(length), 1)
        out: dict[str, dict[str, float]] = {}
        for key, per in tf.items():
            df = len(per)
            if df > WORD_KINDS * total:
                continue
            idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
            out[key] = {
                kind: idf * n * (k1 + 1) / (n + k1 * (1 - b + b * length[kind] / avg))
                for kind, n in per.items()
            }
        return out

    def _corrections(self, word: str) -> set[str]:
        """Known long words one edit away (deleted, swapped, replaced or added letter)."""
        letters = "abcdefghijklmnopqrstuvwxyz"
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
        edits |= {a + c + b for a, b in splits for c in letters}
        return edits & self._long_words

    def _positions(self, text: str) -> tuple[dict[str, list[float]], list[str]]:
        """Where each key occurs in ``text`` (abbreviations at -1), and the words.

        Stop words count as positions (for phrases that keep them) with no other key.
        """
        every = [w for w in _WORD.findall(fold(text)) if len(w) > 1]
        seen = [w for w in every if w not in STOPWORDS]
        where: dict[str, list[float]] = {}
        i, gap = 0, 0
        for w in every:
            if w in STOPWORDS:  # between its neighbours: distances count content words,
                gap += 1  # and stop words in a row keep their order ("wants to die")
                where.setdefault(w, []).append(i + 0.5 + 0.01 * gap)
                continue
            i, gap = i + 1, 0
            for key in self._word_keys(w):
                where.setdefault(key, []).append(i)
        for key in abbr_keys(text):
            where.setdefault(key, []).append(-1)
        return where, seen

    @staticmethod
    def _present(entry: _Entry, where: dict[str, list[float]]) -> bool:
        spots = []
        for keys in entry.tokens:
            found = [p for k in keys if k in where for p in where[k]]
            if not found:
                return False
            spots.append(found)
        if len(spots) == 1:
            return True
        if entry.exact:  # "ulang tahun": together and in order (a stop word is half a step)
            reach = set(spots[0])
            for found in spots[1:]:
                reach = {q for q in found for p in reach if 0 <= q - p <= 1 and q != p}
                if not reach:
                    return False
            return True
        window = len(spots) + 1
        return any(
            all(any(abs(q - p) <= window for q in other) for other in spots[1:]) for p in spots[0]
        )

    def _match(self, text: str, factors: dict[str, float], contexts: bool) -> _Found:
        where, seen = self._positions(text)
        present: dict[str, str] = {}  # context name -> the word that says it
        for w in seen if contexts else ():
            for key in word_keys(w)[0] & self._context_keys.keys():
                present.setdefault(self._context_keys[key], w)
        if contexts and "child" not in present and (age := _CHILD_AGE.search(fold(text))):
            present["child"] = age.group()  # "my 2 year old", "bayi 8 bulan"
        by_kind: _Found = {}
        checked: set[int] = set()
        for key in where:
            for i in self._index.get(key, ()):
                if i in checked:
                    continue
                checked.add(i)
                entry = self._entry(i)
                if not self._present(entry, where):
                    continue
                score = entry.weight * factors[entry.source]
                context = self.kinds[entry.kind].context
                used = ""
                if contexts and context and entry.source == "situation":
                    used = present.get(context, "")
                    score *= CONTEXT_FIT if used else CONTEXT_MISSING
                by_kind.setdefault(entry.kind, []).append((score, entry, used))
        return by_kind

    def _hits(self, by_kind: _Found, text: str, field_name: str = "") -> list[KindHit]:
        hits = []
        for kind_id, found in by_kind.items():
            # equal scores: the phrase as the text spells it ("Sp.A", not "Sp A")
            said = fold(text)
            found.sort(
                key=lambda item: (-item[0], fold(item[1].phrase) not in said, item[1].phrase)
            )
            best, entry, used = found[0]
            # "S.H." and "SH" are one abbreviation: count each spelling once.
            counted, others = {_compact(entry.phrase)}, []
            for score, other, _u in found[1:]:
                if _compact(other.phrase) not in counted:
                    counted.add(_compact(other.phrase))
                    others.append(score)
            extra = sum(others[:3])
            score = round(best + 0.3 * extra, 3)
            family = self.kinds[kind_id].family
            hits.append(
                KindHit(kind_id, family, score, entry.phrase, entry.source, used, field_name)
            )
        hits.sort(key=lambda h: (-h.score, h.kind))
        return hits

    def _word_keys(self, w: str) -> frozenset[str]:
        """A need word's keys: restored roots only when nothing else is known, and
        known long words one typo away."""
        keys, restored = word_keys(w)
        if keys.isdisjoint(self._vocab):
            keys = keys | restored
        if len(w) >= 7 and keys.isdisjoint(self._vocab) and not _inflected(w):
            for near in self._corrections(w):
                keys = keys | word_keys(near)[0]
        return keys

    def _word_hits(self, text: str) -> list[KindHit]:
        """Kinds from the need's words alone ("gigi geraham ngilu" -> dentist), for
        what no whole phrase says: each word adds its best BM25 weight."""
        found: dict[str, dict[str, float]] = {}
        for w in dict.fromkeys(words(text)):
            if w in COMMON or w.isdigit():
                continue
            owned: dict[str, float] = {}
            for key in self._word_keys(w):
                for kind, weight in self._bm25.get(key, {}).items():
                    owned[kind] = max(owned.get(kind, 0.0), weight)
            for kind, weight in owned.items():
                found.setdefault(kind, {})[w] = weight
        hits = [
            KindHit(
                kind,
                self.kinds[kind].family,
                round(WORD_FACTOR * sum(said.values()), 3),
                " ".join(said),
                "word",
            )
            for kind, said in found.items()
        ]
        hits.sort(key=lambda h: (-h.score, h.kind))
        return hits

    def kinds_for_need(self, text: str, *, limit: int = 10) -> list[KindHit]:
        """The kinds of helper a need calls for, best first."""
        hits = self._hits(self._match(text, NEED_FACTORS, contexts=True), text)
        known = {h.kind for h in hits}
        hits += [h for h in self._word_hits(text) if h.kind not in known]
        hits.sort(key=lambda h: (-h.score, h.kind))
        return hits[:limit]

    def kinds_for_card(
        self,
        role: str | None = None,
        org: str | None = None,
        capabilities: Iterable[str] = (),
        tags: Iterable[str] = (),
        notes: str | None = None,
        *,
        name: str | None = None,
        limit: int = 5,
    ) -> list[KindHit]:
        """What kinds of helper a person is, from their card, best first (``name``:
        pass it only when the card has no role or org to say it)."""
        fields = {
            "role": role or "",
            "org": org or "",
            "capabilities": "\n".join(capabilities),
            "tags": " , ".join(tags),
            "notes": notes or "",
            "name": name or "",
        }
        best: dict[str, KindHit] = {}
        extra: dict[str, float] = {}
        for name, text in fields.items():
            if not text.strip():
                continue
            for hit in self._hits(self._match(text, CARD_FACTORS, contexts=False), text, name):
                scored = replace(hit, score=round(hit.score * CARD_FIELDS[name], 3))
                old = best.get(hit.kind)
                if old is None or scored.score > old.score:
                    if old is not None:
                        extra[hit.kind] = extra.get(hit.kind, 0.0) + old.score
                    best[hit.kind] = scored
                else:
                    extra[hit.kind] = extra.get(hit.kind, 0.0) + scored.score
        hits = [
            replace(h, score=round(h.score + 0.3 * extra.get(h.kind, 0.0), 3))
            for h in best.values()
        ]
        hits.sort(key=lambda h: (-h.score, h.kind))
        return hits[:limit]

    def family_of(self, kind_id: str) -> str | None:
        kind = self.kinds.get(kind_id)
        return kind.family if kind else None

    def name(self, kind_id: str, lang: str = "en") -> str:
        """The first name of a kind in ``lang`` (English, then any, then its id)."""
        kind = self.kinds.get(kind_id)
        if kind is None:
            return kind_id
        for names in (kind.names.get(lang), kind.names.get("en"), *kind.names.values()):
            if names:
                return names[0]
        return kind_id

    def related(self, kind_id: str) -> list[str]:
        kind = self.kinds.get(kind_id)
        return list(kind.related) if kind else []

    def stats(self) -> dict[str, Any]:
        """Sizes: kinds, families, and phrases per language."""
        situations: dict[str, int] = {}
        for kind in self.kinds.values():
            for lang, phrases in kind.situations.items():
                situations[lang] = situations.get(lang, 0) + len(phrases)
        return {
            "version": self.version,
            "kinds": len(self.kinds),
            "families": len(self.families),
            "situations": situations,
            "entries": len(self._raw),
        }


def _problem(path: Path, message: str) -> InvalidInput:
    return InvalidInput(_("Knowledge file {path}: {problem}").format(path=path, problem=message))


def _strings(path: Path, where: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _problem(path, _("{where} must be a list of strings").format(where=where))
    return [v.strip() for v in value if v.strip()]


def _by_lang(path: Path, where: str, value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise _problem(path, _("{where} must map languages to lists").format(where=where))
    return {str(lang): _strings(path, f"{where}.{lang}", v) for lang, v in value.items()}


def _add(target: list[str], items: list[str]) -> None:
    target.extend(item for item in items if item not in target)


def _merge_kind(path: Path, raw: Any, kinds: dict[str, Kind], families: dict[str, Any]) -> None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise _problem(path, _('every kind must be an object with an "id"'))
    kid = raw["id"]
    if not _ID.match(kid):
        raise _problem(path, _("kind id {id!r}: use a-z, 0-9, - and _ only").format(id=kid))
    kind = kinds.get(kid)
    family = raw.get("family", kind.family if kind else None)
    if family not in families:
        raise _problem(path, _("{id}: unknown family {f!r}").format(id=kid, f=family))
    if kind is None:
        kind = kinds[kid] = Kind(kid, family)
    kind.family = family
    for key in _LIST_FIELDS:
        for lang, phrases in _by_lang(path, f"{kid}.{key}", raw.get(key, {})).items():
            _add(getattr(kind, key).setdefault(lang, []), phrases)
    _add(kind.abbr, _strings(path, f"{kid}.abbr", raw.get("abbr", [])))
    _add(kind.related, _strings(path, f"{kid}.related", raw.get("related", [])))
    context = raw.get("context", kind.context)
    if not isinstance(context, str):
        raise _problem(path, _("{id}.context must be a string").format(id=kid))
    kind.context = context


def _read(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _problem(path, exc.strerror or str(exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _problem(path, _("not valid JSON ({error})").format(error=exc)) from None
    if not isinstance(document, dict) or not isinstance(document.get("kinds", []), list):
        raise _problem(path, _('expected an object with a "kinds" list'))
    if document.get("version", SUPPORTED_VERSION) != SUPPORTED_VERSION:
        version = document.get("version")
        raise _problem(path, _("unsupported version {v!r}").format(v=version))
    return document


def _build(paths: tuple[Path, ...]) -> Knowledge:
    families: dict[str, Any] = {}
    contexts: dict[str, list[str]] = {}
    kinds: dict[str, Kind] = {}
    for path in paths:
        document = _read(path)
        extra_families = document.get("families", {})
        if not isinstance(extra_families, dict):
            raise _problem(path, _('"families" must be an object'))
        families.update(extra_families)
        for name, terms in _by_lang(path, "contexts", document.get("contexts", {})).items():
            contexts.setdefault(name, []).extend(terms)
        for raw in document["kinds"]:
            _merge_kind(path, raw, kinds, families)
    for kind in kinds.values():
        missing = [r for r in kind.related if r not in kinds]
        if missing:
            message = _("{id}: unknown related kinds {ids}")
            raise _problem(paths[-1], message.format(id=kind.id, ids=", ".join(missing)))
    return Knowledge(families, kinds, contexts)


_cache: dict[tuple[tuple[str, int], ...], Knowledge] = {}
#: Bump when the analysis changes: a cache file of another format is never read.
CACHE_FORMAT = 7


def load_knowledge(extra: Iterable[Path] = (), cache_dir: Path | None = None) -> Knowledge:
    """The shipped knowledge base merged with the user's files (cached per file state).

    With ``cache_dir``, the analysed knowledge is also kept there between
    commands (a ``marshal`` file named after the files' state, the format and
    the versions): reading it takes a third of the time of analysing it again.
    """
    paths = (DATA_FILE, *(Path(p) for p in extra))
    try:
        key = tuple((str(path), path.stat().st_mtime_ns) for path in paths)
    except OSError as exc:
        raise _problem(Path(exc.filename or "?"), exc.strerror or str(exc)) from None
    if key in _cache:
        return _cache[key]
    if cache_dir is None:
        knowledge = _build(paths)
    else:
        from netjournal.search import knowledge_cache as kc

        cached = kc.cache_file(cache_dir, paths, CACHE_FORMAT)
        knowledge = kc.load(cached) or kc.save(cached, _build(paths))
    _cache[key] = knowledge
    return knowledge
