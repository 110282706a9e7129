"""``nj demo --lang id``: the demo story and its review in Bahasa Indonesia."""

from __future__ import annotations

import json
import re
from typing import Any

from typer.testing import CliRunner

from netjournal import i18n
from netjournal.cli import app
from netjournal.core.demo_story import STORY
from netjournal.core.demo_story_id import INDONESIAN


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def test_demo_lang_id_writes_indonesian_needs() -> None:
    data = json.loads(run("demo", "--lang", "id", "--json").stdout)
    needs = {item["need"]["text"] for item in data["introductions"]}
    assert "magang di dapur restoran" in needs
    assert "bantuan mengurus KITAS (visa)" in needs
    assert not any("internship" in text for text in needs)
    # JSON keys and stored kinds stay as they are.
    assert {"follow_ups", "introductions", "promises", "check_ins"} <= set(data)
    promises = [item["detail"] for item in data["promises"]]
    assert any("kirim angka penjualan kami" in text for text in promises)


def test_demo_lang_id_terminal_review_is_indonesian() -> None:
    out = run("demo", "--lang", "id").stdout
    assert "Tinjauan mingguan, Sabtu, 28 November 2026" in out
    assert "Perkenalan yang perlu dibuat" in out
    assert "Butuh: magang di dapur restoran" in out
    # The suggestions still find the right people in Indonesian.
    assert "Gede Wirawan #19" in out
    assert "Weekly review" not in out


def test_demo_lang_follows_the_interface_language() -> None:
    i18n.set_language(None)
    out = run("demo", env={"NETJOURNAL_LANG": "id"}).stdout
    assert "Butuh: magang di dapur restoran" in out
    i18n.set_language("en")
    english = run("demo").stdout
    assert "Weekly review, Saturday 28 November 2026" in english
    assert "Gede Wirawan #19" in english and "Hari" not in english


def test_demo_lang_refuses_other_languages() -> None:
    result = CliRunner().invoke(app, ["demo", "--lang", "fr"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error:") and "--lang" in result.stderr


def _story_sentences() -> list[str]:
    texts: list[str] = []
    for verb, *args in STORY:
        if verb == "meet":
            details = args[-1]
            texts += [details[k] for k in ("at", "role", "note") if k in details]
            texts += details.get("can", [])
        elif verb in ("need", "promise", "helped", "received"):
            texts.append(args[2])
        elif verb in ("log", "followup"):
            texts.append(args[3])
        elif verb == "set_outcome":
            texts.append(args[1])
        elif verb in ("intro", "close_need") and "note" in args[-1]:
            texts.append(args[-1]["note"])
    return texts


# Words that show a sentence is already Indonesian (or a name of a place).
_INDONESIAN = re.compile(
    r"\b(dan|di|untuk|dari|yang|sekali|umum|usaha|murah|anak|notaris|kopi|resep|"
    r"sewa|urus|legalisasi|ekspedisi|logo|foto|cetak|kamar|Arisan|Klinik)\b|"
    r"Meetup|Mixer|Expo|Coworking|Warung Kopi Senja"
)


def test_every_english_sentence_of_the_story_has_its_indonesian() -> None:
    missing = [
        text
        for text in _story_sentences()
        if text not in INDONESIAN and not _INDONESIAN.search(text)
    ]
    assert missing == []
    stale = set(INDONESIAN) - set(_story_sentences())
    assert stale == set()
