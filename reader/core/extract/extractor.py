"""Page -> Article: parse once, read metadata, distil with readability-lxml, convert to blocks.

`extract` never raises anything but `ReaderError`: hostile or malformed pages end as a
`ContentError` with a hint, and when no article can be found the page's main text is shown
with a notice saying so.
"""

from __future__ import annotations

import logging

from lxml import etree
from lxml.html import HtmlElement

from reader.core.document import (
    Article,
    Block,
    Heading,
    Page,
    kept_anchors,
    number_links,
    runs_text,
)
from reader.core.errors import ContentError, ReaderError
from reader.core.extract.budget import (
    DEFAULT_BUDGET,
    Deadline,
    cut_at_tag,
    markup_text,
    run_in_time,
)
from reader.core.extract.cleaning import remove_clutter, remove_hidden
from reader.core.extract.distil import NO_ARTICLE, distil
from reader.core.extract.html_to_blocks import AnchoredBlocks, BlockConverter
from reader.core.extract.html_tree import base_url, parse_html
from reader.core.extract.metadata import Metadata, read_metadata
from reader.core.extract.plain_text import plain_text_blocks, plain_text_title
from reader.core.extract.post_cleaning import post_clean
from reader.core.i18n import N_, _
from reader.core.safe_text import clean_line

INLINE_ELEMENTS = 2_000  # the corpora's largest cleaned pages: ~2,000 elements, <0.2 s
# Readability's time also grows with text times depth: 600 elements nested 200 deep holding
# 150 KB of text take 7 s. Only trees small in both run inline (~0.5 s at worst).
INLINE_TEXT = 10_000
_COUNT_ELEMENTS = etree.XPath("count(//*)")
_TEXT_LENGTH = etree.XPath("string-length(/*)")
TOO_SLOW = N_("Distilling this page took too long; showing the page's main text.")
TOO_LARGE = N_("This page is too large to distil; showing the page's main text.")
CUT_SHORT = N_("Reading this page took too long; showing only the part read in time.")
PARSE_TOO_SLOW = N_(
    "Reading this page's markup took too long; showing its text without formatting."
)
TOO_MUCH_MARKUP = N_("This page holds too much markup; showing only its first part.")
TEXT_ONLY = N_("This page holds too much markup; showing its text without formatting.")
MAX_TAGS = 500_000  # ~150 MB of parsed tree, and what converts in a few seconds
MAX_DISTIL_ELEMENTS = 100_000  # the corpora's pages: at most ~20,000; readability: ~2 s here
DISTIL_SHARE = 0.7  # of the budget left; the rest is for the page-text fallback
GRACE = 1.0  # seconds parsing and conversion always get, so the reader shows something
EMPTY_HINT = N_("the document is empty or holds only markup; try --full or open it in a browser")

# readability-lxml logs tracebacks on failure; we report failures ourselves.
logging.getLogger("readability").addHandler(logging.NullHandler())
logging.getLogger("readability").propagate = False


def extract(
    page: Page, *, full: bool = False, time_budget: float | None = DEFAULT_BUDGET
) -> Article:
    """The article in `page`; with `full`, the whole page's text without distillation.

    `time_budget` (seconds) bounds the whole extraction: parsing, distilling and converting.
    Past it the article holds what was read in time, with a notice saying so.
    """
    try:
        return _extract(page, full, Deadline(time_budget))
    except ReaderError:
        raise
    except (Exception, RecursionError) as exc:
        raise ContentError(
            _("Could not read the text of this page"), _("try --full, or open it in a browser")
        ) from exc


def _extract(page: Page, full: bool, deadline: Deadline) -> Article:
    if _is_plain_text(page):
        blocks = plain_text_blocks(page.text)
        if not blocks:
            raise ContentError(_("The page has no readable text"), _(EMPTY_HINT))
        meta = Metadata(title=plain_text_title(page.url))
        return _article(page, meta, blocks, [], distilled=False)
    notices: list[str] = []
    text = cut_at_tag(page.text, MAX_TAGS)
    if text is not None:
        notices.append(_(TOO_MUCH_MARKUP))
    markup = page.text if text is None else text
    parsed = run_in_time(lambda: parse_html(markup), deadline.left(at_least=GRACE))
    if parsed is None:  # libxml2 alone outlasted the budget: a backstop, no page known to do it
        return _text_only(page, markup, [*notices, _(PARSE_TOO_SLOW)])
    root = parsed[0]
    if root is None:
        raise ContentError(_("The page has no readable text"), _(EMPTY_HINT))
    base = base_url(root, page.url)
    meta = read_metadata(root, base)
    remove_hidden(root)
    if full:
        converter = BlockConverter(base, deadline=deadline.left(at_least=GRACE))
        blocks = converter.convert(_body(root))
    elif _COUNT_ELEMENTS(root) > MAX_DISTIL_ELEMENTS:
        # Readability's time and memory (a copy of the tree per attempt) grow with the tree;
        # no article has this many elements.
        notices.append(_(TOO_LARGE))
        blocks, converter = page_text_blocks(root, base, deadline.left(at_least=GRACE))
    else:
        remove_clutter(root)
        blocks, notice = _distil_in_time(root, base, deadline)
        if notice:
            notices.append(_(notice))
            page_tree = _uncleaned(markup, deadline)
            if page_tree is None:  # parsing again outlasted the budget: read the cleaned tree
                page_tree = root
            blocks, converter = page_text_blocks(page_tree, base, deadline.left(at_least=GRACE))
        else:
            converter = None
    if converter is not None and converter.out_of_time:
        notices.append(_(CUT_SHORT))
    if not blocks and text is not None:
        # All the readable text lies past the cut (after 500,000 empty elements, say).
        return _text_only(page, page.text, [_(TEXT_ONLY)], meta)
    if not blocks:
        raise ContentError(_("The page has no readable text"), _(EMPTY_HINT))
    return _article(page, meta, blocks, notices, distilled=not full)


def _uncleaned(markup: str, deadline: Deadline) -> HtmlElement | None:
    """The page parsed again, hidden parts dropped but no clutter removed, for the no-article
    fallback; None when that parse outlasts the budget.

    On a page with no article, the boxes clutter removal drops are often its text (a live
    report's entries named "comment", a forum's posts), so the fallback reads the page before
    that removal. Parsing again on this rare path costs less than copying every page's tree
    before cleaning it.
    """
    parsed = run_in_time(lambda: parse_html(markup), deadline.left(at_least=GRACE))
    if parsed is None or parsed[0] is None:
        return None
    remove_hidden(parsed[0])
    return parsed[0]


def _text_only(
    page: Page, markup: str, notices: list[str], meta: Metadata | None = None
) -> Article:
    """The page's text read without parsing its markup (linear in its size)."""
    blocks = plain_text_blocks(markup_text(markup))
    if not blocks:
        raise ContentError(_("The page has no readable text"), _(EMPTY_HINT))
    meta = meta or Metadata(title=plain_text_title(page.url))
    return _article(page, meta, blocks, notices, distilled=False)


def page_text_blocks(
    root: HtmlElement, base: str, seconds: float | None = None
) -> tuple[list[Block], BlockConverter]:
    """The page's main text: the body without navigation, header, footer, asides and forms;
    and the converter, which says whether it ran out of time (`seconds`)."""
    body = _body(root)
    converter = BlockConverter(base, skip_chrome=True, deadline=seconds)
    blocks = converter.convert(body)
    if blocks or converter.out_of_time:
        return blocks, converter
    converter = BlockConverter(base, deadline=seconds)
    return converter.convert(body), converter


def _distil_in_time(
    root: HtmlElement, base: str, deadline: Deadline
) -> tuple[list[Block], str | None]:
    """Run `distil` in a daemon thread so a pathological page cannot stall the reader; it
    may use `DISTIL_SHARE` of the time left, the rest is kept for the fallback.

    Readability's work grows faster than the number of elements and the text; a tree of at
    most `INLINE_ELEMENTS` elements and `INLINE_TEXT` characters finishes in well under a
    second, so it runs inline and saves the thread hand-off.
    """
    seconds = deadline.left()
    # The text first: most articles hold more than INLINE_TEXT, and then no count is needed.
    if seconds is None or (
        _TEXT_LENGTH(root) <= INLINE_TEXT and _COUNT_ELEMENTS(root) <= INLINE_ELEMENTS
    ):
        return distil(root, base)
    result = run_in_time(lambda: _distil_or_no_article(root, base), seconds * DISTIL_SHARE)
    if result is None:
        return [], TOO_SLOW
    return result[0]


def _distil_or_no_article(root: HtmlElement, base: str) -> tuple[list[Block], str | None]:
    """`distil`, with a failure in readability read as "no article" (the page text follows)."""
    try:
        return distil(root, base)
    except (Exception, RecursionError):
        return [], NO_ARTICLE


def _body(root: HtmlElement) -> HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def _article(
    page: Page, meta: Metadata, blocks: list[Block], notices: list[str], *, distilled: bool
) -> Article:
    """The Article; `distilled` blocks are also post-cleaned (never `--full` or plain text)."""
    title = meta.title
    converted = blocks
    if blocks and isinstance(blocks[0], Heading):
        first = runs_text(blocks[0].runs)
        if not title:
            title = first
        if _same_text(first, title):
            blocks = blocks[1:]
    if distilled:
        blocks = post_clean(blocks, title, meta.byline)
    article = Article(
        title=clean_line(title),
        blocks=blocks,
        byline=meta.byline,
        site_name=meta.site_name,
        published=meta.published,
        language=meta.language,
        description=meta.description,
        canonical_url=meta.canonical_url,
        url=clean_line(page.url) or None,
        notices=[clean_line(n) for n in notices],
    )
    if isinstance(converted, AnchoredBlocks):
        article.anchors = kept_anchors(converted.anchors, converted, blocks)
    number_links(article)
    return article


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _is_plain_text(page: Page) -> bool:
    return page.media_type.split(";")[0].strip().lower() == "text/plain"
