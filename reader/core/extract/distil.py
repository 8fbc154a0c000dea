"""Find the article node with readability-lxml and judge whether it is a plausible article.

Readability (see `readability_engine`) works on a copy of our already-parsed tree, so the
page is parsed once, and its result is converted to blocks straight from the lxml element.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from reader.core.document import Block
from reader.core.extract.html_to_blocks import BlockConverter
from reader.core.extract.readability_engine import ArticleFinder
from reader.core.i18n import N_

NO_ARTICLE = N_("No article found on this page; showing the page's main text.")
MIN_ARTICLE_CHARS = 250  # readability-lxml's own retry_length for an acceptable article
MAX_LINK_DENSITY = 0.5
_TEASER_TAGS = ("li", "p", "h2", "h3", "h4", "dt", "dd", "td")


def distil(root: HtmlElement, base: str) -> tuple[list[Block], str | None]:
    """The article's blocks, or no blocks and the NO_ARTICLE notice."""
    document = ArticleFinder(root, url=base)
    document.summary(html_partial=True)
    article = document.html
    if article is None or not is_plausible_article(article) or document.lists_headlines:
        return [], NO_ARTICLE
    return BlockConverter(base).convert(article), None


def is_plausible_article(article: HtmlElement) -> bool:
    """False for too little text, a page of links, or a list of short link teasers."""
    text_length = _text_length(article)
    if text_length < MIN_ARTICLE_CHARS:
        return False
    link_length = sum(_text_length(a) for a in article.iter("a"))
    if link_length / text_length > MAX_LINK_DENSITY:
        return False
    teasers = 0
    teaser_length = 0
    for el in article.iter(*_TEASER_TAGS):
        length = _text_length(el)
        if 0 < length < 160:
            linked = sum(_text_length(a) for a in el.iter("a"))
            if linked >= 0.7 * length:
                teasers += 1
                teaser_length += length
    return not (teasers >= 8 and teaser_length >= 0.4 * text_length)


def _text_length(el: HtmlElement) -> int:
    return len(" ".join("".join(el.itertext()).split()))
