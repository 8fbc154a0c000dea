"""Page -> Article: parse once, read metadata, distil with readability-lxml, convert to blocks.

`extract` never raises anything but `ReaderError`: hostile or malformed pages end as a
`ContentError` with a hint, and when no article can be found the page's main text is shown
with a notice saying so.
"""

from __future__ import annotations

import logging
import threading

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
EMPTY_HINT = N_("the document is empty or holds only markup; try --full or open it in a browser")

# readability-lxml logs tracebacks on failure; we report failures ourselves.
logging.getLogger("readability").addHandler(logging.NullHandler())
logging.getLogger("readability").propagate = False


def extract(page: Page, *, full: bool = False, time_budget: float | None = 10.0) -> Article:
    """The article in `page`; with `full`, the whole page's text without distillation.

    `time_budget` bounds readability's run (seconds); past it the page's main text is shown.
    """
    try:
        return _extract(page, full, time_budget)
    except ReaderError:
        raise
    except (Exception, RecursionError) as exc:
        raise ContentError(
            _("Could not read the text of this page"), _("try --full, or open it in a browser")
        ) from exc


def _extract(page: Page, full: bool, time_budget: float | None) -> Article:
    if _is_plain_text(page):
        blocks = plain_text_blocks(page.text)
        if not blocks:
            raise ContentError(_("The page has no readable text"), _(EMPTY_HINT))
        meta = Metadata(title=plain_text_title(page.url))
        return _article(page, meta, blocks, [], distilled=False)
    root = parse_html(page.text)
    if root is None:
        raise ContentError(_("The page has no readable text"), _(EMPTY_HINT))
    base = base_url(root, page.url)
    meta = read_metadata(root, base)
    remove_hidden(root)
    notices: list[str] = []
    if full:
        blocks = BlockConverter(base).convert(_body(root))
    else:
        remove_clutter(root)
        blocks, notice = _distil_in_time(root, base, time_budget)
        if notice:
            notices.append(_(notice))
            # The worker may still hold the cleaned tree: read the page text from a fresh parse.
            fresh = parse_html(page.text)
            if fresh is not None:
                remove_hidden(fresh)
                blocks = page_text_blocks(fresh, base)
    if not blocks:
        raise ContentError(_("The page has no readable text"), _(EMPTY_HINT))
    return _article(page, meta, blocks, notices, distilled=not full)


def page_text_blocks(root: HtmlElement, base: str) -> list[Block]:
    """The page's main text: the body without navigation, header, footer, asides and forms."""
    body = _body(root)
    blocks = BlockConverter(base, skip_chrome=True).convert(body)
    return blocks or BlockConverter(base).convert(body)


def _distil_in_time(
    root: HtmlElement, base: str, time_budget: float | None
) -> tuple[list[Block], str | None]:
    """Run `distil` in a daemon thread so a pathological page cannot stall the reader.

    Readability's work grows faster than the number of elements and the text; a tree of at
    most `INLINE_ELEMENTS` elements and `INLINE_TEXT` characters finishes in well under a
    second, so it runs inline and saves the thread hand-off.
    """
    if time_budget is None or (
        _COUNT_ELEMENTS(root) <= INLINE_ELEMENTS and _TEXT_LENGTH(root) <= INLINE_TEXT
    ):
        return distil(root, base)
    result: list[tuple[list[Block], str | None]] = []

    def work() -> None:
        try:
            result.append(distil(root, base))
        except Exception:
            result.append(([], NO_ARTICLE))

    worker = threading.Thread(target=work, name="reader-distil", daemon=True)
    worker.start()
    worker.join(time_budget)
    if worker.is_alive() or not result:
        return [], TOO_SLOW
    return result[0]


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
