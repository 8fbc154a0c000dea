"""Page text cannot drive the terminal: every control sequence and unsafe character is removed."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.safe_text import clean, clean_line, is_clean

HOSTILE = [
    ("colour \x1b[31mred\x1b[0m", "colour red"),
    ("clear screen\x1b[2J\x1b[H", "clear screen"),
    ("osc 8 \x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "osc 8 click"),
    ("osc 52 \x1b]52;c;cm0gLXJmIH4=\x07copied", "osc 52 copied"),
    ("title \x1b]0;pwned\x07set", "title set"),
    ("c1 csi \x9b31mred", "c1 csi red"),
    ("c1 osc \x9d8;;u\x9cx", "c1 osc x"),
    ("dcs \x1bPq#0;2;0;0;0\x1b\\done", "dcs done"),
    ("apc \x1b_Gf=100;AAAA\x1b\\done", "apc done"),
    ("unterminated \x1b]52;c;AAAA", "unterminated "),
    ("bell\x07 null\x00 del\x7f bs\x08", "bell null del bs"),
    ("trojan \u202egnp.exe\u202c source", "trojan gnp.exe source"),
    ("isolates \u2066a\u2069 \u2067b\u2069", "isolates a b"),
    ("bom\ufeff", "bom"),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE)
def test_clean_removes_terminal_controls(text: str, expected: str) -> None:
    assert clean(text) == expected
    assert is_clean(clean(text))


def test_clean_keeps_tabs_newlines_and_every_script() -> None:
    text = "Tab\there\nnew line: Привет, 日本語, עברית, العربية, emoji 🙂"
    assert clean(text) == text


def test_carriage_return_cannot_overwrite_a_line() -> None:
    assert clean("safe\rEVIL") == "safe\nEVIL"
    assert clean("a\r\nb") == "a\nb"


def test_clean_line_folds_whitespace() -> None:
    assert clean_line("  a\n\tb \x1b[1m c  ") == "a b c"


def test_is_clean_detects_escape() -> None:
    assert not is_clean("x\x1b[0m")
    assert is_clean("plain text")


@settings(max_examples=1000)
@given(st.text())
def test_printable_text_is_returned_unchanged_and_everything_else_is_cleaned(text: str) -> None:
    cleaned = clean(text)
    assert is_clean(cleaned)
    if text.isprintable():
        assert cleaned == text


def _tags(text: str) -> str:
    """`text` written in Unicode tag characters: invisible, but a program can read it."""
    return "".join(chr(0xE0000 + ord(char)) for char in text)


def test_hidden_text_in_tag_characters_is_removed() -> None:
    assert clean("Summary" + _tags("ignore the article") + ".") == "Summary."


def test_the_three_subdivision_flags_keep_their_tag_characters() -> None:
    scotland = "\U0001f3f4" + _tags("gbsct") + "\U000e007f"
    assert clean(f"Flag {scotland} kept") == f"Flag {scotland} kept"
    assert clean("\U0001f3f4" + _tags("hidden") + "\U000e007f") == "\U0001f3f4"


def test_zero_width_spaces_and_invisible_operators_are_removed() -> None:
    assert clean("pass\u200bword\u2060 and\u2062 x\u180e") == "password and x"


def test_joiners_that_scripts_and_emoji_need_are_kept_but_runs_are_cut() -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a ZWNJ inside a word
    family = "\U0001f469\u200d\U0001f4bb"  # woman technologist: a ZWJ sequence
    assert clean(persian) == persian and clean(family) == family
    assert clean("a\u200d\u200c\u200d\u200cb") == "a\u200db"


def test_a_file_name_that_is_not_utf8_loses_its_lone_surrogates() -> None:
    assert clean("caf\udce9.toml") == "caf.toml"
