"""The one model every stage speaks: a fetched `Page`, and the `Article` distilled from it.

Data flows one way: source -> Page -> Article -> (translation) -> a renderer. Every string in an
`Article` has already passed through `safe_text.clean`, so renderers may trust it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Literal

WORDS_PER_MINUTE = 230

InlineKind = Literal["text", "emphasis", "strong", "code", "link"]


@dataclass(frozen=True, slots=True)
class Page:
    """A decoded document as it arrived: its final URL, media type and text."""

    url: str
    text: str
    media_type: str = "text/html"
    charset: str | None = None
    from_cache: bool = False


@dataclass(slots=True)
class Inline:
    """A run of text inside a block. Links carry their absolute URL and their number."""

    text: str
    kind: InlineKind = "text"
    url: str | None = None
    number: int | None = None  # 1-based link number in `Article.links`, set by `number_links`


Runs = list[Inline]


@dataclass(slots=True)
class Heading:
    kind: ClassVar[str] = "heading"
    level: int
    runs: Runs


@dataclass(slots=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    runs: Runs


@dataclass(slots=True)
class ListItem:
    runs: Runs
    children: list[ListBlock] = field(default_factory=list)


@dataclass(slots=True)
class ListBlock:
    kind: ClassVar[str] = "list"
    ordered: bool
    items: list[ListItem]
    start: int = 1


@dataclass(slots=True)
class Quote:
    kind: ClassVar[str] = "quote"
    blocks: list[Block]
    cite: str | None = None


@dataclass(slots=True)
class Code:
    kind: ClassVar[str] = "code"
    text: str
    language: str | None = None


@dataclass(slots=True)
class Figure:
    kind: ClassVar[str] = "figure"
    alt: str
    caption: Runs = field(default_factory=list)
    src: str | None = None


@dataclass(slots=True)
class Table:
    kind: ClassVar[str] = "table"
    header: list[Runs]
    rows: list[list[Runs]]
    caption: Runs = field(default_factory=list)


@dataclass(slots=True)
class Separator:
    kind: ClassVar[str] = "separator"


Block = Heading | Paragraph | ListBlock | Quote | Code | Figure | Table | Separator


@dataclass(slots=True)
class Article:
    """A distilled article: metadata plus typed blocks. `links[n - 1]` is link number n."""

    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    byline: str | None = None
    site_name: str | None = None
    published: str | None = None
    language: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    url: str | None = None
    links: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)
    """Element id (or `<a name>`) -> index of the block it leads to, for `#fragment` links."""
    translations: frozenset[int] = frozenset()
    """Indexes of blocks that translate the block before them (the interleaved view)."""

    @property
    def word_count(self) -> int:
        return sum(len(text.split()) for text in iter_texts(self.blocks))

    @property
    def reading_minutes(self) -> int:
        """Whole minutes to read at an average pace; at least 1 for any non-empty article."""
        return minutes_to_read(self.word_count)


def kept_anchors(
    anchors: dict[str, int], before: list[Block], after: list[Block]
) -> dict[str, int]:
    """`anchors` into `before` as indexes into `after`, the blocks kept from `before` (in
    order, some dropped, new ones added): an anchor whose block was dropped leads to the next
    kept one; one past the last kept block is left out."""
    where = {id(block): index for index, block in enumerate(before)}
    kept = [(where[id(block)], index) for index, block in enumerate(after) if id(block) in where]
    starts = [old for old, _ in kept]
    out: dict[str, int] = {}
    for name, old in anchors.items():
        at = bisect.bisect_left(starts, old)
        if at < len(kept):
            out[name] = kept[at][1]
    return out


def minutes_to_read(words: int) -> int:
    """Whole minutes to read `words` at an average pace; at least 1 for any text at all."""
    return max(1, round(words / WORDS_PER_MINUTE)) if words > 0 else 0


def runs_text(runs: Runs) -> str:
    """The plain text of some inline runs."""
    return "".join(run.text for run in runs)


def iter_runs(blocks: list[Block]) -> Iterator[Runs]:
    """Every list of inline runs in `blocks`, in reading order (captions and cells included)."""
    for block in blocks:
        match block:
            case Heading(runs=runs) | Paragraph(runs=runs):
                yield runs
            case ListBlock():
                yield from _iter_list_runs(block)
            case Quote(blocks=inner):
                yield from iter_runs(inner)
            case Figure(caption=caption):
                if caption:
                    yield caption
            case Table(header=header, rows=rows, caption=caption):
                if caption:
                    yield caption
                yield from header
                for row in rows:
                    yield from row


def _iter_list_runs(block: ListBlock) -> Iterator[Runs]:
    for item in block.items:
        yield item.runs
        for child in item.children:
            yield from _iter_list_runs(child)


def iter_texts(blocks: list[Block]) -> Iterator[str]:
    """The readable text of every block in reading order (code and alt text included)."""
    for block in blocks:
        match block:
            case Code(text=text):
                yield text
            case Figure(alt=alt):
                if alt:
                    yield alt
                yield from (runs_text(r) for r in iter_runs([block]))
            case Quote(blocks=inner):
                yield from iter_texts(inner)
            case _:
                yield from (runs_text(r) for r in iter_runs([block]))


def number_links(article: Article) -> None:
    """Give every link run a number, in reading order; one number per distinct URL."""
    numbers: dict[str, int] = {}
    article.links = []
    for runs in iter_runs(article.blocks):
        for run in runs:
            if run.kind != "link" or not run.url:
                continue
            if run.url not in numbers:
                article.links.append(run.url)
                numbers[run.url] = len(article.links)
            run.number = numbers[run.url]
