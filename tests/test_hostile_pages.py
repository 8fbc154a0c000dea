"""Malformed and pathological pages (issue 6): a clean result or a ReaderError, never anything
else, never a hang, and no control character in plain, markdown or json output.

The builders live in hostile_pages.py; bench/fuzz_pipeline.py runs the same cases at full size
in separate processes and reports time and peak memory.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.document import Article, Page
from reader.core.errors import ReaderError
from reader.core.extract.extractor import extract
from reader.core.extract.html_tree import parse_html
from reader.core.formats import render
from reader.core.pipeline import Options, load_article
from tests.support.hostile_pages import (
    FORMATS,
    HOSTILE_CASES,
    MB,
    PROSE,
    a_million_links,
    binary_garbage,
    enormous_pre,
    fifty_megabytes_of_text,
    long_word,
    many_empty_elements,
    one_huge_text_node,
    unclosed_tags,
    unsafe_in_output,
    wide_table,
)

HANG_GUARD_SECONDS = 300  # a guard against a hang, far above any honest run; not a benchmark

# Smaller versions of the heaviest cases, so the suite stays quick; the bench runs full sizes.
SUITE_BUILDERS = {
    **HOSTILE_CASES,
    "unclosed_tags": lambda: unclosed_tags(300),
    "fifty_megabytes_of_text": lambda: fifty_megabytes_of_text(MB // 2),
    "a_million_links": lambda: a_million_links(3_000),
    "enormous_pre": lambda: enormous_pre(5_000),
    "many_empty_elements": lambda: many_empty_elements(5_000),
    "wide_table": lambda: wide_table(50, 20),
    "one_huge_text_node": lambda: one_huge_text_node(MB // 2),
    "binary_garbage": lambda: binary_garbage(MB // 4),
    "million_character_word": lambda: long_word(200_000),
}
# The cases that are about bytes (decoding), read from a file through the whole pipeline.
BYTE_CASES = [
    "invalid_utf8",
    "nul_bytes",
    "charset_latin1_declared_utf8",
    "charset_utf8_declared_latin1",
    "charset_utf16_declared_utf8",
    "binary_garbage",
    "escapes_everywhere",
    "empty_document",
    "unclosed_title",
    "nesting_10000_list",
]


class Hang(Exception):
    pass


@pytest.fixture(autouse=True)
def hang_guard() -> Iterator[None]:
    """Turn a hang into a test failure instead of a stuck suite."""

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"no result after {HANG_GUARD_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(HANG_GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def render_everything(article: Article) -> None:
    """Render `article` in every text format (and plain at 40 columns); check each output."""
    for fmt, width in [*((fmt, None) for fmt in FORMATS), ("plain", 40)]:
        output = render(article, fmt, width=width)
        assert output.endswith("\n")
        assert unsafe_in_output(fmt, output) == [], f"{fmt} output holds control characters"


def read_and_render(page: Page) -> Article | ReaderError:
    try:
        article = extract(page)
    except ReaderError as error:
        assert str(error) and "\n" not in str(error)
        return error
    render_everything(article)
    return article


@pytest.mark.parametrize("name", sorted(SUITE_BUILDERS))
def test_hostile_page_decoded_leniently_reads_cleanly_or_raises_reader_error(name: str) -> None:
    raw = SUITE_BUILDERS[name]()
    read_and_render(Page(url="https://hostile.example/page", text=raw.decode("utf-8", "replace")))


@pytest.mark.parametrize("name", ["binary_garbage", "escapes_everywhere", "invalid_utf8"])
def test_page_text_holding_c1_controls_reads_cleanly(name: str) -> None:
    # Decoding as Latin-1 maps bytes 0x80-0x9f to C1 controls (0x9b is CSI, 0x9d is OSC).
    raw = SUITE_BUILDERS[name]()
    read_and_render(Page(url="https://hostile.example/page", text=raw.decode("latin-1")))


def test_page_text_with_lone_surrogates_reads_cleanly() -> None:
    raw = SUITE_BUILDERS["invalid_utf8"]()
    result = read_and_render(
        Page(url="https://hostile.example/p", text=raw.decode("utf-8", "surrogateescape"))
    )
    assert isinstance(result, Article)


def test_text_behind_ten_thousand_levels_is_kept() -> None:
    article = read_and_render(
        Page(url="https://hostile.example/p", text=HOSTILE_CASES["nesting_10000_div"]().decode())
    )
    assert isinstance(article, Article)
    plain = render(article, "plain")
    assert "Honest words" in plain and "After the deep part." in plain


def test_unclosed_tags_keep_their_text() -> None:
    article = read_and_render(
        Page(url="https://hostile.example/p", text=SUITE_BUILDERS["unclosed_tags"]().decode())
    )
    assert isinstance(article, Article)
    assert "Honest words" in render(article, "plain")


def test_one_text_node_over_ten_megabytes_is_not_lost() -> None:
    # libxml2 caps one text node at 10,000,000 bytes unless told otherwise and then drops that
    # text and everything after it; a browser shows it all. (Found by this suite.)
    text = "<html><body><p>" + PROSE * (11 * MB // len(PROSE)) + "</p><p>After it.</p></body>"
    root = parse_html(text)
    assert root is not None
    paragraphs = [p.text_content() for p in root.iter("p")]
    assert len(paragraphs) == 2
    assert len(paragraphs[0]) > 10 * MB and paragraphs[1] == "After it."


@pytest.mark.parametrize("name", BYTE_CASES)
def test_hostile_file_through_the_whole_pipeline(name: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(SUITE_BUILDERS[name]())
    try:
        article = load_article(str(path), Options(use_cache=False))
    except ReaderError as error:
        assert str(error) and "\n" not in str(error)
        return
    render_everything(article)


def test_decoding_follows_the_bytes_when_the_declared_charset_lies(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(HOSTILE_CASES["charset_latin1_declared_utf8"]())
    assert "Café “quoted” — cost €5." in render(load_article(str(path)), "plain")
    path.write_bytes(HOSTILE_CASES["charset_utf8_declared_latin1"]())
    assert "Привет, 世界! 👋" in render(load_article(str(path)), "plain")


@pytest.mark.parametrize("builder", [fifty_megabytes_of_text, a_million_links])
def test_pages_over_the_size_cap_are_refused_with_one_line(builder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "page.html"
    path.write_bytes(builder())  # full size: 50 MB of text, a million links (30 MB)
    with pytest.raises(ReaderError) as caught:
        load_article(str(path), Options(use_cache=False))
    assert caught.value.exit_code == 3 and "limit" in caught.value.message
