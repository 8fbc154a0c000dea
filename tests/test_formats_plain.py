"""The plain (screen-reader) format: golden output, wrapping, colour and hostile text."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.document import (
    Article,
    Code,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Table,
)
from reader.core.errors import UsageError
from reader.core.formats import FORMATS, render
from reader.core.formats.plain import OWN_SGR, cell_width
from tests.support.formats_sample import (
    HOSTILE,
    assert_matches_golden,
    hostile_article,
    link,
    sample_article,
    t,
)

SGR = re.compile(r"\x1b\[[0-9;]*m")
# Anything a terminal could act on: C0 except tab and newline, DEL, C1, bidi controls.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def test_plain_output_matches_golden_file() -> None:
    assert_matches_golden("plain.txt", render(sample_article(), "plain"))


def test_plain_output_wrapped_at_40_matches_golden_file() -> None:
    assert_matches_golden("plain_width_40.txt", render(sample_article(), "plain", width=40))


def test_text_format_is_the_plain_format() -> None:
    article = sample_article()
    assert render(article, "text") == render(article, "plain")
    assert set(FORMATS) == {"plain", "text", "markdown", "json", "html"}


def test_header_lists_title_byline_site_date_and_reading_time_each_on_a_line() -> None:
    lines = render(sample_article(), "plain").split("\n")
    assert lines[:5] == [
        "The Analytical Engine, Explained",
        "By Ada Lovelace",
        "Example News",
        "Published 1 September 1843",
        "1 min read",
    ]
    assert lines[5:7] == ["", "Note: " + sample_article().notices[0]]


def test_reading_time_counts_minutes_of_the_body() -> None:
    words = " ".join(["word"] * 1150)
    article = Article(title="Long", byline="By Someone", blocks=[Paragraph([t(words)])])
    out = render(article, "plain")
    assert "\n5 min read\n" in out
    assert "\nBy Someone\n" in out  # a byline that already says "By" is not doubled


def test_blocks_are_separated_by_exactly_one_blank_line() -> None:
    out = render(sample_article(), "plain")
    assert "\n\n\n" not in out
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_headings_are_announced_with_their_level() -> None:
    out = render(Article(blocks=[Heading(4, [t("The Risks Of Reading")])]), "plain")
    assert "\nHeading 4: The Risks Of Reading\n" in out


def test_lists_use_dash_and_numbers_from_start_with_two_spaces_per_level() -> None:
    inner = ListBlock(False, [ListItem([t("deep")])])
    middle = ListBlock(True, [ListItem([t("seven")], [inner]), ListItem([t("eight")])], start=7)
    outer = ListBlock(False, [ListItem([t("top")], [middle]), ListItem([t("last")])])
    out = render(Article(blocks=[outer]), "plain")
    assert "- top\n  7. seven\n    - deep\n  8. eight\n- last\n" in out


def test_quotes_code_and_tables_are_announced_and_closed_in_words() -> None:
    out = render(sample_article(), "plain")
    assert "Quote:\nThe Analytical Engine" in out and "Source: Note G\nEnd of quote." in out
    assert "Code, python:\ndef bernoulli(n):\n" in out and "  # ``` inside\nEnd of code." in out
    assert "Table with 3 columns and 4 rows:\nCaption: People in this story\n" in out
    assert "Row 1: Name: Ada Lovelace; Born: 1815; Known for: Note G\n" in out
    assert "Row 4: Name: Joseph Jacquard; Born: 1752; Known for: (empty)\nEnd of table." in out


def test_table_without_header_reads_cells_alone_and_counts_are_singular() -> None:
    table = Table(header=[], rows=[[[t("only cell")]]])
    out = render(Article(blocks=[table]), "plain")
    assert "Table with 1 column and 1 row:\nRow 1: only cell\nEnd of table." in out


def test_images_are_described_by_alt_text_and_caption() -> None:
    out = render(sample_article(), "plain")
    assert "Image: A portrait of Ada Lovelace\nCaption: Portrait by A. E. Chalon, 1840.\n" in out
    assert "\nImage, no description\n" in out
    assert "ada.jpg" not in out


def test_links_are_numbered_inline_and_listed_once_at_the_end() -> None:
    out = render(sample_article(), "plain")
    assert "Jacquard loom [1] weaves" in out and "loom again [1] with" in out
    assert "the engine [3]" in out
    assert out.endswith(
        "Links:\n[1] https://en.wikipedia.org/wiki/Jacquard_machine\n"
        "[2] https://www.fourmilab.ch/babbage/sketch.html\n[3] https://news.example/engine\n"
    )


def test_links_without_numbers_are_numbered_by_the_renderer() -> None:
    article = Article(blocks=[Paragraph([link("one", "https://a.example/"), t(" "),
                                         link("two", "https://b.example/")])])  # fmt: skip
    out = render(article, "plain")
    assert "one [1] two [2]" in out
    assert out.endswith("Links:\n[1] https://a.example/\n[2] https://b.example/\n")
    assert article.links == []  # the caller's article is not modified


def test_no_box_drawing_or_decorative_symbols() -> None:
    out = render(sample_article(), "plain", width=40)
    for ch in set(out):
        name = unicodedata.name(ch, "")
        assert not name.startswith(("BOX DRAWINGS", "BLOCK ", "BULLET")), name
        assert unicodedata.category(ch) != "So", name


def test_lines_are_not_wrapped_without_a_width() -> None:
    words = " ".join(f"word{i}" for i in range(300))
    out = render(Article(blocks=[Paragraph([t(words)])]), "plain")
    assert words + "\n" in out


def test_wrapping_keeps_words_urls_and_code_whole() -> None:
    url = "https://example.com/a-very-long-path/with-hyphens/that-must-stay-whole?q=1"
    code = "x = 1  # a code line far longer than the width, which must never be wrapped at all"
    article = Article(
        blocks=[Paragraph([t("See " + url + " for the well-known details.")]), Code(code)]
    )
    out = render(article, "plain", width=30)
    assert f"\n{url}\n" in out
    assert f"\n{code}\n" in out
    assert "See\n" in out


@settings(max_examples=60, deadline=None)
@given(width=st.integers(min_value=1, max_value=120))
def test_wrapping_changes_only_whitespace_and_respects_the_width(width: int) -> None:
    article = sample_article()
    plain = render(article, "plain")
    wrapped = render(article, "plain", width=width)
    assert wrapped.split() == plain.split()
    code_lines = set(article.blocks[6].text.splitlines())  # the Code block
    for line in wrapped.splitlines():
        if cell_width(line) <= width or line in code_lines or line.startswith("["):
            continue
        # A longer line holds one unbreakable word (after any list indentation and marker);
        # announcements are glued to what they announce: "Heading 2:", "Row 1: Name: Ada".
        core = re.sub(r"^\s*(?:-|\d+\.)?\s*", "", line)
        assert len(re.split(r"(?<!:)(?<!Heading)(?<!Row) ", core)) == 1, (width, line)


def test_wide_characters_count_two_columns_when_wrapping() -> None:
    article = Article(blocks=[Paragraph([t("日本語 日本語 日本語")])])
    assert "\n日本語 日本語\n日本語\n" in render(article, "plain", width=14)


def test_wrapped_list_items_hang_under_their_text() -> None:
    item = ListItem([t("alpha beta gamma delta epsilon")])
    out = render(Article(blocks=[ListBlock(True, [item], start=9)]), "plain", width=16)
    assert "\n9. alpha beta\n   gamma delta\n   epsilon\n" in out


def test_no_colour_unless_asked() -> None:
    assert "\x1b" not in render(sample_article(), "plain")


def test_colour_adds_only_bold_italic_underline_and_is_never_the_only_signal() -> None:
    article = sample_article()
    coloured = render(article, "plain", color=True)
    assert set(SGR.findall(coloured)) <= set(OWN_SGR)
    assert "\x1b[1mHeading 2: How it works\x1b[0m" in coloured
    assert "\x1b[4mJacquard loom\x1b[0m [1]" in coloured
    # Remove the styling and the text is exactly the uncoloured text: words, numbers, markers.
    assert SGR.sub("", coloured) == render(article, "plain")
    assert SGR.sub("", render(article, "plain", color=True, width=30)) == render(
        article, "plain", width=30
    )


def test_colour_styles_are_reset_on_every_line() -> None:
    long_link = Inline("a link whose text wraps over several lines", "link", "https://x.example/")
    out = render(Article(blocks=[Paragraph([long_link])]), "plain", width=12, color=True)
    for line in out.splitlines():
        if "\x1b[4m" in line:
            assert line.endswith("\x1b[0m") or line.endswith("]")


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("width", [None, 20])
def test_hostile_strings_never_reach_the_output(color: bool, width: int | None) -> None:
    out = render(hostile_article(), "plain", width=width, color=color)
    without_own = out
    for seq in OWN_SGR:
        without_own = without_own.replace(seq, "")
    assert "\x1b" not in without_own
    assert not UNSAFE.search(without_own), repr(UNSAFE.search(without_own))
    assert "evil" in out and "Zred" not in out  # the text survives, the sequences do not
    assert "31m" not in out and "ZXZpbA" not in out and "8;;" not in out


@pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
def test_hostile_strings_never_reach_other_formats(fmt: str) -> None:
    out = render(hostile_article(), fmt)
    assert not UNSAFE.search(out), repr(UNSAFE.search(out))
    assert "\x1b" not in out and "ZXZpbA" not in out


def test_hostile_constant_really_is_hostile() -> None:
    assert UNSAFE.search(HOSTILE) and "\x1b]52" in HOSTILE and "\x9b" in HOSTILE


def test_unknown_format_and_bad_width_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        render(Article(), "pdf")
    with pytest.raises(UsageError, match="width"):
        render(Article(), "plain", width=0)


def test_empty_article_still_renders_a_header() -> None:
    assert render(Article(), "plain") == "No text to read\n"


@pytest.mark.parametrize(
    ("published", "shown"),
    [
        ("2026-11-24T09:00:00Z", "Published 24 November 2026"),
        ("2024-05-01", "Published 1 May 2024"),
        ("Tuesday, early", "Published Tuesday, early"),
    ],
)
def test_iso_dates_are_read_as_words_and_others_kept(published: str, shown: str) -> None:
    assert f"\n{shown}\n" in render(Article(title="T", published=published), "plain")
