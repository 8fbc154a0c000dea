"""Builders of malformed and pathological documents, shared by the hostile tests and the bench.

Each builder returns the raw bytes a server or file would hold; `HOSTILE_CASES` names them.
Sizes are the ones issue 6 asks for (50 MB of text, a million links, 10,000 levels).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

MB = 1024 * 1024
PROSE = "Honest words that a person would want to read in reading mode, one after another. "
ESCAPES = (
    "\x1b[2J\x1b]8;;https://evil.example\x1b\\\x1b]52;c;ZXZpbA==\x07\x9b31m\x9d0;t\x9c\x07\x08\r"
)


def _html(body: str, head: str = "<title>Hostile</title>") -> bytes:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode()


def unclosed_tags(repeats: int = 2000) -> bytes:
    """Thousands of start tags that are never closed, with text between them."""
    chunk = "<div><p><b><i><a href='/x'><table><tr><td><ul><li><blockquote><span>" + PROSE
    return ("<html><head><title>Unclosed</title><body>" + chunk * repeats).encode()


def unclosed_title() -> bytes:
    """A `<title>` never closed: like a browser, everything after it is title text."""
    return ("<html><head><title>Unclosed <p>" + PROSE * 50).encode()


def deep_nesting(tag: str = "div", levels: int = 10_000) -> bytes:
    """`levels` levels of `<tag>` with text at the bottom and after the close."""
    inner = "<p>" + PROSE * 4 + "</p>"
    if tag == "li":
        opened, closed = "<ul><li>" * levels, "</li></ul>" * levels
    else:
        opened, closed = f"<{tag}>" * levels, f"</{tag}>" * levels
    return _html(opened + inner + closed + "<p>After the deep part. " + PROSE + "</p>")


def fifty_megabytes_of_text(size: int = 50 * MB) -> bytes:
    """Paragraphs of prose adding up to `size` bytes."""
    paragraph = "<p>" + PROSE * 6 + "</p>\n"
    return _html(paragraph * (size // len(paragraph) + 1))


def one_huge_text_node(size: int = 20 * MB) -> bytes:
    """One paragraph holding `size` bytes of text with no markup at all."""
    return _html("<p>" + PROSE * (size // len(PROSE) + 1) + "</p>")


def a_million_links(count: int = 1_000_000) -> bytes:
    """`count` distinct links in one list, then some prose."""
    links = "".join(f"<a href='/p/{i}'>link {i}</a> " for i in range(count))
    return _html("<p>" + PROSE * 5 + "</p><div>" + links + "</div>")


def enormous_pre(lines: int = 200_000) -> bytes:
    """A page that is one `<pre>`: long code lines, tabs, angle brackets, escapes."""
    line = "\tif (a < b && c > d) { call(\"\x1b[31mred\x1b[0m\", 'x'); } // " + "=" * 60 + "\n"
    return ("<pre>" + line * lines + "</pre>").encode()


def invalid_utf8() -> bytes:
    """A page declared UTF-8 whose bytes are not: lone continuation bytes, overlongs, surrogates."""
    bad = b"\x80\xbf\xc0\xaf\xed\xa0\x80\xf8\x88\x80\x80\x80\xff\xfe\xf4\x90\x80\x80\xc3"
    body = (b"<p>" + PROSE.encode() + bad + b" end</p>") * 50
    return b"<html><head><meta charset='utf-8'><title>Bad\xff\xfe</title></head><body>" + body


def nul_bytes() -> bytes:
    """NUL bytes inside text, tag names, attribute values and the title."""
    return (
        b"<html><head><title>N\x00U\x00L</title></head><bo\x00dy><p cl\x00ass='a\x00b'>"
        + (PROSE.encode() + b"\x00") * 40
        + b"<a href='/x\x00y'>li\x00nk</a></p>\x00\x00\x00</body></html>"
    )


def charset_mismatch_latin1_as_utf8() -> bytes:
    """Declares UTF-8, is windows-1252 (smart quotes, accents, the euro sign)."""
    text = "<p>" + ("Caf\u00e9 \u201cquoted\u201d \u2014 cost \u20ac5. " + PROSE) * 20 + "</p>"
    head = "<meta charset='utf-8'><title>Caf\u00e9 \u2014 menu</title>"
    return f"<html><head>{head}</head><body>{text}</body></html>".encode("cp1252")


def charset_mismatch_utf8_as_latin1() -> bytes:
    """Declares ISO-8859-1, is UTF-8 (Cyrillic, CJK, emoji)."""
    text = "<p>" + ("Привет, 世界! 👋 " + PROSE) * 20 + "</p>"
    head = "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
    return f"<html><head>{head}<title>Привет</title></head><body>{text}</body></html>".encode()


def utf16_declared_utf8() -> bytes:
    """UTF-16 bytes (no BOM) under a UTF-8 declaration."""
    page = "<html><head><meta charset='utf-8'><title>Sixteen</title></head><body>"
    return (page + "<p>" + PROSE * 10 + "</p></body></html>").encode("utf-16-le")


def escapes_everywhere() -> bytes:
    """Escape sequences and controls in title, byline, body, links, URLs, alt text, entities."""
    e = ESCAPES
    body = (
        f"<h1>Head{e}line</h1><p class='byline'>By Mal{e}lory</p>"
        + f"<p>{PROSE}{e}{PROSE} &#27;[31m &#x9b;1m &#0; &#x7f; &#xD800; &#1114112;</p>" * 5
        + f"<p><a href='https://x.example/{e}'>link{e}text</a>"
        + f"<img src='/i.png' alt='alt{e}text'></p><pre>code{e}</pre>"
        + f"<ul><li>item{e}</li></ul><table><tr><th>h{e}</th></tr><tr><td>c{e}</td></tr></table>"
    )
    head = f"<title>Ti{e}tle</title><meta name='author' content='A{e}B'>"
    return _html(body, head)


def binary_garbage(size: int = 2 * MB) -> bytes:
    """Pseudo-random bytes (a deterministic generator, no os.urandom)."""
    state = 0x12345678
    out = bytearray()
    while len(out) < size:
        state = (state * 1103515245 + 12345) & 0xFFFFFFFF
        out += state.to_bytes(4, "little")
    return bytes(out[:size])


def long_word(length: int = 1_000_000) -> bytes:
    """One 'word' a million characters long, which no wrapping can break at a space."""
    return _html("<p>" + "x" * length + "</p><p>" + PROSE * 4 + "</p>")


def unterminated_comment_and_cdata() -> bytes:
    return b"<html><body><p>Before " + PROSE.encode() * 5 + b"<!-- never closed <p>hidden" * 1000


def many_empty_elements(count: int = 300_000) -> bytes:
    return _html("<span></span><br><i></i>" * count + "<p>" + PROSE * 4 + "</p>")


def wide_table(rows: int = 2000, cols: int = 200) -> bytes:
    row = "<tr>" + "<td>c</td>" * cols + "</tr>"
    return _html("<table>" + row * rows + "</table><p>" + PROSE * 4 + "</p>")


def many_attributes(count: int = 300_000) -> bytes:
    """One element with `count` attributes: libxml2 compares each with every earlier one."""
    return b"<p " + b" ".join(b"a%d=1" % i for i in range(count)) + b">t</p>"


def many_line_breaks(count: int = 1_000_000) -> bytes:
    """One paragraph of `count` short lines, each ended by `<br>`."""
    return b"<html><body><article><p>" + b"a<br>" * count + b"</p></article></body></html>"


def many_table_cells(count: int = 1_000_000) -> bytes:
    """One table of `count` one-letter cells, ten to a row."""
    row = b"<tr>" + b"<td>c</td>" * 10 + b"</tr>"
    return b"<html><body><table>" + row * (count // 10) + b"</table></body></html>"


def empty_documents() -> bytes:
    return b"   \n\t  "


HOSTILE_CASES: dict[str, Callable[[], bytes]] = {
    "unclosed_tags": unclosed_tags,
    "unclosed_title": unclosed_title,
    "nesting_10000_div": deep_nesting,
    "nesting_10000_blockquote": lambda: deep_nesting("blockquote"),
    "nesting_10000_list": lambda: deep_nesting("li"),
    "nesting_10000_table": lambda: deep_nesting("table"),
    "nesting_10000_inline": lambda: deep_nesting("b"),
    "fifty_megabytes_of_text": fifty_megabytes_of_text,
    "one_huge_text_node": one_huge_text_node,
    "a_million_links": a_million_links,
    "enormous_pre": enormous_pre,
    "invalid_utf8": invalid_utf8,
    "nul_bytes": nul_bytes,
    "charset_latin1_declared_utf8": charset_mismatch_latin1_as_utf8,
    "charset_utf8_declared_latin1": charset_mismatch_utf8_as_latin1,
    "charset_utf16_declared_utf8": utf16_declared_utf8,
    "escapes_everywhere": escapes_everywhere,
    "binary_garbage": binary_garbage,
    "million_character_word": long_word,
    "unterminated_comment": unterminated_comment_and_cdata,
    "many_empty_elements": many_empty_elements,
    "wide_table": wide_table,
    "empty_document": empty_documents,
}

# The same pages cut to fit under the default 20 MB size cap, which refuses the full ones: the
# worst a user meets without raising --max-size. Only the bench runs these.
AT_SIZE_CAP_CASES: dict[str, Callable[[], bytes]] = {
    "text_at_size_cap": lambda: fifty_megabytes_of_text(19 * MB),
    "links_at_size_cap": lambda: a_million_links(500_000),
    "attributes_at_size_cap": lambda: many_attributes(1_500_000),
    "line_breaks_at_size_cap": lambda: many_line_breaks(3_900_000),
    "table_cells_at_size_cap": lambda: many_table_cells(1_800_000),
}
# What a page within the default size cap may cost, whatever its shape (README, hostile input).
SLACK_SECONDS = 5.0  # beyond --extract-timeout
PEAK_RSS_MB = 1024

FORMATS = ("plain", "markdown", "json")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unsafe_characters(text: str) -> list[str]:
    """The characters in `text` a terminal must never receive: controls except newline and tab
    (C0, DEL, C1, so every escape sequence), and bidirectional overrides."""
    found = {
        ch
        for ch in set(text)
        if (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in _BIDI_CONTROLS
    }
    return sorted(repr(ch) for ch in found)


def json_strings(value: Any) -> Iterator[str]:
    """Every string (keys included) inside decoded JSON."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def unsafe_in_output(fmt: str, output: str) -> list[str]:
    """Unsafe characters in a rendered output; for JSON also inside the decoded strings."""
    problems = unsafe_characters(output)
    if fmt == "json":
        for text in json_strings(json.loads(output)):
            problems += unsafe_characters(text)
    return sorted(set(problems))
