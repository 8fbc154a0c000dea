"""What line mode prints, in words: each block as the plain output prints it, plus the lines
that say where the reader is (header summary, where am I, contents, links).

A long list or table is read one item or row per step (`steps`): each row says its column
names, each ordered item its number; the first step opens it ("List, 12 items:", "Table with
3 columns and 12 rows:") and the last one closes it ("End of list.", "End of table.").
"""

from __future__ import annotations

from reader.core.document import Article, Block, ListBlock, Table
from reader.core.formats.plain import (
    plain_block,
    plain_header,
    plain_table_parts,
    translation_label,
)
from reader.core.i18n import _, ngettext, pgettext
from reader.core.reading import HeadingRef, LinkRef, Progress, Reading
from reader.core.safe_text import clean_line


def plural(count: int, noun: str) -> str:
    """`3 headings`: a count of items, blocks, headings or links, in the interface language."""
    if noun == "item":
        template = ngettext("{count} item", "{count} items", count)
    elif noun == "block":
        template = ngettext("{count} block", "{count} blocks", count)
    elif noun == "heading":
        template = ngettext("{count} heading", "{count} headings", count)
    else:
        template = ngettext("{count} link", "{count} links", count)
    return template.format(count=count)


def part_lines(
    block: Block, part: int, parts: int, width: int | None, *, translation: bool = False
) -> list[str]:
    """The lines of part `part` (of `parts`) of `block`; a `translation` (interleaved) is
    introduced as one, as the plain output does."""
    if translation:
        lines = part_lines(block, part, parts, width)
        if parts == 1:
            return plain_block(block, width=width, translation=True) or lines
        return [translation_label(), *lines] if part == 0 else lines
    if isinstance(block, ListBlock):
        opening = [_("List, {items}:").format(items=plural(len(block.items), "item"))]
        if parts == 1:
            return opening + plain_block(block, width=width)
        item = ListBlock(block.ordered, [block.items[part]], block.start + part)
        lines = plain_block(item, width=width)
        return (opening if part == 0 else []) + lines + ([_("End of list.")] * (part == parts - 1))
    if isinstance(block, Table) and parts > 1:
        opening, rows, closing = plain_table_parts(block, width=width)
        return (opening if part == 0 else []) + rows[part] + (closing if part == parts - 1 else [])
    return plain_block(block, width=width) or [_("(An empty block.)")]


def heading_words(heading: HeadingRef) -> str:
    return _("Heading {level}: {text}").format(level=heading.level, text=heading.text)


def header_lines(reading: Reading, width: int | None) -> list[str]:
    """The article's header as the plain output prints it, and what it holds."""
    summary = _("{blocks}, {headings}, {links}. Enter reads on; ? lists the commands.").format(
        blocks=plural(reading.block_count, "block"),
        headings=plural(len(reading.headings), "heading"),
        links=plural(len(reading.links), "link"),
    )
    return [*plain_header(reading.article, width=width), summary]


def place(reading: Reading) -> str:
    """Block N of M, and the heading it is or is under."""
    block = reading.block
    where = _("block {number} of {count}").format(number=block + 1, count=reading.block_count)
    path = reading.heading_path()
    if path and path[-1].block == block:
        return _("{heading}, {place}").format(heading=heading_words(path[-1]), place=where)
    if not path:
        return where
    return _("{place}, under {heading}").format(place=where, heading=heading_words(path[-1]))


def minutes_left(progress: Progress) -> str:
    if not progress.minutes_left:
        return _("nothing left to read")
    left = ngettext("{count} minute left", "{count} minutes left", progress.minutes_left)
    return left.format(count=progress.minutes_left)


def where_lines(reading: Reading, progress: Progress) -> list[str]:
    """Title, heading path, block number and progress."""
    title = article_title(reading.article)
    path = reading.heading_path()
    under = pgettext("between headings", "; ").join(heading_words(h) for h in path)
    return [
        title,
        _("Under {headings}.").format(headings=under) if path else _("Before the first heading."),
        _("Block {number} of {count}, {percent}% read, {left}.").format(
            number=reading.block + 1,
            count=reading.block_count,
            percent=progress.percent,
            left=minutes_left(progress),
        ),
    ]


def contents_lines(reading: Reading) -> list[str]:
    if not reading.headings:
        return [_("This article has no headings.")]
    lines = [_("Contents, {headings}:").format(headings=plural(len(reading.headings), "heading"))]
    lines += [f"{n}. {heading_words(h)}" for n, h in enumerate(reading.headings, 1)]
    return [*lines, _("Type t and a number to go there.")]


def link_line(link: LinkRef) -> str:
    return f"[{link.number}] {link.text}: {clean_line(link.url)}"


def links_lines(reading: Reading) -> list[str]:
    if not reading.links:
        return [_("This article has no links.")]
    lines = [_("Links, {count}:").format(count=len(reading.links))]
    lines += [link_line(link) for link in reading.links]
    return [*lines, _("Type g and a number to follow one.")]


def article_title(article: Article) -> str:
    return clean_line(article.title) or _("Untitled article")
