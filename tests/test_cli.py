"""The command line as a user meets it: modes, one-line errors and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.commands.parsing import parse_size
from tests.support.cli import assert_one_line_error, run_reader


def test_no_argument_prints_the_welcome_article_without_its_clutter_when_piped() -> None:
    result = run_reader()
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "Welcome to reader" in out.splitlines()[0]
    assert "Heading 2: Reading a page" in out
    for clutter in ("ADVERTISEMENT", "Never miss a story", "Must read", "cookies to personalise"):
        assert clutter not in out


def test_version_names_the_program() -> None:
    result = run_reader("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("reader ")


def test_unknown_option_is_a_one_line_usage_error_exit_2() -> None:
    stderr = assert_one_line_error(run_reader("--no-such-option"), 2)
    assert "reader --help" in stderr


def test_missing_file_is_a_usage_error_exit_2(tmp_path: Path) -> None:
    stderr = assert_one_line_error(run_reader(str(tmp_path / "nothing.html")), 2)
    assert "nothing.html" in stderr


def test_malformed_url_is_a_usage_error_exit_2() -> None:
    assert_one_line_error(run_reader("http://"), 2)


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run_reader("--debug", str(tmp_path / "nothing.html"))
    assert result.returncode == 2
    assert "Traceback" in result.stderr.decode()


def test_stdin_page_is_read_with_a_dash() -> None:
    page = (
        b"<html><head><title>From a pipe</title></head><body><article>"
        + (b"<p>Standard input works for pages piped from other programs. " * 20 + b"</p>")
        + b"</article></body></html>"
    )
    result = run_reader("--plain", "-", stdin=page)
    assert result.returncode == 0, result.stderr.decode()
    assert "From a pipe" in result.stdout.decode()


def test_unsupported_local_file_type_is_exit_4(tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n")
    assert_one_line_error(run_reader(str(pdf)), 4)


def test_every_output_format_prints_the_welcome_article() -> None:
    for fmt in ("plain", "text", "markdown", "json", "html"):
        result = run_reader("--format", fmt)
        assert result.returncode == 0, (fmt, result.stderr.decode())
        assert "Welcome to reader" in result.stdout.decode()


def test_full_shows_the_clutter_distillation_removed() -> None:
    out = run_reader("--full").stdout.decode()
    assert "Never miss a story" in out
    assert "Happy reading" in out


def test_output_never_contains_colour_when_piped() -> None:
    result = run_reader("--plain", env={"NO_COLOR": ""})
    assert b"\x1b" not in result.stdout


def test_broken_pipe_is_not_an_error() -> None:
    command = f"{sys.executable} -m reader --plain | head -n 1"
    result = subprocess.run(command, shell=True, capture_output=True, timeout=60)
    assert result.returncode == 0
    assert result.stderr == b""


@pytest.mark.parametrize(
    ("text", "expected"),
    [("20MB", 20_000_000), ("512k", 512_000), ("1MiB", 1_048_576), ("300", 300)],
)
def test_sizes_accept_units(text: str, expected: int) -> None:
    assert parse_size(text) == expected


def test_bad_size_is_a_usage_error() -> None:
    assert_one_line_error(run_reader("--max-size", "lots"), 2)
