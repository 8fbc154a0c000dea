"""A reading session over an Article, shared by every front-end: where am I and where next.

The position is the one the app saves (`ReadingPosition`: a block index and a character offset
into that block's text, `block_text`), so it survives a change of width, scale or mode. Moving
by block or heading, the heading path ("where am I"), numbered links and `#fragment` targets,
find with next and previous match, and progress all work on the blocks alone: pure,
synchronous and free of any terminal library.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping
from dataclasses import dataclass

from reader.core.document import (
    Anchors,
    Article,
    Block,
    Heading,
    ListBlock,
    Table,
    iter_runs,
    iter_texts,
    minutes_to_read,
    reading_load,
    runs_text,
)
from reader.core.formats.links import with_numbered_links
from reader.core.pipeline import WELCOME_URL
from reader.core.safe_text import clean_line
from reader.core.sources.urls import link_refusal
from reader.core.storage.state import ReadingPosition

__all__ = [
    "HeadingRef",
    "LinkRef",
    "Match",
    "Progress",
    "Reading",
    "ReadingPosition",
    "block_text",
    "followable",
    "item_offsets",
    "position_key",
]


def position_key(article: Article, source: str | None) -> str:
    """The key an article's reading position and history entry are saved under, the same in
    every mode: its final URL, else the source as given (None: the welcome article)."""
    if article.url:
        return article.url
    return source or WELCOME_URL


def followable(url: str, from_url: str | None = None) -> bool:
    """Whether reader follows `url` from the page at `from_url` (`link_refusal` says why not)."""
    return link_refusal(url, from_url) is None


def block_text(block: Block) -> str:
    """The searchable, countable text of one block; positions are offsets into it."""
    return " ".join(iter_texts([block]))


def item_offsets(block: Block) -> list[int]:
    """Where each top-level list item or table row starts in `block_text(block)`.

    A front-end that steps through a long list or table one item at a time saves the item's
    offset as the position. Other blocks have one part, starting at 0.
    """
    match block:
        case ListBlock(items=items):
            counts = [1 + _nested_texts(item.children) for item in items]
            first = 0
        case Table(header=header, rows=rows, caption=caption):
            counts = [len(row) for row in rows]
            first = (1 if caption else 0) + len(header)
        case _:
            return [0]
    pieces = list(iter_texts([block]))
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece) + 1)
    end = max(0, starts[-1] - 1)
    offsets = []
    index = first
    for count in counts:
        offsets.append(min(starts[index], end))
        index += count
    return offsets or [0]


def _nested_texts(children: list[ListBlock]) -> int:
    return sum(1 + _nested_texts(item.children) for child in children for item in child.items)


@dataclass(frozen=True, slots=True)
class HeadingRef:
    """A heading of the article: its block, level (1-6) and one-line text."""

    block: int
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class LinkRef:
    """Link number `number`: its address, its text where it first appears, and that block."""

    number: int
    url: str
    text: str
    block: int


@dataclass(frozen=True, slots=True)
class Match:
    """A find match: characters `start` to `end` of block `block`'s text."""

    block: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Progress:
    """Per cent read (100 only at the very end) and whole minutes left at an average pace."""

    percent: int
    minutes_left: int


class Reading:
    """One reader's place in one article.

    `anchors` maps element ids to block indexes, for `#fragment` links (default: the
    article's own, recorded from the page's `id` and `<a name>` attributes); a fragment no
    anchor names resolves to the heading whose text it spells, the way Markdown, Wikipedia
    and most documentation sites name their heading ids.
    `article` is the article given when its links are numbered (the pipeline numbers them),
    else a numbered copy, so `[n]` and `link(n)` always agree.
    """

    def __init__(
        self,
        article: Article,
        position: ReadingPosition | None = None,
        *,
        anchors: Mapping[str, int] | None = None,
    ) -> None:
        self.article = with_numbered_links(article)
        self.texts = [block_text(block) for block in self.article.blocks]
        self._chars_before = [0]
        self._words_before: list[float] = [0.0]
        for text in self.texts:
            self._chars_before.append(self._chars_before[-1] + len(text))
            self._words_before.append(self._words_before[-1] + reading_load(text))
        self.headings = [
            HeadingRef(index, min(max(block.level, 1), 6), clean_line(runs_text(block.runs)))
            for index, block in enumerate(self.article.blocks)
            if isinstance(block, Heading)
        ]
        self._heading_blocks = [heading.block for heading in self.headings]
        self.links = self._collect_links()
        self._targets = Anchors(self.article, anchors)
        self.anchors = self._targets.names
        self.query = ""
        self.matches: list[Match] = []
        self.match_index = -1
        self._position = ReadingPosition(0, 0)
        if position is not None:
            self.restore(position)

    # -- position ----------------------------------------------------------------------------

    @property
    def block_count(self) -> int:
        return len(self.texts)

    def chars_before(self, block: int) -> int:
        """Characters of text in the blocks before `block` (all of them past the end)."""
        return self._chars_before[max(0, min(block, len(self.texts)))]

    @property
    def position(self) -> ReadingPosition:
        return self._position

    @property
    def block(self) -> int:
        """The block being read."""
        return self._position.block

    def clamped(self, position: ReadingPosition) -> ReadingPosition:
        """`position` moved inside the article: a saved place in an article that has since
        shrunk lands on its last block, an offset past a block's end on that block's last
        character."""
        if not self.texts:
            return ReadingPosition(0, 0)
        block = max(0, position.block)
        if block >= len(self.texts):
            return ReadingPosition(len(self.texts) - 1, 0)
        offset = min(max(0, position.offset), max(0, len(self.texts[block]) - 1))
        return ReadingPosition(block, offset)

    def go_to(self, block: int, offset: int = 0) -> ReadingPosition:
        """Move to (block, offset), clamped into the article; the new position."""
        self._position = self.clamped(ReadingPosition(block, offset))
        return self._position

    def restore(self, saved: ReadingPosition | None) -> ReadingPosition:
        """Go back to a saved position (clamped if the article changed), or the top."""
        return self.go_to(saved.block, saved.offset) if saved else self.go_to(0)

    def top(self) -> ReadingPosition:
        return self.go_to(0)

    def end(self) -> ReadingPosition:
        """The start of the last block."""
        return self.go_to(max(0, self.block_count - 1))

    @property
    def at_end(self) -> bool:
        return self.block >= self.block_count - 1

    # -- blocks and headings -----------------------------------------------------------------

    def next_block(self) -> bool:
        """Move to the start of the next block; False (and no move) at the last one."""
        if self.block + 1 >= self.block_count:
            return False
        self.go_to(self.block + 1)
        return True

    def previous_block(self) -> bool:
        """Move to the start of this block if inside it, else of the previous one; False at
        the very top."""
        if self._position.offset > 0:
            self.go_to(self.block)
            return True
        if self.block == 0:
            return False
        self.go_to(self.block - 1)
        return True

    def next_heading(self, level: int | None = None) -> HeadingRef | None:
        """Move to the next heading (of `level` only, if given); None (no move) if none."""
        start = bisect.bisect_right(self._heading_blocks, self.block)
        for heading in self.headings[start:]:
            if level is None or heading.level == level:
                self.go_to(heading.block)
                return heading
        return None

    def previous_heading(self, level: int | None = None) -> HeadingRef | None:
        """Move to the previous heading (of `level` only, if given); None (no move) if none.

        From inside a heading block (a long heading read part-way) that heading counts."""
        inside = self._position.offset > 0
        stop = bisect.bisect_right(self._heading_blocks, self.block) if inside else None
        if stop is None:
            stop = bisect.bisect_left(self._heading_blocks, self.block)
        for heading in reversed(self.headings[:stop]):
            if level is None or heading.level == level:
                self.go_to(heading.block)
                return heading
        return None

    def heading_path(self, position: ReadingPosition | None = None) -> list[HeadingRef]:
        """The headings around `position` (default: the current one), outermost first: the
        last heading of each level above it that no higher-level heading has closed."""
        block = (position or self._position).block
        path: list[HeadingRef] = []
        for heading in self.headings[: bisect.bisect_right(self._heading_blocks, block)]:
            while path and path[-1].level >= heading.level:
                path.pop()
            path.append(heading)
        return path

    def heading(self, number: int) -> HeadingRef | None:
        """Heading `number` (1-based, in the order of the contents)."""
        return self.headings[number - 1] if 1 <= number <= len(self.headings) else None

    # -- links -------------------------------------------------------------------------------

    def _collect_links(self) -> list[LinkRef]:
        found: dict[int, LinkRef] = {}
        for index, block in enumerate(self.article.blocks):
            for runs in iter_runs([block]):
                for run in runs:
                    number = run.number
                    if run.kind == "link" and run.url and number and number not in found:
                        text = clean_line(run.text) or "Link"
                        found[number] = LinkRef(number, run.url, text, index)
        return [found[n] for n in sorted(found)]

    def link(self, number: int) -> LinkRef | None:
        """Link `number` (as shown: `text [3]`), or None if there is no such link."""
        return self.links[number - 1] if 1 <= number <= len(self.links) else None

    def is_same_page(self, url: str) -> bool:
        """True when `url` is this article's own address with a `#fragment`."""
        return self._targets.same_page_fragment(url) is not None

    def fragment_block(self, url: str) -> int | None:
        """The block a same-page `#fragment` link points at, or None when `url` is another
        page or names no block this article can find."""
        return self._targets.link_block(url)

    def anchor_block(self, fragment: str) -> int | None:
        """The block `#fragment` (percent-encoded or not) names in this article, or None;
        an empty fragment is the top."""
        return self._targets.block(fragment)

    # -- find --------------------------------------------------------------------------------

    def find(self, query: str, *, backward: bool = False) -> Match | None:
        """Find every case-insensitive match of `query` and move to the first one at or after
        the position (the last one before it, `backward`), wrapping round; None if none."""
        self.query = query
        self.matches = []
        self.match_index = -1
        needle = query.casefold()
        if not needle:
            return None
        for index, text in enumerate(self.texts):
            haystack = text.casefold()
            start = haystack.find(needle)
            while start >= 0:
                self.matches.append(Match(index, start, start + len(needle)))
                start = haystack.find(needle, start + len(needle))
        if not self.matches:
            return None
        here = (self.block, self._position.offset)
        keys = [(m.block, m.start) for m in self.matches]
        if backward:
            self.match_index = (bisect.bisect_left(keys, here) - 1) % len(self.matches)
        else:
            self.match_index = bisect.bisect_left(keys, here) % len(self.matches)
        return self._show_match()

    def next_match(self, step: int = 1) -> Match | None:
        """Move to the next match (`step=-1`: the previous one), wrapping round; None if the
        last find found nothing."""
        if not self.matches:
            return None
        self.match_index = (self.match_index + step) % len(self.matches)
        return self._show_match()

    def clear_find(self) -> None:
        self.query = ""
        self.matches = []
        self.match_index = -1

    def _show_match(self) -> Match:
        match = self.matches[self.match_index]
        self.go_to(match.block, match.start)
        return match

    # -- progress ----------------------------------------------------------------------------

    def progress(self, read_to: ReadingPosition | None = None) -> Progress:
        """How far through the article a reader is who has read everything before `read_to`
        (default: the position). Minutes left at the top equal the header's reading time."""
        total_chars = self._chars_before[-1]
        total_words = self._words_before[-1]
        where = read_to or self._position
        if where.block >= self.block_count or not total_chars:
            return Progress(100, 0)
        block = max(0, where.block)
        head = self.texts[block][: max(0, where.offset)]
        chars = self._chars_before[block] + len(head)
        words = self._words_before[block] + reading_load(head)
        percent = min(99, math.floor(100 * chars / total_chars))
        return Progress(percent, minutes_to_read(total_words - words))

    def progress_after(self, block: int) -> Progress:
        """Progress once block `block` has been read to its end."""
        return self.progress(ReadingPosition(block + 1, 0))
