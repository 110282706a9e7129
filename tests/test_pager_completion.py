"""The pager (long output on a terminal) and shell completion, through the installed ``nj``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

TODAY = "2026-11-28"
NJ_BIN = shutil.which("nj") or str(Path(sys.executable).with_name("nj"))
#: A "pager" that marks every line it shows, so the test sees what went through it.
MARK = "sed s/^/PAGED:/"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        NETJOURNAL_TODAY=TODAY,
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        NO_COLOR="1",
        TERM="xterm",
        PAGER=MARK,
    )
    for key in ("NETJOURNAL_DB", "NETJOURNAL_CONFIG", "NETJOURNAL_WIDTH", "COLUMNS", "LINES"):
        env.pop(key, None)
    env.update(extra)
    return env


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    subprocess.run(
        [NJ_BIN, "demo", "--db", str(path)], env=_env(tmp_path), capture_output=True, check=True
    )
    return path


def _pty(tmp_path: Path, *args: str, rows: int = 24, **extra: str) -> str:
    out = pexpect.run(
        NJ_BIN,
        args=list(args),
        env=_env(tmp_path, **extra),
        encoding="utf-8",
        dimensions=(rows, 100),
        timeout=30,
    )
    return re.sub(r"\x1b\[[0-9;]*m", "", str(out))  # bold and dim stay on with NO_COLOR


def test_a_long_review_on_a_terminal_goes_through_the_pager(tmp_path: Path, demo: Path) -> None:
    out = _pty(tmp_path, "review", "--db", str(demo))
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) > 24
    assert all(line.startswith("PAGED:") for line in lines)
    assert "PAGED:Weekly review, Saturday 28 November 2026" in out


def test_pager_cat_under_a_pty_gets_the_whole_output(tmp_path: Path, demo: Path) -> None:
    out = _pty(tmp_path, "review", "--db", str(demo), PAGER="cat")
    assert "Weekly review, Saturday 28 November 2026" in out
    assert "Give/take all time" in out  # the end too


def test_no_pager_config_false_json_and_short_output_never_page(tmp_path: Path, demo: Path) -> None:
    assert "PAGED:" not in _pty(tmp_path, "review", "--no-pager", "--db", str(demo))
    assert "PAGED:" not in _pty(tmp_path, "--no-pager", "person", "list", "--db", str(demo))
    assert "PAGED:" not in _pty(tmp_path, "review", "--json", "--db", str(demo))
    short = _pty(tmp_path, "person", "show", "#2", "--db", str(demo), rows=80)
    assert "Made Suarta" in short and "PAGED:" not in short
    config = tmp_path / "xdg-config" / "netjournal"
    config.mkdir(parents=True)
    (config / "config.toml").write_text("pager = false\n", encoding="utf-8")
    out = _pty(tmp_path, "review", "--db", str(demo))
    assert "Weekly review" in out and "PAGED:" not in out


def test_lists_and_person_show_page_when_long(tmp_path: Path, demo: Path) -> None:
    out = _pty(tmp_path, "person", "list", "--limit", "0", "--db", str(demo), rows=10)
    assert "PAGED:" in out and "Made Suarta" in out
    out = _pty(tmp_path, "person", "show", "#2", "--db", str(demo), rows=10)
    assert "PAGED:" in out


def test_a_pipe_never_pages(tmp_path: Path, demo: Path) -> None:
    out = subprocess.run(
        [NJ_BIN, "review", "--db", str(demo)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    assert "PAGED:" not in out.stdout
    assert len(out.stdout.splitlines()) > 24


def _complete(tmp_path: Path, words: str, cword: int) -> list[str]:
    out = subprocess.run(
        [NJ_BIN],
        env=_env(tmp_path, _NJ_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword)),
        capture_output=True,
        text=True,
        check=True,
    )
    return [w for w in out.stdout.split("\n") if w]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script(tmp_path: Path, shell: str) -> None:
    out = subprocess.run(
        [NJ_BIN, "completion", shell], env=_env(tmp_path), capture_output=True, text=True
    )
    assert out.returncode == 0 and "_NJ_COMPLETE" in out.stdout and "nj" in out.stdout


def test_completion_of_an_unknown_shell_is_a_usage_error(tmp_path: Path) -> None:
    out = subprocess.run(
        [NJ_BIN, "completion", "tcsh"], env=_env(tmp_path), capture_output=True, text=True
    )
    assert out.returncode == 2 and out.stderr.startswith("Error:") and out.stdout == ""


def test_completes_commands_options_refs_and_names(tmp_path: Path, demo: Path) -> None:
    assert "done" in _complete(tmp_path, "nj do", 1)
    assert "--as-of" in _complete(tmp_path, "nj review --", 2)
    refs = _complete(tmp_path, f"nj done --db {demo} off", 4)
    assert {"offer:2", "offer:3"} <= set(refs) and all(r.startswith("offer:") for r in refs)
    names = _complete(tmp_path, f"nj person show --db {demo} Pu", 5)
    assert names == ["Putri\\ Ayu\\ Kartika", "Putri\\ Maharani"]


def test_bash_inserts_a_name_with_spaces_as_one_word(tmp_path: Path, demo: Path) -> None:
    """Through bash itself: the script's completion of "Putri M" is one shell word."""
    script = subprocess.run(
        [NJ_BIN, "completion", "bash"], env=_env(tmp_path), capture_output=True, text=True
    ).stdout
    probe = (
        f"{script}\nCOMP_WORDS=(nj person show --db {demo} 'Putri\\ M'); COMP_CWORD=5\n"
        f'_nj_completion {NJ_BIN}; eval "set -- ${{COMPREPLY[0]}}"; echo "$#:$1"'
    )
    out = subprocess.run(
        ["bash", "-c", probe], env=_env(tmp_path), capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "1:Putri Maharani"
