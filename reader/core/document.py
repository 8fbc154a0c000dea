"""The one model every stage speaks: a fetched `Page`, and the `Article` distilled from it.

Data flows one way: source -> Page -> Article -> (translation) -> a renderer. Every string in an
`Article` has already passed through `safe_text.clean`, so renderers may trust it.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar, Literal
from urllib.parse import unquote

WORDS_PER_MINUTE = 230
# Chinese, Japanese, Thai, Lao, Khmer and Burmese are written without spaces between words:
# their reading pace is counted in characters.
CHARACTERS_PER_MINUTE = 500
_UNSPACED_SCRIPT = (
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
# Compiling that class takes ~2 ms (a step per code point), so it is compiled on the first text
# that might hold one: a character outside Latin to Tibetan, punctuation and symbols, and the
# supplementary planes (a class that takes ~0.4 ms).
_MAYBE_UNSPACED = re.compile("[^\x00-\u0dff\u2000-\u2bff\U00010000-\U0010ffff]")

InlineKind = Literal["text", "emphasis", "strong", "code", "link"]


class _Record:
    """Equality and repr from the fields, for the model's classes below: on Python 3.11
    `dataclass` compiles these two methods anew for every class, ~5 ms at every start (and
    it builds a docstring from the signature of a class without one: each has its own)."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({fields})"


@dataclass(frozen=True, slots=True)
class Page:
    """A decoded document as it arrived: its final URL, media type and text."""

    url: str
    text: str
    media_type: str = "text/html"
    charset: str | None = None
    from_cache: bool = False


@dataclass(slots=True, eq=False, repr=False)
class Inline(_Record):
    """A run of text inside a block. Links carry their absolute URL and their number."""

    text: str
    kind: InlineKind = "text"
    url: str | None = None
    number: int | None = None  # 1-based link number in `Article.links`, set by `number_links`


Runs = list[Inline]


@dataclass(slots=True, eq=False, repr=False)
class Heading(_Record):
    """A section heading, `level` 1 to 6."""

    kind: ClassVar[str] = "heading"
    level: int
    runs: Runs


@dataclass(slots=True, eq=False, repr=False)
class Paragraph(_Record):
    """A paragraph of inline runs."""

    kind: ClassVar[str] = "paragraph"
    runs: Runs


@dataclass(slots=True, eq=False, repr=False)
class ListItem(_Record):
    """One item of a list: its runs, and the lists nested in it."""

    runs: Runs
    children: list[ListBlock] = field(default_factory=list)


@dataclass(slots=True, eq=False, repr=False)
class ListBlock(_Record):
    """A list, `ordered` (numbered from `start`) or not."""

    kind: ClassVar[str] = "list"
    ordered: bool
    items: list[ListItem]
    start: int = 1


@dataclass(slots=True, eq=False, repr=False)
class Quote(_Record):
    """A block quotation: its blocks, and the source it cites, if any."""

    kind: ClassVar[str] = "quote"
    blocks: list[Block]
    cite: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class Code(_Record):
    """Preformatted text (code), kept as it is; `language` when the page names it."""

    kind: ClassVar[str] = "code"
    text: str
    language: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class Figure(_Record):
    """An image: its alt text, its caption and its absolute address."""

    kind: ClassVar[str] = "figure"
    alt: str
    caption: Runs = field(default_factory=list)
    src: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class Table(_Record):
    """A table: header cells, rows of cells (each cell a list of runs), a caption."""

    kind: ClassVar[str] = "table"
    header: list[Runs]
    rows: list[list[Runs]]
    caption: Runs = field(default_factory=list)
    spans: dict[tuple[int, int], int] = field(default_factory=dict)
    """(row, cell) -> columns that cell covers, for cells covering more than one (`colspan`);
    row 0 is the header, row r is `rows[r - 1]`. Made by `fitted_spans`."""
    row_spans: dict[tuple[int, int], int] = field(default_factory=dict)
    """(row, cell) -> rows that cell covers, counting its own, for cells covering more than
    one (`rowspan`); keyed like `spans`. Made by `fitted_spans`."""


@dataclass(frozen=True, slots=True)
class Slot:
    """A cell as it sits in one row of a table's grid: its first column, the columns and rows
    it covers, and whether it comes down from a row above (`rowspan`) rather than starting
    in this one."""

    cell: Runs
    column: int
    width: int = 1
    height: int = 1
    carried: bool = False


Grid = list[list[Slot]]


def fitted_spans(
    header: list[Runs],
    rows: list[list[Runs]],
    wanted: dict[tuple[int, int], int],
    wanted_rows: Mapping[tuple[int, int], int] | None = None,
) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
    """The `wanted` column spans and `wanted_rows` row spans (as in `Table.spans` and
    `Table.row_spans`) a table can hold: a cell covers at most the rows below it, and at most
    the columns its row leaves free in the widest row (a row's own cells and those coming down
    into it), so no hostile `colspan=100000` or `rowspan=100000` ever widens the table or
    pushes another cell out of place."""
    table = [header, *rows]
    row_spans = {
        (r, c): min(n, len(table) - r)
        for (r, c), n in (wanted_rows or {}).items()
        if 0 <= r < len(table) and 0 <= c < len(table[r]) and min(n, len(table) - r) > 1
    }
    narrow = _place(table, {}, row_spans)
    widest = max((len(slots) for slots in narrow), default=0)
    columns: dict[tuple[int, int], int] = {}
    below: dict[int, int] = {}  # column -> rows below this one a cell still covers
    for r, cells in enumerate(table):
        taken = set(below)
        below = {col: n - 1 for col, n in below.items() if n > 1}
        used = len(cells) + len(taken)
        column = 0
        for c in range(len(cells)):
            while column in taken:
                column += 1
            width = 1
            room = min(wanted.get((r, c), 1) - 1, widest - used)
            while width <= room and column + width not in taken:
                width += 1
            if width > 1:
                columns[(r, c)] = width
                used += width - 1
            if (down := row_spans.get((r, c), 1) - 1) > 0:
                below.update(dict.fromkeys(range(column, column + width), down))
            column += width
    return columns, row_spans


def table_grid(table: Table) -> Grid:
    """Row by row (0: the header), the cells placed in columns as a browser places them: cells
    coming down from rows above keep their columns, a row's own cells fill the free ones left
    to right. A grid row lists its slots by column; columns without a cell have no slot."""
    return _place([table.header, *table.rows], table.spans, table.row_spans)


def _place(
    table: list[list[Runs]],
    spans: Mapping[tuple[int, int], int],
    row_spans: Mapping[tuple[int, int], int],
) -> Grid:
    grid: Grid = []
    below: dict[int, tuple[Slot, int]] = {}  # first column -> (slot carried, rows it covers)
    for r, cells in enumerate(table):
        slots = [slot for slot, _n in below.values()]
        if below:
            below = {col: (slot, n - 1) for col, (slot, n) in below.items() if n > 1}
        taken = {col for slot in slots for col in range(slot.column, slot.column + slot.width)}
        column = 0
        for c, cell in enumerate(cells):
            while column in taken:
                column += 1
            slot = Slot(cell, column, spans.get((r, c), 1), row_spans.get((r, c), 1))
            slots.append(slot)
            if slot.height > 1:
                below[column] = (dataclasses.replace(slot, carried=True), slot.height - 1)
            column += slot.width
        grid.append(sorted(slots, key=lambda slot: slot.column))
    return grid


def filled(slots: list[Slot], columns: int) -> list[Slot]:
    """A grid row's `slots` with an empty one for each column up to `columns` no cell covers."""
    out: list[Slot] = []
    column = 0
    for slot in [*slots, Slot([], columns, 0)]:
        out += [Slot([], gap) for gap in range(column, min(slot.column, columns))]
        if slot.width:
            out.append(slot)
        column = max(column, slot.column + slot.width)
    return out


def column_heads(grid: Grid, columns: int) -> list[Runs]:
    """The header cell over each of `columns` columns: a cell spanning columns over each it
    covers, an empty one over a column the header leaves without a cell."""
    return [slot.cell for slot in filled(grid[0], columns) for _column in range(slot.width)]


def column_count(table: Table, grid: Grid | None = None) -> int:
    """The columns of `table`: those of its widest row, spans included (`grid`: its
    `table_grid`, when already made)."""
    rows = table_grid(table) if grid is None else grid
    return max((slot.column + slot.width for slots in rows for slot in slots), default=0)


@dataclass(slots=True, eq=False, repr=False)
class Separator(_Record):
    """A thematic break (`<hr>`)."""

    kind: ClassVar[str] = "separator"


Block = Heading | Paragraph | ListBlock | Quote | Code | Figure | Table | Separator


@dataclass(slots=True, eq=False, repr=False)
class Article(_Record):
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
        return minutes_to_read(sum(reading_load(text) for text in iter_texts(self.blocks)))


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


def reading_load(text: str) -> float:
    """The words it takes to read `text`: its words, with each character of a script written
    without spaces (Chinese, Japanese, Thai...) counted as the share of a word it takes."""
    if not _MAYBE_UNSPACED.search(text):
        return len(text.split())
    unspaced = _unspaced_script()
    characters = len(unspaced.findall(text))
    if not characters:
        return len(text.split())
    spaced = len(unspaced.sub(" ", text).split())
    return spaced + characters * WORDS_PER_MINUTE / CHARACTERS_PER_MINUTE


@cache
def _unspaced_script() -> re.Pattern[str]:
    return re.compile(_UNSPACED_SCRIPT)


def minutes_to_read(words: float) -> int:
    """Whole minutes to read `words` (see `reading_load`) at an average pace; at least 1 for
    any text at all."""
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


def number_links(article: Article, *, in_page: bool = True) -> None:
    """Give every link run a number, in reading order; one number per distinct URL. With
    `in_page=False` a link to a place in this same article (see `Anchors.link_block`) gets
    none and no entry in `links`: the linear outputs read such notes where they stand."""
    anchors = None if in_page else Anchors(article)
    numbers: dict[str, int] = {}
    article.links = []
    for runs in iter_runs(article.blocks):
        for run in runs:
            if run.kind != "link" or not run.url:
                continue
            if anchors is not None and anchors.link_block(run.url) is not None:
                run.number = None
                continue
            if run.url not in numbers:
                article.links.append(run.url)
                numbers[run.url] = len(article.links)
            run.number = numbers[run.url]


def anchor_key(text: str) -> str:
    """Letters and digits only, case-folded: "History_of_X", "history-of-x" and
    "History of X" all give the same key."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


class Anchors:
    """Where `#fragment` links lead in one article: an anchor it names (default: the
    article's own `anchors`), else the first heading whose text the fragment spells, the way
    Markdown, Wikipedia and most documentation sites name their heading ids."""

    def __init__(self, article: Article, names: Mapping[str, int] | None = None) -> None:
        self.names = dict(article.anchors if names is None else names)
        self._count = len(article.blocks)
        self._here = {_without_fragment(a) for a in (article.url, article.canonical_url) if a}
        self._headings: dict[str, int] | None = None
        self._blocks = article.blocks

    def same_page_fragment(self, url: str) -> str | None:
        """The fragment of `url` (still percent-encoded) when `url` is this article's own
        address with a `#fragment`, else None."""
        address, hash_mark, fragment = url.partition("#")
        return fragment if hash_mark and address in self._here else None

    def block(self, fragment: str) -> int | None:
        """The block `#fragment` (percent-encoded or not) names, or None; an empty
        fragment is the top."""
        fragment = unquote(fragment)
        if not fragment:
            return 0 if self._count else None
        if fragment in self.names:
            block = self.names[fragment]
            return block if 0 <= block < self._count else None
        key = anchor_key(fragment)
        if not key:
            return None
        if self._headings is None:
            self._headings = {}
            for index, found in enumerate(self._blocks):
                if isinstance(found, Heading):
                    self._headings.setdefault(anchor_key(runs_text(found.runs)), index)
        return self._headings.get(key)

    def link_block(self, url: str) -> int | None:
        """The block a link to a place in this same article leads to (an in-page link), or
        None for another page or a fragment this article cannot find."""
        fragment = self.same_page_fragment(url)
        return None if fragment is None else self.block(fragment)


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]
