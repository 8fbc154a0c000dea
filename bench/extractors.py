"""The extractors the benchmarks compare, each `html, url -> article body text`.

`ours` is the body text that `reader --format json` carries: the text of every block joined
by newlines (headings, paragraphs, list items, quotes, code, figure captions, table cells),
without the metadata header, link list or image alt text. It is computed from the `Article`
directly, which is what the JSON renderer serialises block by block.

Each extractor takes the page as text, or as the bytes a site served (then it decodes them its
own way: ours as reader decodes any page, the peers with their own detection).
"""

from __future__ import annotations

from collections.abc import Callable

import lxml.html

from bench.corpus import text_with_block_breaks
from reader.core.document import Article, Figure, Page, Quote, iter_texts, runs_text


def article_body_text(article: Article) -> str:
    """The article's body text as scored: block texts joined by newlines, alt text left out."""
    return "\n".join(_texts(article.blocks))


def _texts(blocks: list) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Figure):
            if block.caption:
                out.append(runs_text(block.caption))
        elif isinstance(block, Quote):
            out.extend(_texts(block.blocks))
        else:
            out.extend(iter_texts([block]))
    return out


def ours(html: str | bytes, url: str) -> str:
    from reader.core.errors import ReaderError
    from reader.core.extract.extractor import extract
    from reader.core.sources.charset import decode_document

    try:
        text = html if isinstance(html, str) else decode_document(html).text
        return article_body_text(extract(Page(url=url, text=text)))
    except ReaderError:
        return ""


def readability_lxml(html: str | bytes, url: str) -> str:
    from readability import Document

    summary = Document(html).summary()
    return text_with_block_breaks(lxml.html.fromstring(summary))


def trafilatura(html: str | bytes, url: str) -> str:
    import trafilatura as traf

    return traf.extract(html, url=url) or ""


EXTRACTORS: dict[str, Callable[[str | bytes, str], str]] = {
    "ours": ours,
    "readability-lxml": readability_lxml,
    "trafilatura": trafilatura,
}
