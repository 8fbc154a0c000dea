"""The script of an article read aloud: the sentences a voice says, each tied to its place.

Built from the `Article`, not from any screen: the title and byline first, headings announced,
list items numbered, table rows with their column headers, images by their alt text, code
announced (and skipped unless asked for). Link numbers are never part of the text, and bare
URLs and decorative symbols are dropped (`spoken_text.speakable`). Sentences are split with
the splitter translation uses. Each `Utterance` carries the block it belongs to and its
character range in `block_text` of that block, the same coordinates as a `ReadingPosition`,
so a front-end can highlight it and move the reading position with the voice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.document import (
    Article,
    Block,
    Code,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Table,
    iter_texts,
)
from reader.core.formats.header import byline_text
from reader.core.i18n import _, ngettext, pgettext
from reader.core.speech.spoken_text import speakable
from reader.core.storage.state import ReadingPosition
from reader.core.translate.sentences import split_sentences

HEADER_BLOCK = -1  # the block index of the title and byline, which precede every block


@dataclass(frozen=True, slots=True)
class Utterance:
    """One sentence to say, and characters `start` to `end` of block `block` it reads."""

    text: str
    block: int
    start: int
    end: int

    @property
    def position(self) -> ReadingPosition:
        """The reading position at the start of this sentence."""
        return ReadingPosition(max(0, self.block), self.start)


@dataclass(slots=True)
class Script:
    """The utterances of an article in reading order, and the lines each block prints."""

    utterances: list[Utterance] = field(default_factory=list)
    lines: dict[int, list[str]] = field(default_factory=dict)  # block -> what is heard, by unit

    def index_at(self, position: ReadingPosition) -> int:
        """The first utterance to say when reading from `position` (len() past the end).

        The top of the article starts with the title; elsewhere the sentence that holds the
        offset, or the first one after it."""
        if position.block <= 0 and position.offset <= 0:
            return 0
        for index, utterance in enumerate(self.utterances):
            if utterance.block > position.block:
                return index
            if utterance.block == position.block and (
                utterance.end > position.offset or utterance.start >= position.offset
            ):
                return index
        return len(self.utterances)

    def block_start(self, index: int) -> int:
        """The first utterance of the block utterance `index` belongs to."""
        block = self.utterances[index].block
        while index > 0 and self.utterances[index - 1].block == block:
            index -= 1
        return index

    def next_block_start(self, index: int) -> int:
        """The first utterance of the block after the one utterance `index` belongs to."""
        block = self.utterances[index].block
        while index < len(self.utterances) and self.utterances[index].block == block:
            index += 1
        return index


def build_script(article: Article, *, speak_code: bool = False) -> Script:
    """The script of `article`: what is said, sentence by sentence, from the title on."""
    script = Script()
    writer = _Writer(script, speak_code)
    writer.header(article)
    for index, block in enumerate(article.blocks):
        writer.block(index, block)
    return script


class _Pieces:
    """The texts `iter_texts` gives for one block, handed out in order with their offsets in
    `block_text` (the texts joined by single spaces)."""

    def __init__(self, block: Block) -> None:
        self.texts = list(iter_texts([block]))
        self.index = 0
        self.offset = 0

    def take(self) -> tuple[str, int]:
        text = self.texts[self.index]
        start = self.offset
        self.index += 1
        self.offset += len(text) + 1
        return text, start

    @property
    def end(self) -> int:
        return max(0, self.offset - 1)


class _Writer:
    """Walks the blocks the way `iter_texts` does, so every offset lands in `block_text`."""

    def __init__(self, script: Script, speak_code: bool) -> None:
        self.script = script
        self.speak_code = speak_code
        self.block_index = HEADER_BLOCK
        self.pieces: _Pieces | None = None

    # -- output ------------------------------------------------------------------------------

    def say(self, text: str, start: int, end: int) -> bool:
        """Add one utterance (nothing if nothing in it can be spoken); True if added."""
        spoken = speakable(text)
        if spoken:
            self.script.utterances.append(Utterance(spoken, self.block_index, start, end))
        return bool(spoken)

    def unit(self, text: str, start: int, prefix: str = "") -> None:
        """A paragraph-like unit: its sentences, the first one after `prefix`, and one printed
        line with everything said."""
        said: list[str] = []
        cursor = 0
        for sentence in split_sentences(text):
            at = text.find(sentence, cursor)
            at = cursor if at < 0 else at
            cursor = at + len(sentence)
            words = f"{prefix}{sentence}" if not said else sentence
            if self.say(words, start + at, start + cursor):
                said.append(self.script.utterances[-1].text)
        if not said and prefix.strip() and self.say(prefix, start, start + len(text)):
            said.append(self.script.utterances[-1].text)
        if said:
            self.script.lines.setdefault(self.block_index, []).append(" ".join(said))

    def announce(self, words: str, at: int) -> None:
        """The reader's own words (a list or table starting), tied to offset `at`."""
        if self.say(words, at, at):
            self.script.lines.setdefault(self.block_index, []).append(words)

    # -- the article -------------------------------------------------------------------------

    def header(self, article: Article) -> None:
        if article.title:
            self.unit(article.title, 0)
        if article.byline and speakable(article.byline):
            self.unit(byline_text(article.byline), 0)

    def block(self, index: int, block: Block) -> None:
        self.block_index = index
        self.pieces = _Pieces(block)
        self.walk(block)

    def take(self) -> tuple[str, int]:
        assert self.pieces is not None
        return self.pieces.take()

    def walk(self, block: Block) -> None:
        match block:
            case Heading(level=level):
                heading = _("Heading {level}:").format(level=min(max(level, 1), 6))
                self.unit(*self.take(), prefix=heading + " ")
            case Paragraph():
                self.unit(*self.take())
            case ListBlock():
                self.list_items(block)
            case Quote(blocks=inner):
                self.announce(_("Quote."), self.pieces.offset if self.pieces else 0)
                for child in inner:
                    self.walk(child)
                self.announce(_("End of quote."), self.pieces.end if self.pieces else 0)
            case Code():
                self.code(block)
            case Figure(alt=alt, caption=caption):
                if alt:
                    self.unit(*self.take(), prefix=_("Image:") + " ")
                if caption:
                    self.unit(*self.take(), prefix=_("Caption:") + " ")
            case Table():
                self.table(block)

    def list_items(self, block: ListBlock) -> None:
        count = len(block.items)
        start = self.pieces.offset if self.pieces else 0
        listed = ngettext("List of {count} item.", "List of {count} items.", count)
        self.announce(listed.format(count=count), start)
        for number, item in enumerate(block.items, start=block.start):
            item_prefix = _("Item {number}:").format(number=number) + " "
            self.unit(*self.take(), prefix=item_prefix if block.ordered else "")
            for child in item.children:
                self.list_items(child)

    def code(self, block: Code) -> None:
        text, start = self.take()
        lines = [line for line in text.split("\n") if line.strip()]
        if not self.speak_code:
            skipped = ngettext(
                "Code block, {count} line, skipped.",
                "Code block, {count} lines, skipped.",
                len(lines),
            )
            words = skipped.format(count=len(lines))
            if self.say(words, start, start + len(text)):
                self.script.lines.setdefault(self.block_index, []).append(words)
            return
        self.announce(_("Code block."), start)
        cursor = 0
        for line in lines:
            at = text.find(line, cursor)
            cursor = at + len(line)
            self.unit(line, start + at)
        self.announce(_("End of code."), start + len(text))

    def table(self, table: Table) -> None:
        columns = max([len(table.header), *(len(row) for row in table.rows)], default=0)
        rows = len(table.rows)
        self.announce(
            _("Table with {columns} and {rows}.").format(
                columns=ngettext("{count} column", "{count} columns", columns).format(
                    count=columns
                ),
                rows=ngettext("{count} row", "{count} rows", rows).format(count=rows),
            ),
            self.pieces.offset if self.pieces else 0,
        )
        if table.caption:
            self.unit(*self.take(), prefix=_("Caption:") + " ")
        names = [speakable(self.take()[0]) for _header in table.header]
        for number, row in enumerate(table.rows, 1):
            cells = [self.take() for _cell_text in row]
            parts = [_cell(names, column, text) for column, (text, _at) in enumerate(cells)]
            said = pgettext("between table cells", "; ").join(part for part in parts if part)
            first = cells[0][1] if cells else 0
            last = cells[-1][1] + len(cells[-1][0]) if cells else 0
            row_words = (
                _("Row {number}: {cells}.").format(number=number, cells=said)
                if said
                else _("Row {number}, empty.").format(number=number)
            )
            if self.say(row_words, first, last):
                self.script.lines.setdefault(self.block_index, []).append(
                    self.script.utterances[-1].text
                )


def _cell(names: list[str], column: int, text: str) -> str:
    """One cell as said: `Name: Ada`, with its column header when there is one."""
    value = speakable(text)
    name = names[column] if column < len(names) else ""
    if not value:
        return ""
    return _("{column}:").format(column=name) + " " + value if name else value
