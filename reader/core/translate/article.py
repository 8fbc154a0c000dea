"""Translate an Article block by block, and compose the translated, original or interleaved view.

Within a block, consecutive text/emphasis/strong runs form one segment that is translated as
a whole (so a sentence is never cut at a bold word; the emphasis itself is lost). Each link run
is its own segment: its text is translated, its url and number are kept, so "[3]" still
follows the same link. Inline code, and segments without letters or that look like a URL, are
kept as they are. The whitespace around a segment is kept, so runs still join with spaces.
Code blocks and separators are never translated. The result is a list of blocks parallel to
`article.blocks`: `translated[i]` is the translation of `article.blocks[i]`.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable, Iterator

from reader.core.document import (
    Article,
    Block,
    Code,
    Figure,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Runs,
    Separator,
    Table,
    iter_texts,
)
from reader.core.errors import UsageError
from reader.core.i18n import _
from reader.core.safe_text import clean_line
from reader.core.translate.views import PRINTED_VIEWS

TextMap = Callable[[str], str]
TextsMap = Callable[[list[str]], list[str]]

_MERGED_KINDS = ("text", "emphasis", "strong")
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S*$|^\S+@\S+\.\S+$", re.IGNORECASE)
_LANG_CODE = re.compile(r"^[a-z]{2,3}$")
_TRADITIONAL_CHINESE = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")
_OLD_CODES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}
# Codes that name no particular language: fall back to the detector.
_NO_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})


def needs_translation(text: str) -> bool:
    """False for text with no letters, or a bare URL or e-mail address."""
    stripped = text.strip()
    return any(ch.isalpha() for ch in stripped) and not _URLISH.match(stripped)


def _map_segment(text: str, translate: TextMap) -> str:
    if not needs_translation(text):
        return text
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{translate(core)}{trail}"


def _map_runs(runs: Runs, translate: TextMap) -> Runs:
    out: Runs = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            out.append(Inline(_map_segment("".join(pending), translate)))
            pending.clear()

    for run in runs:
        if run.kind in _MERGED_KINDS:
            pending.append(run.text)
            continue
        flush()
        if run.kind == "link":
            text = _map_segment(run.text, translate)
            out.append(Inline(text, "link", url=run.url, number=run.number))
        else:
            out.append(dataclasses.replace(run))
    flush()
    return out


def _map_block(block: Block, translate: TextMap) -> Block:
    match block:
        case Heading(level=level, runs=runs):
            return Heading(level, _map_runs(runs, translate))
        case Paragraph(runs=runs):
            return Paragraph(_map_runs(runs, translate))
        case ListBlock():
            return _map_list(block, translate)
        case Quote(blocks=inner, cite=cite):
            return Quote([_map_block(b, translate) for b in inner], cite)
        case Figure(alt=alt, caption=caption, src=src):
            alt_text = _map_segment(alt, translate) if alt else alt
            return Figure(alt_text, _map_runs(caption, translate), src)
        case Table(header=header, rows=rows, caption=caption, spans=spans, row_spans=row_spans):
            return Table(
                [_map_runs(cell, translate) for cell in header],
                [[_map_runs(cell, translate) for cell in row] for row in rows],
                _map_runs(caption, translate),
                spans=dict(spans),
                row_spans=dict(row_spans),
            )
        case Code() | Separator():
            return copy.deepcopy(block)
    return copy.deepcopy(block)


def _map_list(block: ListBlock, translate: TextMap) -> ListBlock:
    items = [
        ListItem(_map_runs(item.runs, translate), [_map_list(c, translate) for c in item.children])
        for item in block.items
    ]
    return ListBlock(block.ordered, items, block.start)


def segments(blocks: list[Block]) -> list[str]:
    """Every distinct text segment of `blocks` that would be sent to the model, in order."""
    seen: dict[str, None] = {}

    def collect(text: str) -> str:
        seen.setdefault(text, None)
        return text

    for block in blocks:
        _map_block(block, collect)
    return list(seen)


def translate_blocks(blocks: list[Block], translate_texts: TextsMap) -> list[Block]:
    """`blocks` translated, one result per block; all segments go to the model in one batch."""
    return translate_article(Article(blocks=blocks), translate_texts)[1]


def translate_article(article: Article, translate_texts: TextsMap) -> tuple[str, list[Block]]:
    """The translated title and blocks of `article`, every segment in one batch."""
    sources = segments(article.blocks)
    if needs_translation(article.title):
        sources = list(dict.fromkeys([article.title.strip(), *sources]))
    done = dict(zip(sources, translate_texts(sources), strict=True)) if sources else {}

    def lookup(text: str) -> str:
        return done.get(text, text)

    title = _map_segment(article.title, lookup) if article.title else article.title
    return title, [_map_block(block, lookup) for block in article.blocks]


def iter_translated(
    blocks: list[Block],
    translate_texts: TextsMap,
    *,
    first: int = 0,
    visible: int = 8,
    chunk: int = 16,
) -> Iterator[tuple[int, list[Block]]]:
    """(start, translated blocks[start:start+n]) for the `visible` blocks from `first`, then
    the rest below in `chunk`s, then the blocks above `first`.

    For progressive display: what is on screen comes first; the caller may stop at any time
    (closing the generator), which is how switching language cancels the old work.
    """
    first = max(0, min(first, len(blocks)))
    ranges: list[tuple[int, int]] = []
    end = min(first + max(1, visible), len(blocks))
    if first < end:
        ranges.append((first, end))
    ranges += [(s, min(s + chunk, len(blocks))) for s in range(end, len(blocks), chunk)]
    ranges += [(s, min(s + chunk, first)) for s in range(0, first, chunk)]
    for start, stop in ranges:
        yield start, translate_blocks(blocks[start:stop], translate_texts)


def compose(
    article: Article,
    translated_blocks: list[Block],
    view: str,
    *,
    title: str | None = None,
    target: str | None = None,
    note: str | None = None,
) -> Article:
    """The Article to show for `view`: translation, original, or interleaved (each block
    followed by its translation, listed in `translations` so renderers can mark it; blocks
    that translation leaves unchanged appear once)."""
    if view not in PRINTED_VIEWS:
        raise UsageError(
            _("unknown translation view: {view}").format(view=view),
            _("use one of {choices}").format(choices=", ".join(PRINTED_VIEWS)),
        )
    if len(translated_blocks) != len(article.blocks):
        raise ValueError("translated_blocks must be parallel to article.blocks")
    if view == "original":
        return article
    notices = [*article.notices, *([note] if note else [])]
    if view == "translation":
        return dataclasses.replace(
            article,
            blocks=list(translated_blocks),
            title=title or article.title,
            language=target or article.language,
            links=list(article.links),
            notices=notices,
        )
    blocks: list[Block] = []
    starts: list[int] = []
    translations: set[int] = set()
    for original, translated in zip(article.blocks, translated_blocks, strict=True):
        starts.append(len(blocks))
        blocks.append(original)
        if translated != original:
            translations.add(len(blocks))
            blocks.append(translated)
    both = f"{article.title} / {title}" if title and title != article.title else article.title
    anchors = {n: starts[i] for n, i in article.anchors.items() if 0 <= i < len(starts)}
    return dataclasses.replace(
        article,
        blocks=blocks,
        title=both,
        links=list(article.links),
        notices=notices,
        anchors=anchors,
        translations=frozenset(translations),
    )


def normalize_code(code: str) -> str:
    """An argos language code from 'en', 'en-US', 'en_GB', 'zh-Hant', 'EN'."""
    lowered = clean_line(code).lower().replace("_", "-")
    if lowered.startswith(_TRADITIONAL_CHINESE):
        return "zt"
    primary = lowered.split("-", 1)[0]
    return _OLD_CODES.get(primary, primary)


def source_language(article: Article, explicit: str | None = None) -> str:
    """The article's language: `--from`, else its declared language, else a guess."""
    if explicit:
        return normalize_code(explicit)
    if article.language:
        code = normalize_code(article.language)
        if (_LANG_CODE.match(code) and code not in _NO_LANGUAGE) or code == "zt":
            return code
    from reader.core.translate.detect import detect_language

    sample = " ".join([article.title, *list(iter_texts(article.blocks))[:60]])
    guess = detect_language(sample)
    if guess is None:
        raise UsageError(
            _("cannot tell which language the article is in"),
            _("say it with --from LANG, e.g. --from en"),
        )
    return guess


def translate_for_output(
    article: Article,
    target: str,
    source: str | None = None,
    view: str = "translation",
    warn: Callable[[str], None] | None = None,
) -> Article:
    """`article` translated offline into `target` and composed for `view` (CLI output);
    `warn` hears about installed packages that cannot be read (they are skipped)."""
    if view not in PRINTED_VIEWS:
        raise UsageError(
            _("unknown translation view: {view}").format(view=view),
            _("use one of {choices}").format(choices=", ".join(PRINTED_VIEWS)),
        )
    if view == "original":
        return article
    from reader.core.translate.machinery import require_translation

    require_translation()
    target_code = normalize_code(target)
    if not _LANG_CODE.match(target_code) and target_code != "zt":
        raise UsageError(
            _("not a language code: {code}").format(code=target),
            _("use a code such as en, es or de"),
        )
    source_code = source_language(article, source)
    if source_code == target_code:
        note = _("The article is already in {language}; not translated.").format(
            language=target_code
        )
        return dataclasses.replace(article, notices=[*article.notices, note])
    from reader.core.translate.cache import TranslationCache
    from reader.core.translate.engine import find_route

    route = find_route(source_code, target_code, TranslationCache(), warn)
    title, translated = translate_article(article, route.translate)
    note = _("Machine-translated offline from {source} to {target} ({route}).").format(
        source=source_code, target=target_code, route=route.description
    )
    return compose(article, translated, view, title=title, target=target_code, note=note)
