"""Offline translation in line mode: the core's block translation, shown in one of three views.

The translated blocks are kept, so `v` switches original / translation / interleaved at once.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from reader.core.document import Article, Block
from reader.core.translate.article import (
    compose,
    normalize_code,
    source_language,
    translate_article,
)

VIEW_ORDER = ("translation", "interleaved", "original")
VIEW_WORDS = {
    "translation": "the translation only",
    "interleaved": "each block followed by its translation",
    "original": "the original only",
}


@dataclass(frozen=True, slots=True)
class Translated:
    """An article's title and blocks in `target`, and a note saying how they were made."""

    target: str
    title: str
    blocks: list[Block]
    note: str


def translate(article: Article, target: str, explicit_source: str | None) -> Translated:
    """`article` translated offline into `target` (slow: run it cancellable). Raises
    UsageError naming the package to install when there is none."""
    from reader.core.translate.cache import TranslationCache
    from reader.core.translate.engine import find_route

    code = normalize_code(target)
    source = source_language(article, explicit_source)
    if source == code:
        note = f"The article is already in {code}; not translated."
        return Translated(code, article.title, copy.deepcopy(article.blocks), note)
    route = find_route(source, code, TranslationCache())
    title, blocks = translate_article(article, route.translate)
    note = f"Machine-translated offline from {source} to {code} ({route.description})."
    return Translated(code, title, blocks, note)


def shown_article(original: Article, translated: Translated | None, view: str) -> Article:
    """The article to read in `view`."""
    if translated is None or view == "original":
        return original
    return compose(
        original, translated.blocks, view, title=translated.title, target=translated.target
    )


def origins(original: Article, shown: Article) -> list[int]:
    """For each block shown, the index of the block of `original` it comes from (an
    interleaved translation follows its original block)."""
    result: list[int] = []
    index = -1
    for block in shown.blocks:
        following = index + 1
        if following < len(original.blocks) and block is original.blocks[following]:
            index = following
        result.append(max(index, 0))
    return result
