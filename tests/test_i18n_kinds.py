"""Stored kinds and timeline labels in the interface language; the compiled
catalogue is the same bytes whenever it is compiled."""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime, timezone
from pathlib import Path

from tests.conftest import NJ

from netjournal import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "src" / "netjournal" / "locale" / "id" / "LC_MESSAGES" / "netjournal.po"
ID = {"NETJOURNAL_LANG": "id"}


def test_log_confirms_the_kind_in_indonesian_and_json_keeps_the_stored_kind(nj: NJ) -> None:
    i18n.set_language("id")
    nj("met", "Ann Lee", env=ID)
    out = nj("log", "Ann", "tanya kabar", "--kind", "wa", "--on", "kemarin", env=ID).stdout
    assert out == "Tercatat pesan #2 dengan Ann Lee #1 pada 2026-11-27\n"
    out = nj("log", "Ann", "ngobrol", "--kind", "telp", env=ID).stdout
    assert out.startswith("Tercatat telepon #3 dengan Ann Lee #1")
    assert nj.json("log", "Ann", "kopdar", "--kind", "ketemu")["kind"] == "meeting"
    card = nj("person", "show", "Ann", env=ID).stdout
    assert "2026-11-27  pesan" in card and "2026-11-28  bertemu" in card
    assert "  met  " not in card


def test_english_keeps_the_english_labels(nj: NJ) -> None:
    nj("met", "Ann Lee")
    assert nj("log", "Ann", "hello", "--kind", "wa").stdout.startswith("Logged message #2 with")
    card = nj("person", "show", "Ann").stdout
    assert "2026-11-28  message" in card and "2026-11-28  met" in card


def test_compiling_twice_gives_the_same_mo() -> None:
    spec = importlib.util.spec_from_file_location("nj_i18n_script_mo", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script
    spec.loader.exec_module(script)
    first = script._mo_bytes(script._read_po(PO, "id"))
    later = script._read_po(PO, "id")
    # Babel stamps the time of reading into the header: it must not reach the .mo.
    later.creation_date = datetime(2031, 1, 2, 3, 4, tzinfo=timezone.utc)
    assert script._mo_bytes(later) == first
    assert PO.with_suffix(".mo").read_bytes() == first
