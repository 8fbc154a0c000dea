"""The Article as CommonMark (GFM pipe tables), with every markdown-significant character escaped.

Links are reference-style, `[text][3]` with `[3]: url` at the end, matching the plain output's
link numbers; a link to a place in the article itself is an inline link to its `#fragment`.
Only http(s), mailto, ftp and gemini URLs become links; anything else (a `javascript:` URL)
stays as text. Code is fenced with a fence longer than any backtick run in it.
"""

from __future__ import annotations

import re
import unicodedata

from reader.core.document import (
    Article,
    Block,
    Code,
    Figure,
    Grid,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Runs,
    Separator,
    Slot,
    Table,
    column_count,
    column_heads,
    filled,
    table_grid,
)
from reader.core.formats.announcements import column_name, image_text
from reader.core.formats.header import meta_lines
from reader.core.formats.links import in_page_fragment, is_clickable, with_linear_links
from reader.core.i18n import _, format_number
from reader.core.safe_text import clean, clean_line

# Characters that can start or end an inline construct anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# An entity or numeric character reference, which CommonMark would decode.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What could start a block at the beginning of a line: ATX heading, quote, bullet, thematic
# break or setext underline, ordered-list marker, fenced code with tildes.
_LINE_START = re.compile(r"^(#|>|[-+=]|~~~|(\d{1,9})([.)]))")
_BACKTICKS = re.compile(r"`+")
_NEWLINES = re.compile(r"\s*\n\s*")
_LANGUAGE = re.compile(r"[^\w+#.-]")


def render_markdown(article: Article) -> str:
    """`article` as CommonMark text ending with one newline."""
    article = with_linear_links(article)
    parts: list[str] = []
    title = clean_line(article.title)
    if title:
        parts.append("# " + _escape_closing_hashes(_escape_inline(title)))
    parts.append("\\\n".join(escape_text(line) for line in meta_lines(article)))
    note = escape_text(_("Note: {note}"))
    parts += ["> " + note.format(note=escape_text(clean_line(n))) for n in article.notices]
    parts += _blocks(article.blocks)
    definitions = [
        f"[{n}]: {link_destination(url)}"
        for n, url in enumerate(article.links, 1)
        if is_clickable(url)
    ]
    if definitions:
        parts.append("\n".join(definitions))
    return "\n\n".join(p for p in parts if p) + "\n"


# -- escaping -------------------------------------------------------------------------------


def escape_text(text: str) -> str:
    """`text` (one or more lines) escaped so CommonMark reads it back as exactly this text."""
    lines = []
    for line in text.split("\n"):
        line = _ENTITY.sub("\\\\&", _INLINE_SPECIAL.sub(r"\\\1", line.strip()))
        line = _LINE_START.sub(_escape_line_start, line)
        lines.append(line)
    return "\n".join(lines)


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(2):  # "1." or "1)": escape the delimiter, not the number
        return match.group(2) + "\\" + match.group(3)
    return "\\" + match.group(1)


def link_destination(url: str) -> str:
    """A link destination for `url`: bare when it can be, in angle brackets when it has spaces."""
    url = clean_line(url)
    if re.search(r"\s", url) or not url:
        return "<" + _ENTITY.sub("\\\\&", re.sub(r"([<>\\])", r"\\\1", url)) + ">"
    return _ENTITY.sub("\\\\&", re.sub(r"([()\\])", r"\\\1", url))


def code_span(text: str) -> str:
    """Inline code delimited by more backticks than any run inside it."""
    text = _NEWLINES.sub(" ", text)
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ")):
        text = f" {text} "
    return f"{fence}{text}{fence}"


# -- inline runs ----------------------------------------------------------------------------


def inline(runs: Runs, *, single_line: bool = False, in_table: bool = False) -> str:
    """Runs as markdown inline text; hard line breaks as a backslash at the end of a line."""
    # (markdown, emphasis delimiter or ""): emphasis is delimited once its neighbours are known.
    pieces: list[tuple[str, str]] = []
    for run in _merged(runs):
        text = clean(run.text)
        if single_line:
            text = " ".join(text.split("\n"))
        if not text.strip() and run.kind != "link":
            pieces.append((" " if text else "", ""))
            continue
        match run.kind:
            case "code":
                span = code_span(text)
                # GFM splits table cells at pipes before it reads code spans.
                pieces.append((span.replace("|", "\\|") if in_table else span, ""))
            case "emphasis" | "strong":
                mark = "*" if run.kind == "emphasis" else "**"
                if text[:1].isspace():
                    pieces.append((" ", ""))
                pieces.append((_escape_inline(" ".join(text.split())), mark))
                if text[-1:].isspace():
                    pieces.append((" ", ""))
            case "link" if is_clickable(run.url) and run.number is not None:
                label = escape_text(" ".join(text.split())) or escape_text(
                    clean_line(run.url or "")
                )
                pieces.append((f"[{label}][{run.number}]", ""))
            case "link" if fragment := in_page_fragment(run):
                label = escape_text(" ".join(text.split())) or escape_text(fragment)
                pieces.append((f"[{label}]({link_destination(fragment)})", ""))
            case _:
                pieces.append((_escape_inline(text), ""))
    out: list[str] = []
    last_char = ""
    for i, (text, mark) in enumerate(pieces):
        if mark:
            # Two emphases side by side share one delimiter run (`*a***b**`): its flanking
            # characters are the contents' edges, which `pieces` holds without delimiters.
            before = pieces[i - 1][0][-1:] if i and pieces[i - 1][1] else last_char
            after = next((p[0][:1] for p in pieces[i + 1 :] if p[0]), "")
            text = _emphasis(text, mark, before, after)
        out.append(text)
        last_char = text[-1:] or last_char
    lines = [line.strip() for line in "".join(out).split("\n")]
    return "\\\n".join(line for line in lines if line)


def _emphasis(text: str, mark: str, before: str, after: str) -> str:
    """`*text*`, or `<em>text</em>` where CommonMark's flanking rules would not see emphasis:
    text starting with punctuation right after a letter, or ending with it right before one."""
    opens = not (_is_punctuation(text[0]) and before and not _is_space_or_punctuation(before))
    closes = not (_is_punctuation(text[-1]) and after and not _is_space_or_punctuation(after))
    if opens and closes:
        return f"{mark}{text}{mark}"
    tag = "em" if mark == "*" else "strong"
    return f"<{tag}>{text}</{tag}>"


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _is_space_or_punctuation(ch: str) -> bool:
    return ch.isspace() or _is_punctuation(ch)


def _merged(runs: Runs) -> Runs:
    """Adjacent runs of one kind as one run: `*a**b*` would not read back as one emphasis."""
    out: Runs = []
    for run in runs:
        last = out[-1] if out else None
        if last and last.kind == run.kind and last.url == run.url and run.kind != "link":
            out[-1] = Inline(last.text + run.text, run.kind)
        else:
            out.append(run)
    return out


def _escape_closing_hashes(text: str) -> str:
    """Escape trailing `#`s, which an ATX heading would drop as its closing sequence."""
    return re.sub(r"(#+)$", r"\\\1", text)


def _escape_inline(text: str) -> str:
    # Line-start escapes are applied once the whole block's text is assembled (see _block_text).
    return _ENTITY.sub("\\\\&", _INLINE_SPECIAL.sub(r"\\\1", text))


def _block_text(runs: Runs, *, single_line: bool = False) -> str:
    """Inline text for a whole block, with line-start characters escaped on every line."""
    return "\n".join(
        _LINE_START.sub(_escape_line_start, line)
        for line in inline(runs, single_line=single_line).split("\n")
    )


# -- blocks ---------------------------------------------------------------------------------


def _blocks(blocks: list[Block]) -> list[str]:
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks:
        text = _block(block, previous)
        if text:
            parts.append(text)
            previous = block
    return parts


def _block(block: Block, previous: Block | None) -> str:
    match block:
        case Heading(level=level, runs=runs):
            text = _escape_closing_hashes(inline(runs, single_line=True))
            return f"{'#' * min(max(level, 1), 6)} {text}" if text else ""
        case Paragraph(runs=runs):
            return _block_text(runs)
        case ListBlock():
            # Two lists in a row would merge into one; a different marker keeps them apart.
            alternate = isinstance(previous, ListBlock) and previous.ordered == block.ordered
            return "\n".join(_list_lines(block, alternate))
        case Quote(blocks=inner, cite=cite):
            parts = _blocks(inner)
            if cite and clean_line(cite):
                source = escape_text(clean_line(cite))
                parts.append(escape_text(_("Source: {source}")).format(source=source))
            body = "\n\n".join(parts)
            return "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))
        case Code(text=text, language=language):
            return _fenced(clean(text), language)
        case Figure(alt=alt, caption=caption, src=src):
            alt_text = escape_text(clean_line(alt))
            lines = []
            if src and is_clickable(src):
                lines.append(f"![{alt_text}]({link_destination(src)})")
            else:
                lines.append(image_text(alt_text))
            if caption:
                lines.append(_block_text(caption, single_line=True))
            return "\\\n".join(line for line in lines if line)
        case Table():
            return _table(block)
        case Separator():
            return "---"
    return ""


def _list_lines(block: ListBlock, alternate: bool = False) -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(block.items, start=block.start):
        if block.ordered:
            marker = f"{number}{')' if alternate else '.'} "
        else:
            marker = "* " if alternate else "- "
        pad = " " * len(marker)
        # An empty item would end at a blank line or turn a "-" into a heading underline; a
        # no-break space keeps it an (invisibly) non-empty item.
        text_lines = (_block_text(item.runs) or "\u00a0").split("\n")
        lines.append((marker + text_lines[0]).rstrip(" "))
        lines += [pad + line for line in text_lines[1:]]
        for child in item.children:
            # An ordered list not starting at 1 cannot interrupt a paragraph: add a blank line.
            if child.ordered and child.start != 1:
                lines.append("")
            lines += [pad + line if line else "" for line in _list_lines(child)]
    return lines


def _fenced(text: str, language: str | None) -> str:
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    info = _LANGUAGE.sub("", clean_line(language or ""))
    body = text.strip("\n")
    return f"{fence}{info}\n{body}\n{fence}" if body else f"{fence}{info}\n{fence}"


def _table(table: Table) -> str:
    grid = table_grid(table)
    columns = column_count(table, grid)
    if columns == 0:
        return ""
    cells = [table.header, *table.rows]
    caption = _block_text(table.caption, single_line=True) if table.caption else ""
    multiline = any("\n" in clean(run.text) for row in cells for cell in row for run in cell)
    body = _table_as_list(grid, columns) if multiline else _pipe_table(grid, columns)
    return f"{caption}\n\n{body}" if caption else body


def _pipe_table(grid: Grid, columns: int) -> str:
    # GFM has no colspan or rowspan: a cell spanning columns is followed by empty cells for the
    # columns it covers, so the cells after it stay under their own headers; a cell spanning
    # rows is written again in each row it covers.
    def row_line(slots: list[Slot]) -> str:
        texts: list[str] = []
        for slot in slots:
            texts += [inline(slot.cell, single_line=True, in_table=True)] + [""] * (slot.width - 1)
        return "| " + " | ".join(texts) + " |"

    rows = [row_line(filled(slots, columns)) for slots in grid]
    return "\n".join([rows[0], "|" + "---|" * columns, *rows[1:]])


def _table_as_list(grid: Grid, columns: int) -> str:
    """A table whose cells hold line breaks: one list item per row, one sub-item per cell (a
    cell spanning columns once, under its first column's name; one spanning rows in each row
    it covers)."""
    names = [inline(cell, single_line=True) for cell in column_heads(grid, columns)]
    lines: list[str] = []
    for r in range(1, len(grid)):
        lines.append("- " + escape_text(_("Row {number}").format(number=format_number(r))))
        for slot in filled(grid[r], columns):
            name = names[slot.column] or escape_text(column_name(slot.column + 1))
            value = inline(slot.cell).replace("\n", "\n    ")
            item = escape_text(_("{column}:")).format(column=name)
            lines.append(f"  - {item} {value}".rstrip())
    return "\n".join(lines)
