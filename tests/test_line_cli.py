"""Choosing line mode from the command line: `reader --line` with commands from a pipe, the
mode setting and READER_MODE, what a pipe still prints, and usage errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import preferred_mode
from reader.core.storage.settings import dumps_settings, settings_from_dict
from reader.core.storage.settings_file import saved_mode
from tests.support.cli import assert_one_line_error, run_reader
from tests.support.line import transcript

PAGE = """<html><head><title>Mill</title></head><body><article><h1>Mill</h1>
<p>The mill grinds the grain into flour, slowly and steadily, every single day.</p>
<h2>Stones</h2><p>Two stones do the work; the upper one turns and the lower one stays.</p>
</article></body></html>"""


def write_page(tmp_path: Path) -> str:
    page = tmp_path / "mill.html"
    page.write_text(PAGE, encoding="utf-8")
    return str(page)


def write_settings(text: str) -> Path:
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "reader" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_commands_from_a_pipe_give_the_same_transcript_as_in_a_session(tmp_path: Path) -> None:
    page = write_page(tmp_path)
    commands = ["h", "w", "l", "/stone", "zz", "top"]
    expected = transcript(*commands, source=page)
    result = run_reader("--line", page, stdin="".join(f"{c}\n" for c in commands).encode())
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == expected
    assert result.stderr == b""
    assert '> /stone\nMatch 1 of 2 for "stone", block 2 of 3:\nHeading 2: Stones\n' in expected


def test_a_pipe_prints_the_plain_text_even_when_line_mode_is_preferred(tmp_path: Path) -> None:
    page = write_page(tmp_path)
    plain = run_reader("--plain", page).stdout
    write_settings('mode = "line"\n')
    piped = run_reader(page, env={"READER_MODE": "line"})
    assert piped.returncode == 0
    assert piped.stdout == plain
    assert b"Enter reads on" not in piped.stdout


def test_line_mode_cannot_read_the_page_from_standard_input() -> None:
    result = run_reader("--line", "-", stdin=b"<p>hello</p>")
    stderr = assert_one_line_error(result, 2)
    assert "line mode reads its commands from standard input" in stderr


def test_line_mode_and_printed_output_cannot_be_combined(tmp_path: Path) -> None:
    result = run_reader("--line", "--plain", write_page(tmp_path))
    assert "--line cannot be combined with --plain or --format" in assert_one_line_error(result, 2)


def test_the_mode_setting_takes_line_or_full_screen(tmp_path: Path) -> None:
    settings, warnings = settings_from_dict({"mode": "Line"})
    assert settings.mode == "line" and warnings == []
    assert 'mode = "line"' in dumps_settings(settings)
    settings, warnings = settings_from_dict({"mode": "braille"})
    assert settings.mode == "full-screen"
    assert warnings == ["mode = 'braille' is not one of full-screen, line; using full-screen"]


def test_the_mode_is_read_before_start_without_touching_a_broken_settings_file() -> None:
    assert saved_mode() == "full-screen"  # no file
    assert saved_mode(write_settings('mode = "line"\n')) == "line"
    broken = write_settings("mode = = line\n")
    assert saved_mode() == "full-screen"
    assert broken.exists()  # left for the full load to report and move aside


def test_reader_mode_overrides_the_setting_and_a_wrong_value_is_a_warning(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_settings('mode = "line"\n')
    monkeypatch.setenv("READER_MODE", "FULL-SCREEN")
    assert preferred_mode() == "full-screen"
    monkeypatch.setenv("READER_MODE", "braille")
    assert preferred_mode() == "line"
    assert capsys.readouterr().err == (
        "reader: warning: READER_MODE=braille is not one of full-screen, line; ignoring it\n"
    )
    monkeypatch.delenv("READER_MODE")
    assert preferred_mode() == "line"


def test_line_mode_loads_no_textual_or_rich() -> None:
    code = (
        "import sys, reader.cli, reader.line, reader.line.commands\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_first_page_that_cannot_open_leaves_a_prompt_that_opens_another(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    page = write_page(tmp_path)
    out = transcript("n", "w", f"o {page}", source=str(missing))
    assert out.startswith(
        f"Loading {missing} ...\nreader: no such file: {missing} "
        "(check the path, or give a full https:// URL)\n"
        "> n\nNo article is open: type o and an address, for example o example.com.\n"
        "> w\nNo article is open: type o and an address, for example o example.com.\n"
        f"> o {page}\nLoading {page} ...\nMill\n"
    )
