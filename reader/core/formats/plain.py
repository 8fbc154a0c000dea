"""The screen-reader mode: linear plain text following WCAG's plain-text techniques.

One blank line between blocks; headings, quotes, code, tables and images announced in words
("Heading 2: ...", "Quote:" ... "End of quote."); list markers `-` and `1.` with nesting shown by
two spaces per level; links numbered inline (`text [3]`) and listed at the end, except links to a
place in the article itself (a citation `[1]` leading to its note), which read as their text. No
box drawing, no decorative symbols. Colour (bold headings and strong text, italic emphasis,
underlined link text) only when asked for, and never the only signal. A separator prints as
"Section break.": a blank line alone would be indistinguishable from the gap between any two
paragraphs. In an interleaved translation each translated block starts "Translation:" (a heading's
translation is not announced as a heading again).

Lines are not wrapped unless `width` is given (screen readers and braille displays wrap
themselves); with a width, prose wraps at spaces without breaking words or URLs, and code is
never wrapped. Whatever the Article holds, the output contains no control character except
newline and tab, plus the SGR sequences this module adds when `color` is true.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from reader.core.document import (
    Article,
    Block,
    Code,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Runs,
    Separator,
    Table,
    column_count,
    column_heads,
    filled,
    table_grid,
)
from reader.core.formats.announcements import column_name, image_text, table_summary
from reader.core.formats.header import meta_lines
from reader.core.formats.links import with_linear_links
from reader.core.i18n import _, format_number, pgettext
from reader.core.safe_text import clean, clean_line

BOLD, ITALIC, UNDERLINE = "1", "3", "4"
SGR_RESET = "\x1b[0m"
# The only escape sequences the plain output may ever contain (and only with color=True).
OWN_SGR = tuple(f"\x1b[{code}m" for code in ("0", BOLD, ITALIC, UNDERLINE))

# (text, SGR parameter or "" for unstyled)
Segment = tuple[str, str]
# A word: the style of the space before it (kept when a styled run spans the space) and its parts.
Word = tuple[str, list[Segment]]

# Joins two words the wrapper must not split ("Row 1:", "Name: Ada"); it prints as a space.
# A NUL can never come from the page: `clean` removes it from every string first.
GLUE = "\x00"
_CHUNKS = re.compile(r"\n|[^\S\n]+|[^\s]+")
_FOREIGN_CONTROL = re.compile(
    r"(\x1b\[[0134]m)|[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)


def render_plain(article: Article, *, width: int | None = None, color: bool = False) -> str:
    """`article` as screen-reader-friendly plain text, ending with one newline."""
    article = with_linear_links(article)
    renderer = _PlainRenderer(width, color)
    blocks = renderer.header_blocks(article)
    for index, block in enumerate(article.blocks):
        translation = index in article.translations
        if lines := renderer.translation(block) if translation else renderer.block(block):
            blocks.append(lines)
    if article.links:
        listed = [f"[{i}] {clean_line(url)}" for i, url in enumerate(article.links, 1)]
        blocks.append(renderer.say(_("Links:")) + listed)
    text = "\n\n".join("\n".join(lines) for lines in blocks if lines) + "\n"
    return _strip_foreign_controls(text, keep_own_sgr=color)


def plain_header(article: Article, *, width: int | None = None, color: bool = False) -> list[str]:
    """The lines `render_plain` prints above the first block: title, metadata and notices."""
    renderer = _PlainRenderer(width, color)
    lines = [line for block in renderer.header_blocks(article) for line in block]
    return [_strip_foreign_controls(line, keep_own_sgr=color) for line in lines]


def plain_block(
    block: Block, *, width: int | None = None, color: bool = False, translation: bool = False
) -> list[str]:
    """The lines `render_plain` prints for one block (its links numbered already); a
    `translation` of the block before it is introduced as one ("Translation: ...")."""
    renderer = _PlainRenderer(width, color)
    lines = renderer.translation(block) if translation else renderer.block(block)
    return [_strip_foreign_controls(line, keep_own_sgr=color) for line in lines]


def plain_table_parts(
    table: Table, *, width: int | None = None, color: bool = False
) -> tuple[list[str], list[list[str]], list[str]]:
    """A table as `render_plain` prints it, in parts: the opening lines (size, caption), the
    lines of each row, and the closing line; for reading a long table one row at a time."""
    opening, rows, closing = _PlainRenderer(width, color).table_parts(table)

    def safe(lines: list[str]) -> list[str]:
        return [_strip_foreign_controls(line, keep_own_sgr=color) for line in lines]

    return safe(opening), [safe(row) for row in rows], safe(closing)


def _note(notice: str) -> list[Segment]:
    return [(_words(_("Note: {note}")).format(note=clean_line(notice)), "")]


def _words(text: str) -> str:
    """reader's own words, ready for the wrapper: a no-break space in a translation (French
    `Titre 2 :`) holds its neighbours together and prints as a plain space."""
    return text.replace("\u00a0", GLUE).replace("\u202f", GLUE)


def _glued(text: str) -> str:
    """An announcement the wrapper must keep on one line (`Heading 2:`, `Row 3:`)."""
    return re.sub(r"\s", GLUE, text)


def _strip_foreign_controls(text: str, *, keep_own_sgr: bool) -> str:
    """Defence in depth: drop any control character the renderer did not put there itself."""

    def keep(match: re.Match[str]) -> str:
        return match.group(1) if keep_own_sgr and match.group(1) else ""

    return _FOREIGN_CONTROL.sub(keep, text)


def cell_width(text: str) -> int:
    """Terminal columns `text` takes: wide East Asian characters count two, combining marks 0."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


class _PlainRenderer:
    """Turns blocks into lines of text; one instance per render (holds width and colour)."""

    def __init__(self, width: int | None, color: bool) -> None:
        self.width = width
        self.color = color

    # -- the header ------------------------------------------------------------------------

    def header_blocks(self, article: Article) -> list[list[str]]:
        """The title and metadata, then the notices, if any (two blocks of lines)."""
        lines: list[str] = []
        title = clean_line(article.title)
        if title:
            lines += self.prose([(title, self._style(BOLD))])
        for line in meta_lines(article):
            lines += self.prose([(line, "")])
        notices = [line for n in article.notices for line in self.prose(_note(n))]
        return [lines, notices] if notices else [lines]

    # -- blocks ----------------------------------------------------------------------------

    def blocks(self, blocks: Iterable[Block]) -> list[list[str]]:
        return [lines for block in blocks if (lines := self.block(block))]

    def block(self, block: Block) -> list[str]:
        match block:
            case Heading(level=level, runs=runs):
                level = min(max(level, 1), 6)
                bold = self._style(BOLD)
                head = [(_then(_glued(_("Heading {level}:").format(level=level)), " "), bold)]
                return self.prose(head + self.segments(runs, single_line=True, base=bold))
            case Paragraph(runs=runs):
                return self.prose(self.segments(runs))
            case ListBlock():
                return self.list_lines(block, depth=0)
            case Quote(blocks=inner, cite=cite):
                lines = self.say(_("Quote:"))
                for i, inner_lines in enumerate(self.blocks(inner)):
                    lines += ([""] if i else []) + inner_lines
                if cite and clean_line(cite):
                    source = _words(_("Source: {source}")).format(source=clean_line(cite))
                    lines += self.prose([(source, "")])
                return lines + self.say(_("End of quote."))
            case Code(text=text, language=language):
                lang = clean_line(language or "")
                body = [line.rstrip() for line in clean(text).strip("\n").split("\n")]
                opening = _("Code, {language}:").format(language=lang) if lang else _("Code:")
                end = self.say(_("End of code."))
                return self.say(opening) + (body if any(body) else []) + end
            case Figure(alt=alt, caption=caption):
                alt_text = clean_line(alt)
                lines = self.prose([(_words(image_text(alt_text)), "")])
                if caption and runs_have_text(caption):
                    lines += self.prose([_caption(), *self.segments(caption, single_line=True)])
                return lines
            case Table():
                return self.table_lines(block)
            case Separator():
                return self.say(_("Section break."))
        return []

    def translation(self, block: Block) -> list[str]:
        """A block that translates the one before it (interleaved): "Translation: " before
        its text; a heading is not announced again, its original just was."""
        label = _then(_glued(translation_label()), " ")
        match block:
            case Heading(runs=runs):
                bold = self._style(BOLD)
                return self.prose(
                    [(label, bold), *self.segments(runs, single_line=True, base=bold)]
                )
            case Paragraph(runs=runs):
                return self.prose([(label, ""), *self.segments(runs)])
        lines = self.block(block)
        return self.say(translation_label()) + lines if lines else []

    def list_lines(self, block: ListBlock, depth: int) -> list[str]:
        lines: list[str] = []
        indent = "  " * depth
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else "- "
            segments = self.segments(item.runs)
            lines += self.prose(segments, first=indent + marker, rest=indent + " " * len(marker))
            for child in item.children:
                lines += self.list_lines(child, depth + 1)
        return lines

    def table_lines(self, table: Table) -> list[str]:
        opening, rows, closing = self.table_parts(table)
        return opening + [line for row in rows for line in row] + closing

    def table_parts(self, table: Table) -> tuple[list[str], list[list[str]], list[str]]:
        grid = table_grid(table)
        columns = column_count(table, grid)
        names = [clean_line(runs_plain(cell)) for cell in column_heads(grid, columns)]
        has_header = any(names)
        names = [name or column_name(i) for i, name in enumerate(names, 1)]
        lines = self.say(table_summary(columns, len(table.rows)))
        if table.caption and runs_have_text(table.caption):
            lines += self.prose([_caption(), *self.segments(table.caption, single_line=True)])
        # TRANSLATORS: what separates cells (and column names) read out on one line.
        separator = _words(pgettext("between table cells", "; "))
        if has_header and not table.rows:
            columns_text = _words(_("Columns: {names}")).format(names=separator.join(names))
            lines += self.prose([(columns_text, "")])
        row_lines: list[list[str]] = []
        for r in range(1, len(table.rows) + 1):
            row_label = _glued(_("Row {number}:").format(number=format_number(r)))
            segments: list[Segment] = [(_then(row_label, GLUE), "")]
            # A cell spanning columns is read once, under its first column's name; one spanning
            # rows is read again in each row it covers; columns without a cell read "(empty)".
            for c, slot in enumerate(filled(grid[r], columns)):
                if c:
                    segments.append((separator, ""))
                if has_header:
                    label = _words(_("{column}:")).format(column=names[slot.column])
                    segments.append((_then(label, GLUE), ""))
                cell_segments = self.segments(slot.cell, single_line=True)
                segments += cell_segments if runs_have_text(slot.cell) else [(_("(empty)"), "")]
            row_lines.append(self.prose(segments))
        return lines, row_lines, self.say(_("End of table."))

    # -- inline runs -----------------------------------------------------------------------

    def segments(self, runs: Runs, *, single_line: bool = False, base: str = "") -> list[Segment]:
        """Styled pieces of text for some runs; links become `text [n]`."""
        out: list[Segment] = []
        for run in runs:
            text = clean(run.text)
            if single_line:
                text = text.replace("\n", " ")
            match run.kind:
                case "link" if run.url:
                    label = text if text.strip() else _("Link")
                    out.append((label, self._style(UNDERLINE, base)))
                    if run.number is not None:
                        out.append((f" [{run.number}]", base))
                case "strong":
                    out.append((text, self._style(BOLD, base)))
                case "emphasis":
                    out.append((text, self._style(ITALIC, base)))
                case _:
                    out.append((text, base))
        return out

    def _style(self, code: str, base: str = "") -> str:
        if not self.color:
            return ""
        return ";".join(dict.fromkeys(p for p in (base, code) if p).keys())

    # -- wrapping and styling --------------------------------------------------------------

    def say(self, text: str) -> list[str]:
        """A line of the renderer's own words (an announcement), wrapped like prose."""
        return self.prose([(_words(text), "")])

    def prose(self, segments: list[Segment], first: str = "", rest: str = "") -> list[str]:
        """Lines of prose: whitespace collapsed, hard line breaks kept, wrapped at `width`."""
        if not any(style for _, style in segments):
            return self._plain_prose("".join(text for text, _ in segments), first, rest)
        out: list[str] = []
        for n, words in enumerate(_hard_lines(segments)):
            if not words and (n or not first):
                continue
            out += self._wrap(words, first if not out else rest, rest)
        return out

    def _plain_prose(self, text: str, first: str, rest: str) -> list[str]:
        """`prose` for unstyled text: the same lines, built from plain strings (much faster)."""
        out: list[str] = []
        for n, line in enumerate(text.split("\n")):
            words = line.split()
            if not words and (n or not first):
                continue
            prefix = first if not out else rest
            if self.width is None:
                out.append(_line(prefix, words))
                continue
            current: list[str] = []
            used = cell_width(prefix)
            for word in words:
                size = cell_width(word)
                if current and used + 1 + size > self.width:
                    out.append(_line(prefix, current))
                    prefix, current, used = rest, [], cell_width(rest)
                used += size + (1 if current else 0)
                current.append(word)
            out.append(_line(prefix, current))
        return out

    def _wrap(self, words: list[Word], first: str, rest: str) -> list[str]:
        lines: list[list[Segment]] = []
        current: list[Segment] = [(first, "")]
        used = cell_width(first)
        has_word = False
        for gap_style, parts in words:
            size = sum(cell_width(t) for t, _ in parts) if self.width is not None else 0
            if has_word and self.width is not None and used + 1 + size > self.width:
                lines.append(current)
                current, used, has_word = [(rest, "")], cell_width(rest), False
            if has_word:
                current.append((" ", gap_style))
                used += 1
            current += parts
            used += size
            has_word = True
        lines.append(current)
        return [_styled(line).replace(GLUE, " ").rstrip() for line in lines]


def translation_label() -> str:
    """The words that introduce a translation shown after its original: "Translation:"."""
    return _("Translation:")


def _caption() -> Segment:
    return (_then(_words(_("Caption:")), " "), "")


def _then(label: str, space: str) -> str:
    """A label and the space before the text it introduces; none after a full-width colon
    (U+FF1A, as Chinese writes `Heading 2:`), which carries its own space."""
    return label if label.endswith("\uff1a") else label + space


def _line(prefix: str, words: list[str]) -> str:
    return (prefix + " ".join(words)).replace(GLUE, " ").rstrip()


def _hard_lines(segments: list[Segment]) -> list[list[Word]]:
    """Split styled text into lines (at newlines) of words (at other whitespace)."""
    lines: list[list[Word]] = [[]]
    word: list[Segment] = []
    gap = ""
    for text, style in segments:
        for match in _CHUNKS.finditer(text):
            chunk = match.group()
            if chunk == "\n" or chunk.isspace():
                if word:
                    lines[-1].append((gap, word))
                    word = []
                gap = style
                if chunk == "\n":
                    lines.append([])
                    gap = ""
            else:
                if not word and gap != style:
                    gap = ""
                word.append((chunk, style))
    if word:
        lines[-1].append((gap, word))
    return lines


def _styled(segments: list[Segment]) -> str:
    """Join segments, wrapping each styled stretch in its SGR and a reset."""
    out: list[str] = []
    merged: list[Segment] = []
    for text, style in segments:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        elif text:
            merged.append((text, style))
    for text, style in merged:
        if not style or not text.strip():
            out.append(text)
        else:
            out.append("".join(f"\x1b[{code}m" for code in style.split(";")) + text + SGR_RESET)
    return "".join(out)


def runs_plain(runs: Runs) -> str:
    """The text of some runs, sanitised, with link text kept as it reads."""
    return "".join(clean(run.text) for run in runs)


def runs_have_text(runs: Runs) -> bool:
    return bool(runs_plain(runs).strip()) or any(r.kind == "link" and r.url for r in runs)
