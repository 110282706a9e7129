"""The interface in Indonesian: --help, plurals, introduction messages, dates, kinds, Excel CSV."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import NJ


@pytest.fixture
def two(nj: NJ) -> NJ:
    nj("met", "Ann Lee", "--org", "Warung Ann", "--role", "Owner", "--can", "pembukuan")
    nj("met", "Bob Tan", "--needs", "akuntan pajak", "--phone", "+62 811 1234")
    return nj


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NETJOURNAL_LANG", "LC_"))}
    env.update({"LANG": "C.UTF-8", "COLUMNS": "100", "NO_COLOR": "1", **extra})
    return env


def _run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netjournal", *args],
        env=_env(**extra),
        capture_output=True,
        text=True,
    )


# --- help -------------------------------------------------------------------------


@pytest.mark.parametrize("env", [{"NETJOURNAL_LANG": "id"}, {"LANG": "id_ID.UTF-8"}])
def test_help_of_a_command_is_indonesian_with_its_panels(env: dict[str, str]) -> None:
    out = _run("met", "--help", **env).stdout
    assert "Catat pertemuan dengan seseorang" in out
    assert "─ Opsi ─" in out and "─ Argumen ─" in out and "[wajib]" in out
    assert "Options" not in out and "Who you met" not in out


def test_root_help_has_indonesian_panels_and_english_stays_english() -> None:
    out = _run("--help", NETJOURNAL_LANG="id").stdout
    assert "─ Perintah ─" in out and "─ Opsi ─" in out
    english = _run("--help").stdout
    assert "─ Commands ─" in english and "Perintah" not in english


def test_help_in_process_follows_the_language(nj: NJ, indonesian: None) -> None:
    out = nj("intro", "message", "--help").stdout
    assert "Cetak ulang pesan perkenalan" in out


# --- plurals ----------------------------------------------------------------------


def test_english_counts_say_one_person(nj: NJ) -> None:
    nj("met", "Ann Lee")
    assert "1 person" in nj("person", "list").stdout
    assert "1 people" not in nj("person", "list").stdout
    nj("met", "Bob Tan")
    assert "2 people" in nj("person", "list").stdout


def test_indonesian_counts_have_one_form(nj: NJ, indonesian: None) -> None:
    nj("met", "Ann Lee")
    assert "1 orang" in nj("person", "list").stdout


# --- introduction messages ---------------------------------------------------------


def test_intro_add_message_follows_the_interface_language(two: NJ, indonesian: None) -> None:
    out = two("intro", "add", "Ann", "Bob", "--need", "1", "--message-only").stdout
    assert out.startswith("Halo Ann dan Bob,\n")
    assert "Bob, Anda pernah cerita sedang butuh: akuntan pajak." in out
    assert "yang bisa membantu soal pembukuan" in out


def test_intro_add_lang_overrides_and_message_prints_it_again(two: NJ) -> None:
    added = two("intro", "add", "Ann", "Bob", "--need", "1", "--lang", "id").stdout
    assert "Halo Ann dan Bob," in added
    again = two("intro", "message", "1", "--lang", "id").stdout
    assert added.endswith(again)
    english = two("intro", "message", "#1").stdout
    assert english.startswith("Hi Ann and Bob,\n") and "Best," in english


def test_double_opt_in_asks_each_side_first(two: NJ) -> None:
    two("intro", "add", "Ann", "Bob", "--need", "1")
    to_a = two("intro", "message", "1", "--for", "a").stdout
    assert to_a.startswith("Hi Ann,\n")
    assert "Bob is looking for help with: akuntan pajak" in to_a
    assert "share your contact with Bob?" in to_a
    to_b = two("intro", "message", "1", "--for", "b", "--lang", "id").stdout
    assert to_b.startswith("Halo Bob,\n")
    assert "Anda pernah cerita sedang butuh: akuntan pajak. Saya rasa Ann bisa membantu." in to_b
    assert "kontak Anda saya berikan ke Ann?" in to_b


def test_without_need_the_need_line_is_left_out(two: NJ) -> None:
    two("intro", "add", "Ann", "Bob")
    out = two("intro", "message", "1").stdout
    assert "need" not in out and "\n\n\n" not in out


def test_user_template_with_placeholders_and_my_name(two: NJ, tmp_path: Path) -> None:
    folder = tmp_path / "xdg-config" / "netjournal"
    folder.mkdir(parents=True)
    (folder / "intro-message.id.txt").write_text(
        "Halo {a_first} & {b_first}! {b} ({b_phone}) butuh {need}.\n-- {me}\n", encoding="utf-8"
    )
    (folder / "config.toml").write_text('my_name = "Sari"\n', encoding="utf-8")
    two("intro", "add", "Ann", "Bob", "--need", "1")
    out = two("intro", "message", "1", "--lang", "id").stdout
    assert out == "Halo Ann & Bob! Bob Tan (+62 811 1234) butuh akuntan pajak.\n-- Sari\n"
    assert two("intro", "message", "1").stdout.endswith("Best,\nSari\n")  # English: default


def test_unknown_placeholder_is_a_clear_error(two: NJ, tmp_path: Path) -> None:
    two("intro", "add", "Ann", "Bob")
    folder = tmp_path / "xdg-config" / "netjournal"
    folder.mkdir(parents=True)
    (folder / "intro-message.en.txt").write_text("Hi {a_frist}\n", encoding="utf-8")
    err = two.fails("intro", "message", "1").stderr
    assert "unknown placeholder {a_frist}" in err and "{a_first}" in err


@pytest.mark.parametrize(
    ("args", "word"),
    [(["--lang", "fr"], "--lang"), (["--for", "c"], "--for")],
)
def test_bad_message_options_are_usage_errors(two: NJ, args: list[str], word: str) -> None:
    two("intro", "add", "Ann", "Bob")
    assert word in two.fails("intro", "message", "1", *args, code=2).stderr


def test_message_of_a_missing_intro(two: NJ) -> None:
    assert "#9" in two.fails("intro", "message", "9").stderr


# --- dates, kinds, Excel ----------------------------------------------------------


def test_review_header_and_person_show_use_indonesian_long_dates(two: NJ, indonesian: None) -> None:
    assert "Tinjauan mingguan, Sabtu, 28 November 2026" in two("review").stdout
    shown = two("person", "show", "Ann").stdout
    assert "Sabtu, 28 November 2026" in shown


def test_english_review_header_is_unchanged(two: NJ) -> None:
    assert "Weekly review, Saturday 28 November 2026" in two("review").stdout


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("WA", "message"),
        ("whatsapp", "message"),
        ("pesan", "message"),
        ("DM", "message"),
        ("telp", "call"),
        ("Telepon", "call"),
        ("telpon", "call"),
        ("ketemu", "meeting"),
        ("bertemu", "meeting"),
        ("rapat", "meeting"),
        ("surel", "email"),
        ("e-mail", "email"),
        ("lainnya", "other"),
    ],
)
def test_kind_aliases_store_the_kind(two: NJ, typed: str, stored: str) -> None:
    assert two.json("log", "Ann", "halo", "--kind", typed)["kind"] == stored


def test_unknown_kind_is_a_usage_error_and_help_lists_aliases(two: NJ) -> None:
    assert "'fax'" in two.fails("log", "Ann", "x", "--kind", "fax", code=2).stderr
    assert "nj log NAME --help" in " ".join(two("log", "--help").stdout.split())
    help_text = two("log", "Ann", "--help").stdout
    assert "whatsapp" in help_text and "telp" in help_text and "ketemu" in help_text


def test_export_csv_excel_bytes(two: NJ, tmp_path: Path) -> None:
    out = tmp_path / "orang.csv"
    two("export", "csv", "--excel", "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;name;org;")
    assert b"\r\n" in data and b"Warung Ann" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][:3] == ["1", "Ann Lee", "Warung Ann"]
    plain = tmp_path / "plain.csv"
    two("export", "csv", "-o", str(plain))
    assert plain.read_bytes().startswith(b"id,name,org,")


def test_excel_csv_imports_back(two: NJ, tmp_path: Path) -> None:
    out = tmp_path / "orang.csv"
    two("export", "csv", "--excel", "-o", str(out))
    other = NJ(tmp_path / "other.db")
    other("import", "csv", str(out))
    names = [p["name"] for p in other.json("person", "list")]
    assert names == ["Ann Lee", "Bob Tan"]


def test_log_list_and_edit_name_the_kind_in_indonesian(nj: NJ, indonesian: None) -> None:
    nj("met", "Ann", "-q")
    nj("log", "Ann", "telp soal pameran", "--kind", "call", "-q")
    listed = nj("log", "list").stdout
    assert "telepon" in listed and " call " not in listed
    edited = nj("log", "edit", "2", "--note", "jadi ikut").stdout
    assert "#2 telepon dengan Ann" in edited
    assert nj.json("log", "list")[0]["kind"] == "call"  # JSON keeps the stored value
