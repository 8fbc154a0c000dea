"""Article metadata from `<title>`, `<meta>`, OpenGraph, JSON-LD, `<time>`, `rel=author`, `lang`.

Every value is sanitised with `clean_line`; sources are tried in a fixed order of trust.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from reader.core.extract.html_tree import absolute_url
from reader.core.safe_text import clean_line

_ARTICLE_TYPES = re.compile(r"article|posting|report|story|blog|webpage|recipe|review", re.I)
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-\u2013\u2014\u00b7\u2022:/\\»«]|::)\s+")
# What opens a byline before the names: "By", "Written by", "Edited by", "Écrit par", "Escrito
# por"; "von", "di", "door", "av", "af" only first (names hold them: "Ludwig von Mises"); a
# label and a colon ("Author:", "Autor:", "Auteur :", "Автор:", "作者" and a full-width colon).
# The header shows the names alone; post-cleaning drops a body line of this prefix and the byline.
BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:(?:[^\W\d_]+\s+)?(?:by|par|por)|von|di|door|av|af)(?:\s*:\s*|\s+)"
    r"|(?:author|autor|auteur|autore|автор)\w*\s*[:\uff1a]\s*|(?:作者|著者)\s*[:\uff1a]\s*)",
    re.I,
)
_BYLINE_EDGES = " |,;:-\u2013\u2014\u00b7\u2022"
MAX_JSON_LD = 200_000
# Byline elements (rel=author, itemprop=author, class byline): the first in document order.
_AUTHOR_ELEMENTS = etree.XPath(
    "//*[@rel='author'] | //*[@itemprop='author']"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')]"
)
_TIME_DATETIME = etree.XPath("//time/@datetime")


@dataclass(slots=True)
class Metadata:
    title: str = ""
    byline: str | None = None
    site_name: str | None = None
    published: str | None = None
    language: str | None = None
    description: str | None = None
    canonical_url: str | None = None


def read_metadata(root: HtmlElement, base: str) -> Metadata:
    """The metadata of a parsed page; `base` resolves a relative canonical URL."""
    meta = _meta_values(root)
    ld = _json_ld_article(root)
    site = _first(
        meta.get("og:site_name"), _ld_name(ld.get("publisher")), meta.get("application-name")
    )
    h1 = next((_text(h) for h in root.iter("h1")), "")
    title = _first(
        _strip_site(meta.get("og:title"), site),
        _strip_site(meta.get("twitter:title"), site),
        _strip_site(_ld_str(ld.get("headline")), site),
        _trim_site(_document_title(root), site, h1),
        h1,
    )
    byline = _first(
        meta.get("author"),
        meta.get("article:author") if not _looks_like_url(meta.get("article:author")) else None,
        _ld_name(ld.get("author")),
        meta.get("dc.creator"),
    ) or _element_text(root, _AUTHOR_ELEMENTS)
    if byline:
        byline = BYLINE_PREFIX.sub("", byline).strip(_BYLINE_EDGES) or byline
    published = _first(
        meta.get("article:published_time"),
        _ld_str(ld.get("datePublished")),
        meta.get("date"),
        meta.get("pubdate"),
        meta.get("publishdate"),
        meta.get("dc.date"),
        meta.get("dc.date.issued"),
    ) or _first(*_TIME_DATETIME(root)[:1])
    language = _first(
        root.get("lang"),
        root.get("xml:lang"),
        meta.get("og:locale", "").replace("_", "-") or None,
        meta.get("content-language"),
        _ld_str(ld.get("inLanguage")),
    )
    description = _first(
        meta.get("description"), meta.get("og:description"), _ld_str(ld.get("description"))
    )
    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = absolute_url(link.get("href"), base)
            break
    if canonical is None:
        canonical = absolute_url(meta.get("og:url"), base)
    return Metadata(
        title=title or "",
        byline=byline or None,
        site_name=site or None,
        published=published or None,
        language=(language.split(",")[0].strip() or None) if language else None,
        description=description or None,
        canonical_url=clean_line(canonical) if canonical else None,
    )


def _meta_values(root: HtmlElement) -> dict[str, str]:
    """The first value of each `<meta>` by lowercased name/property/http-equiv."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (
            meta.get("property")
            or meta.get("name")
            or meta.get("http-equiv")
            or meta.get("itemprop")
        )
        content = meta.get("content")
        if not key or content is None:
            continue
        for name in key.lower().split():
            value = clean_line(content)
            if value and name not in values:
                values[name] = value
    return values


def _json_ld_article(root: HtmlElement) -> dict[str, Any]:
    """The JSON-LD object that describes the article (the first article-like one)."""
    found: dict[str, Any] = {}
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        for obj in _json_objects(data, 0):
            kind = obj.get("@type")
            kinds = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            if _ARTICLE_TYPES.search(kinds) and ("headline" in obj or "author" in obj):
                return obj
            if not found and "headline" in obj:
                found = obj
    return found


def _json_objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _json_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _json_objects(graph, depth + 1)


def _ld_str(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str | int | float):
        return clean_line(str(value)) or None
    return None


def _ld_name(value: Any) -> str | None:
    """A name from a JSON-LD person/organisation, a list of them, or a plain string."""
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value[:10]) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return _ld_str(value.get("name"))
    if isinstance(value, str) and not _looks_like_url(value):
        return clean_line(value) or None
    return None


def _document_title(root: HtmlElement) -> str:
    for title in root.iter("title"):
        return _text(title)
    return ""


def _strip_site(title: str | None, site: str | None) -> str | None:
    """`title` without a " | Site" suffix or "Site | " prefix naming the site exactly."""
    if not title or not site:
        return title
    separators = list(_TITLE_SEPARATORS.finditer(title))
    folded = site.casefold()
    if separators and title[separators[-1].end() :].strip().casefold() == folded:
        return title[: separators[-1].start()].strip() or title
    if separators and title[: separators[0].start()].strip().casefold() == folded:
        return title[separators[0].end() :].strip() or title
    return title


def _trim_site(title: str, site: str | None, h1: str) -> str:
    """The `<title>` without its site name: the page's h1 when the title holds it, else the
    title without a suffix naming the site, else without a short last part."""
    if not title:
        return ""
    if h1 and h1.casefold() in title.casefold() and len(h1) >= len(title) / 3:
        return h1
    stripped = _strip_site(title, site)
    if stripped != title:
        return stripped or title
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    head = title[: separators[-1].start()].strip()
    tail = title[separators[-1].end() :].strip()
    if len(head.split()) >= 3 and len(tail.split()) <= 4:
        return head
    return title


def _element_text(root: HtmlElement, xpath: etree.XPath) -> str | None:
    """The text of the first element `xpath` finds that reads like a name (short)."""
    for element in xpath(root):
        text = _text(element)
        if text and len(text) <= 200:
            return text
    return None


def _text(element: HtmlElement) -> str:
    return clean_line(" ".join(element.itertext()))


def _looks_like_url(value: str | None) -> bool:
    return bool(value) and str(value).strip().lower().startswith(("http://", "https://", "/"))


def _first(*values: str | None) -> str | None:
    for value in values:
        if value:
            value = clean_line(value)
            if value:
                return value
    return None
