"""Text analysis for the knowledge of who helps with what (``knowledge.py``).

Case- and accent-folding, stop words in English and Bahasa Indonesia (chat
spellings included), a light English stemmer (plurals, -ing, -ed), Indonesian
affixes (di-/ke-/ber-/ter-/per-/pe(N)-/me(N)-/ng-/ny-, -kan/-an/-in/-i/-nya),
and keys for abbreviations that keep "Sp.A", "S.H." and "M.Kn" recognisable.
Pure: the standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

_WORD = re.compile(r"[^\W\d_]+")
_RAW = re.compile(r"[^\s,;:/|()\[\]{}<>!?\"'&+=*#@]+")

# Words that say nothing about what kind of helper is needed (English, then
# Indonesian with its chat spellings). Context words such as "anak" are not here.
STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for from with without about into over under
    as is are was were be been being am do does did done have has had having
    i me my mine we us our you your he him his she her it its they them their this that
    these those there here who whom whose which what when where why how all any some
    someone somebody something anyone anybody anything each every other another such
    no not nor only own same so than too very can could will would shall should may might
    must just also please pls plz need needs needed needing want wants wanted wanting
    looking look find finding help helps helping know knows get gets got getting like
    im ive thats dont doesnt cant wont isnt didnt wasnt arent havent hasnt
    couldnt wouldnt shouldnt aint youre theyre weve really etc via per keep keeps kept still again
    one two three day days week weeks month months year years time lot lots since ago
    anyone recommend recommendation recommendations suggest advice ask around
    yang dan atau di ke dari dengan untuk utk buat bagi pada oleh tentang dalam sama ini
    itu tsb ada adalah ialah saya sy aku gue gw gua kami kita anda kamu km lu lo elo dia ia
    beliau mereka nya butuh butuhkan membutuhkan perlu memerlukan cari mencari carikan
    nyari nyariin lagi sedang lg mau ingin pengen pingin minta tolong bantu bantuan
    membantu bisa bs dapat dpt punya juga jg sudah udah udh sdh akan belum blm masih msh
    sangat banget bgt agar supaya karena krn karna jadi jd kalau kalo klo jika tapi tp
    tetapi namun seperti yg dgn dg tdk tidak gak ga gk nggak ngga enggak engga tak bukan
    ya iya dong deh sih kah lah pun nih tuh kok kan aja ajah doang siapa apa mana
    bagaimana gimana gmn gmana kapan seorang orang ada adakah terus trs hari minggu bulan
    tahun rekomendasi rekomen rekom info kenal tau tahu dimana nanya tanya gan sis bro
    kak mas mbak pak bu ibu bapak om tante hai halo
    """.split()  # noqa: SIM905
)
# Everyday words that are no stop words (a phrase may use them: "stopped working",
# "jalan rusak") but say nothing about a kind of helper on their own; the word
# evidence of knowledge.py never counts them alone. English, then Indonesian.
COMMON = frozenset(
    """
    go goes going went gone come comes coming came make makes making made take takes
    taking took taken give gives gave given put puts say says said tell told see saw
    seen use used using try tried trying ask asked feel felt seem seems leave left let
    begin began start started starting stop stopped stopping end ended happen happened
    turn turned bring brought show showed hear heard mean means meant think thought
    tried
    stay stayed wait waiting waited sit stand stood set sets follow
    miss missed
    become became call called
    before after during while until since between through across around behind near
    far down back away off ever never always often sometimes usually already yet soon
    now then today tomorrow yesterday tonight later early late next last first second
    third new old young big small little large huge tiny long short high low full
    empty right wrong true real whole half both either neither each few many much more
    most less least several enough quite rather almost nearly just only even also
    fast slow quick quickly slowly really actually maybe perhaps probably definitely
    good bad better best worse worst great nice fine ok okay sure easy hard simple
    proper properly normal usual different same other else own whole entire
    main major minor important possible able unable
    thing things stuff way ways kind kinds part parts place places side point case
    fact number lot bit piece people person guy guys man men woman women someone
    everyone friend friends time times day days
    anyone anything everything nothing something somewhere anywhere everywhere
    free gratis advice saran tips tip info informasi question questions pertanyaan
    problem problems issue issues masalah
    jalan baru lama besar kecil pakai dipakai kasih ambil bikin dibikin
    biar pas waktu kali banyak sedikit dikit semua setiap tiap
    sekarang nanti besok kemarin kemaren tadi dulu pertama kedua terakhir
    bagus jelek enak susah gampang mudah penting bisa cepat cepet lambat
    orang teman temen hal barang cara tempat bagian
    mulai selesai berhenti lanjut datang pergi pulang keluar masuk naik turun
    lihat liat dengar denger bilang ngomong tanya jawab coba tunggu pakai tahu""".split()  # noqa: SIM905
)
# Indonesian prefixes, longest first, with the letters that may have melted into them.
_MELTED = {"meng": "k", "meny": "sc", "mem": "p", "men": "t", "peng": "k", "peny": "s",
           "pem": "p", "pen": "t", "ng": "k", "ny": "sc"}  # fmt: skip
_PREFIX = re.compile(r"(meng|meny|mem|men|me|peng|peny|pem|pen|per|pe|ber|be|ter|di|ke|nge|ng|ny)")
_ENDING = re.compile(r"(nya|ku|mu)$")
_SUFFIX = re.compile(r"(?:(k)an|an|in|i)$")

# Words whose "affix" is part of the word (pengacara is not a kind of acara).
_UNSTRIPPED_WORDS = (
    "pengacara pesangon pemadam pesawat perut pesta penari penyanyi pegawai petugas "
    "penjara pemilu pensiun dinas desain design diet digital dilema kebun kelas keramik "
    "kering kertas ketua kemeja keluarga berita beras beton terapi teras teknisi tenda "
    "medis mesin meja memori menu mentor perak pertanian"
)
_UNSTRIPPED = frozenset(_UNSTRIPPED_WORDS.split())


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text``, apostrophes dropped ("isn't"
    is the stop word "isnt", not "isn" and "t"; "women's" is "womens")."""
    text = text.replace("'", "").replace("\u2019", "")
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _vowel_groups(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word))


def _short_cvc(base: str) -> bool:
    """A one-syllable base ending consonant-vowel-consonant (scar, driv, hop, mak)."""
    return (
        len(base) >= 3
        and _vowel_groups(base) == 1
        and base[-1] not in "aeiouwxy"
        and base[-2] in "aeiou"
        and base[-3] not in "aeiou"
    )


def english(word: str) -> str:
    """A light English stem: plurals, -ing, -ed, a final e (drips, dripping -> drip).

    One-syllable words keep their e (scared, scare -> scare; scars -> scar), so
    that a stem never joins two words of different meaning.
    """
    if len(word) <= 3:
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and any(c in "aeiouy" for c in base):
            if base[-1] == base[-2] and base[-1] not in "lsz":
                return base[:-1]
            word = base + "e" if _short_cvc(base) else base
            break
    if word.endswith("e") and len(word) > 4 and _vowel_groups(word[:-1]) >= 2:
        word = word[:-1]
    return word


def _roots(word: str, nouns: bool = False) -> tuple[set[str], set[str]]:
    """Indonesian roots of a word: plainly stripped, and with a melted letter restored
    (menuntut -> tuntut). Generous; roots that are no known word simply never meet.
    With ``nouns`` (the knowledge's own phrases) a noun's bare -an stays: "siraman"
    (a wedding rite) is no form of "disiram" (flushed); "pembukuan" is still "buku"."""
    plain: set[str] = {word}
    restored: set[str] = set()
    ending = _ENDING.search(word)
    if ending and ending.start() >= 4:
        plain.add(word[: ending.start()])
    for base in list(plain):
        suffix = _SUFFIX.search(base)
        if suffix and nouns and suffix.group() == "an":
            continue
        if suffix and suffix.start() >= 4:
            plain.add(base[: suffix.start()])
            if suffix.group(1) and suffix.start() >= 3:  # -kan: also try -an (makanan)
                plain.add(base[: suffix.start() + 1])
    for _round in range(2):
        for base in list(plain):
            prefix = _PREFIX.match(base)
            if prefix:
                rest = base[prefix.end() :]
                if len(rest) >= 4:
                    plain.add(rest)
                if len(rest) >= 3:
                    restored.update(c + rest for c in _MELTED.get(prefix.group(), ""))
    if nouns:  # a prefix and -an together (pembukuan, perizinan) still lead to the root
        for found in (plain, restored):
            for base in [b for b in found if b != word and b.endswith("an") and len(b) >= 6]:
                found.add(base[:-2])
    return plain, restored - plain


@lru_cache(maxsize=100_000)
def word_keys(word: str, nouns: bool = False) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of a folded word: itself, its English stem and its Indonesian roots;
    then the roots that need a melted letter restored (used only when nothing else
    is known: "ngurus" is "urus", not "kurus"). ``nouns``: see :func:`_roots`."""
    if len(word) <= 3 or word in _UNSTRIPPED:
        return frozenset({word}), frozenset()
    plain, restored = _roots(word, nouns)
    plain.add(english(word))
    keep = {k for k in plain if k == word or (len(k) >= 3 and k not in STOPWORDS)}
    return frozenset(keep), frozenset(k for k in restored if k not in STOPWORDS)


def words(text: str) -> list[str]:
    """Folded words of ``text`` without stop words, single letters and numbers."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in STOPWORDS]


def abbr_keys(text: str) -> set[str]:
    """Keys of the abbreviation-like tokens of ``text``: "Sp.A" gives ~sp.a, ~spa, =SpA."""
    raw = [t.strip(".-") for t in _RAW.findall(unicodedata.normalize("NFKC", text))]
    joined = [a + "." + b for a, b in pairwise(raw) if 0 < len(a) <= 3 and 0 < len(b) <= 3]
    keys: set[str] = set()
    for token in [t for t in raw if t] + joined:
        compact = re.sub(r"[\W_]", "", token)
        keys.update(("~" + fold(token), "~" + fold(compact), "=" + compact))
    return keys
