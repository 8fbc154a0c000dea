"""Parse page text into one lxml tree, robustly, and resolve URLs against the page's base.

The page is parsed once; metadata, readability and the block converter all read this tree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.etree import ParserError

MAX_NESTING = 200  # libxml2 stops parsing at depth 256 and loses the rest of the page
MAX_ATTRIBUTES = 1_000  # libxml2 compares each attribute with every earlier one
# A start tag long enough to hold MAX_ATTRIBUTES attributes: up to a "<" or ">" outside quotes.
# Each character has one way to match and nothing is kept to backtrack into (atomic, possessive),
# and a scan stops at the next "<" outside quotes: finding them all is about linear in the page.
_LONG_TAG = re.compile(rf"""<[A-Za-z](?>[^<>"']|"[^"]*"|'[^']*'){{{2 * MAX_ATTRIBUTES},}}+""")
# An attribute as HTML reads it: a name (quotes included, as a parse error), then maybe a value.
_ATTRIBUTE = re.compile(r"""\s+[^\s=<>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s<>]*))?""")
_SPACE = re.compile(r"\s")
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>")
# lxml.html's own class lookup is a Python call for every element object made (thousands per
# page); this one is lxml's C lookup with the same classes, less the form-field ones (whose
# extra properties neither readability nor we read).
_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """The `<html>` element of `text`, or None when there is nothing to parse.

    NUL bytes are dropped (libxml2 would stop at them) and the text is handed over as UTF-8
    bytes so that an XML declaration or a stray `<meta charset>` cannot re-decode it.
    """
    text = limit_attributes(text.replace("\x00", ""), MAX_ATTRIBUTES)
    if not text.strip():
        return None
    root, too_deep = _parse(text)
    if too_deep:
        # The limit hit may also be libxml2's 10,000,000-byte cap on one text node, which
        # drops that text and the rest of the page: with nesting now bounded, lift it.
        root, _ = _parse(flatten_deep_nesting(text, MAX_NESTING), huge=True)
    return root


def _parse(text: str, huge: bool = False) -> tuple[lxml.html.HtmlElement | None, bool]:
    """The parsed tree, and whether libxml2 gave up because of nesting depth or text size."""
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=huge
    )
    parser.set_element_class_lookup(_CLASSES)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (ParserError, ValueError):
        return None, False
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


def limit_attributes(text: str, limit: int) -> str:
    """`text` with the attributes of a start tag past the first `limit` dropped.

    No page needs more; past a few thousand, libxml2's duplicate check makes the parse
    quadratic (300,000 attributes: minutes). A span holding an end tag is left alone: it is
    script text or prose misread through a stray quote, not a start tag (a hostile tag that
    does this is bounded by the extraction budget instead).
    """
    parts: list[str] = []
    position = 0
    for tag in _LONG_TAG.finditer(text):
        attributes = _ATTRIBUTE.finditer(text, tag.start(), tag.end())
        for count, attribute in enumerate(attributes, 1):
            if count == limit:
                if text.find("</", tag.start(), tag.end()) < 0:
                    parts.append(text[position : attribute.end()])
                    position = tag.end()
                break
    if not parts:
        return text
    parts.append(text[position:])
    return "".join(parts)


def flatten_deep_nesting(text: str, limit: int) -> str:
    """`text` with the start and end tags nested deeper than `limit` removed (text kept).

    A browser shows such pages; libxml2 would silently drop everything after the deep part.
    """
    parts: list[str] = []
    kept: list[bool] = []
    depth = 0
    position = 0
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID:
            continue
        if closing:
            keep = kept.pop() if kept else True
            depth -= keep
        else:
            keep = depth < limit
            kept.append(keep)
            depth += keep
        if not keep:
            parts.append(text[position : match.start()])
            parts.append(" ")
            position = match.end()
    parts.append(text[position:])
    return "".join(parts)


def base_url(root: lxml.html.HtmlElement, page_url: str) -> str:
    """The URL relative links resolve against: `<base href>` joined to the page URL."""
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return absolute_url(href, page_url) or page_url
    return page_url


def _is_plain_root_relative(href: str) -> bool:
    """A "/path?query#fragment" link with nothing urljoin would rewrite: no "//" authority,
    no dot segment, no backslash, no empty query or fragment."""
    return (
        href[0] == "/"
        and href[1:2] != "/"
        and "\\" not in href
        and "/." not in href
        and "?#" not in href
        and not href.endswith(("?", "#"))
    )


@lru_cache(maxsize=16)
def _origin(base: str) -> str | None:
    """`scheme://host[:port]` of an http(s) or file: base URL, or None for any other base."""
    parts = urlsplit(base)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    if parts.scheme == "file":
        return f"file://{parts.netloc}"
    return None


def absolute_url(href: str | None, base: str) -> str | None:
    """`href` resolved against `base`, or None for empty, script and malformed links."""
    if not href:
        return None
    if _SPACE.search(href):
        href = "".join(href.split())  # browsers drop whitespace and newlines inside URLs
        if not href:
            return None
    lowered = href[:11].lower()
    if lowered.startswith(("javascript:", "vbscript:", "data:")):
        return None
    if lowered.startswith(("http://", "https://")) and "[" not in href:
        return href  # already absolute
    if _is_plain_root_relative(href):
        origin = _origin(base)  # a root-relative path: what urljoin gives, without its cost
        if origin:
            return origin + href
    try:
        return urljoin(base, href)  # raises ValueError on e.g. a bad IPv6 literal
    except ValueError:
        return None
