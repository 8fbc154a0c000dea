"""Find the article node with readability-lxml and judge whether it is a plausible article.

Readability (see `readability_engine`) works on a copy of our already-parsed tree, so the
page is parsed once, and its result is converted to blocks straight from the lxml element.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from reader.core.document import Block
from reader.core.extract.html_to_blocks import BlockConverter
from reader.core.extract.readability_engine import ArticleFinder, text_length, title_heading
from reader.core.extract.rules import enabled
from reader.core.i18n import N_

NO_ARTICLE = N_("No article found on this page; showing the page's main text.")
MIN_ARTICLE_CHARS = 250  # readability-lxml's own retry_length for an acceptable article
MAX_LINK_DENSITY = 0.5
_TEASER_TAGS = ("li", "p", "h2", "h3", "h4", "dt", "dd", "td")


def distil(root: HtmlElement, base: str) -> tuple[list[Block], str | None]:
    """The article's blocks, or no blocks and the NO_ARTICLE notice."""
    heading = title_heading(root)
    document = ArticleFinder(root, url=base)
    if heading is not None:
        document.title_path = root.getroottree().getpath(heading)
    document.summary(html_partial=True)
    article = document.html
    if article is None or not is_plausible_article(article) or document.lists_headlines:
        return [], NO_ARTICLE
    lead = None
    if heading is not None and enabled("lead_before_body"):
        lead = lead_before_body(heading, article)
    if lead is not None:
        lead = copy.deepcopy(lead)
        lead.tail = None  # the text after it in the header is not the article's
        article.insert(0, lead)
    return BlockConverter(base).convert(article), None


def is_plausible_article(article: HtmlElement) -> bool:
    """False for too little text, a page of links, or a list of short link teasers."""
    article_length = text_length(article)
    if article_length < MIN_ARTICLE_CHARS:
        return False
    link_length = sum(text_length(a) for a in article.iter("a"))
    if link_length / article_length > MAX_LINK_DENSITY:
        return False
    teasers = 0
    teaser_length = 0
    for el in article.iter(*_TEASER_TAGS):
        length = text_length(el)
        if 0 < length < 160:
            linked = sum(text_length(a) for a in el.iter("a"))
            if linked >= 0.7 * length:
                teasers += 1
                teaser_length += length
    return not (teasers >= 8 and teaser_length >= 0.4 * article_length)


SUMMARY_PREFIX = 40  # characters of a description that identify it, though cut short
MIN_SUMMARY_CHARS = 20
MAX_LEAD_STEPS = 40  # blocks read from the title heading before giving up on the body
_DESCRIPTIONS = etree.XPath(
    "/html/head/meta[@name='description' or @property='og:description'"
    " or @name='twitter:description']/@content"
)
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "div", "section", "header", "li", "dd")
_NOT_TEXT = ("figure", "figcaption", "nav", "aside", "footer", "a")


def lead_before_body(heading: HtmlElement, article: HtmlElement) -> HtmlElement | None:
    """The lead paragraph between the page's title `heading` and the article's body, when the
    chosen node starts after it: the page's own summary (its meta description) set as a
    paragraph in the header with the title.

    From the heading, blocks are read in document order up to the first one the article
    holds (the body's start); nothing is kept if that start is not reached soon. Only a
    paragraph repeating the description counts: bylines, dates, captions and promos do not,
    nor a subtitle set as a heading (a deck, kept apart from the body by annotators).
    """
    summaries = [_normal(d).casefold() for d in _DESCRIPTIONS(heading.getroottree())]
    summaries = [d for d in summaries if len(d) >= MIN_SUMMARY_CHARS]
    if not summaries:
        return None
    held = _normal(article.text_content())
    lead = None
    for steps, block in enumerate(_blocks_after(heading)):
        text = _normal(block.text_content())
        if text in held:
            return lead
        if steps >= MAX_LEAD_STEPS:
            return None
        if lead is None and block.tag == "p" and _is_summary(text.casefold(), summaries):
            lead = None if any(a.tag in _NOT_TEXT for a in block.iterancestors()) else block
    return None


def _blocks_after(heading: HtmlElement) -> Iterator[HtmlElement]:
    """The blocks holding text and no other block after `heading`, in document order."""
    for box in (heading, *heading.iterancestors()):
        for sibling in box.itersiblings():
            for el in sibling.iter(*_BLOCKS):
                if next(el.iterdescendants(*_BLOCKS), None) is None and text_length(el):
                    yield el


def _is_summary(text: str, summaries: list[str]) -> bool:
    """Whether `text` is one of the page's descriptions, or that cut short."""
    return any(
        d[:SUMMARY_PREFIX] in text
        or (len(text) >= MIN_SUMMARY_CHARS and text[:SUMMARY_PREFIX] in d)
        for d in summaries
    )


def _normal(text: str) -> str:
    return " ".join(text.split())
