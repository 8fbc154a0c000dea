"""argparse's own words (usage, headings, its errors) in the interface language, through
reader's catalog, and unchanged in English."""

from __future__ import annotations

import argparse
import ast
import inspect
import sys

import pytest

from reader.commands.parsing import ARGPARSE_MESSAGES
from tests.support.cli import assert_one_line_error, run_reader

# Messages argparse only has from this Python on: reader translates them ahead of time.
_SINCE = {
    "%(heading)s:": (3, 14),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (3, 14),
}


def test_unknown_option_in_french_is_one_french_line_and_exit_2() -> None:
    stderr = assert_one_line_error(run_reader("--ui-language", "fr", "--bogus"), 2)
    # One line of plain spaces: error lines are cleaned (clean_line) on their way out.
    assert stderr == "reader: arguments non reconnus : --bogus (voir « reader --help »)\n"


def test_a_bad_choice_in_german_translates_both_nested_messages() -> None:
    stderr = assert_one_line_error(run_reader("--ui-language", "de", "--format", "xml"), 2)
    assert stderr.startswith("reader: Argument --format: ungültige Auswahl: 'xml' (möglich: ")


def test_a_missing_value_in_a_subcommand_speaks_chinese() -> None:
    result = run_reader("save", "--ui-language", "zh_CN", "https://example.com/", "--timeout")
    stderr = assert_one_line_error(result, 2)
    assert stderr.startswith("reader: 参数 --timeout\uff1a需要一个参数\uff08参见")


def test_german_help_has_german_usage_and_section_titles() -> None:
    result = run_reader("--ui-language", "de", "--help")
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("Aufruf: reader [-h]")
    assert "Positionsargumente:" in lines and "Optionen:" in lines
    assert any(
        line.split() == ["-h,", "--help", "diese", "Hilfe", "anzeigen", "und", "beenden"]
        for line in lines
    )
    assert not {"usage:", "options:", "positional arguments:"} & {line.lower() for line in lines}


def test_argparse_messages_stay_english_in_english() -> None:
    stderr = assert_one_line_error(run_reader("--bogus", env={"LANGUAGE": "", "LC_ALL": "C"}), 2)
    assert stderr == "reader: unrecognized arguments: --bogus (see 'reader --help')\n"


@pytest.mark.parametrize("message", sorted(ARGPARSE_MESSAGES))
def test_every_translated_message_is_one_argparse_uses(message: str) -> None:
    """A message argparse rewords would stay English: this names it."""
    if sys.version_info < _SINCE.get(message, (0,)):
        pytest.skip(f"argparse has this message from Python {_SINCE[message]}")
    source = ast.parse(inspect.getsource(argparse))
    strings = {node.value for node in ast.walk(source) if isinstance(node, ast.Constant)}
    assert message in strings
