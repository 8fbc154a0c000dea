"""Parse page text into one lxml tree, robustly, and resolve URLs against the page's base.

The page is parsed once; metadata, readability and the block converter all read this tree.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml.etree import ParserError

_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """The `<html>` element of `text`, or None when there is nothing to parse.

    NUL bytes are dropped (libxml2 would stop at them) and the text is handed over as UTF-8
    bytes so that an XML declaration or a stray `<meta charset>` cannot re-decode it.
    """
    text = text.replace("\x00", "")
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
    except (ParserError, ValueError):
        return None


def base_url(root: lxml.html.HtmlElement, page_url: str) -> str:
    """The URL relative links resolve against: `<base href>` joined to the page URL."""
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return absolute_url(href, page_url) or page_url
    return page_url


def absolute_url(href: str | None, base: str) -> str | None:
    """`href` resolved against `base`, or None for empty, script and malformed links."""
    if not href:
        return None
    href = "".join(href.split())  # browsers drop whitespace and newlines inside URLs
    if not href or href.lower().startswith(("javascript:", "vbscript:", "data:")):
        return None
    try:
        url = urljoin(base, href)
        urlsplit(url)  # raises ValueError on e.g. a bad IPv6 literal
    except ValueError:
        return None
    return url
