"""What line mode prints, in words: each block as the plain output prints it, plus the lines
that say where the reader is (header summary, where am I, contents, links).

A long list or table is read one item or row per step (`steps`): each row says its column
names, each ordered item its number; the first step opens it ("List, 12 items:", "Table with
3 columns and 12 rows:") and the last one closes it ("End of list.", "End of table.").
"""

from __future__ import annotations

from reader.core.document import Article, Block, ListBlock, Table
from reader.core.formats.plain import plain_block, plain_header, plain_table_parts
from reader.core.reading import HeadingRef, LinkRef, Progress, Reading
from reader.core.safe_text import clean_line


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def part_lines(block: Block, part: int, parts: int, width: int | None) -> list[str]:
    """The lines of part `part` (of `parts`) of `block`."""
    if isinstance(block, ListBlock):
        opening = [f"List, {plural(len(block.items), 'item')}:"]
        if parts == 1:
            return opening + plain_block(block, width=width)
        item = ListBlock(block.ordered, [block.items[part]], block.start + part)
        lines = plain_block(item, width=width)
        return (opening if part == 0 else []) + lines + (["End of list."] * (part == parts - 1))
    if isinstance(block, Table) and parts > 1:
        opening, rows, closing = plain_table_parts(block, width=width)
        return (opening if part == 0 else []) + rows[part] + (closing if part == parts - 1 else [])
    return plain_block(block, width=width) or ["(An empty block.)"]


def heading_words(heading: HeadingRef) -> str:
    return f"Heading {heading.level}: {heading.text}"


def header_lines(reading: Reading, width: int | None) -> list[str]:
    """The article's header as the plain output prints it, and what it holds."""
    summary = (
        f"{plural(reading.block_count, 'block')}, {plural(len(reading.headings), 'heading')}, "
        f"{plural(len(reading.links), 'link')}. Enter reads on; ? lists the commands."
    )
    return [*plain_header(reading.article, width=width), summary]


def place(reading: Reading) -> str:
    """Block N of M, and the heading it is or is under."""
    block = reading.block
    where = f"block {block + 1} of {reading.block_count}"
    path = reading.heading_path()
    if path and path[-1].block == block:
        return f"{heading_words(path[-1])}, {where}"
    return f"{where}, under {heading_words(path[-1])}" if path else where


def minutes_left(progress: Progress) -> str:
    if not progress.minutes_left:
        return "nothing left to read"
    return f"{plural(progress.minutes_left, 'minute')} left"


def where_lines(reading: Reading, progress: Progress) -> list[str]:
    """Title, heading path, block number and progress."""
    title = clean_line(reading.article.title) or "Untitled article"
    path = reading.heading_path()
    under = "; ".join(heading_words(h) for h in path)
    return [
        title,
        f"Under {under}." if path else "Before the first heading.",
        f"Block {reading.block + 1} of {reading.block_count}, {progress.percent}% read, "
        f"{minutes_left(progress)}.",
    ]


def contents_lines(reading: Reading) -> list[str]:
    if not reading.headings:
        return ["This article has no headings."]
    lines = [f"Contents, {plural(len(reading.headings), 'heading')}:"]
    lines += [f"{n}. {heading_words(h)}" for n, h in enumerate(reading.headings, 1)]
    return [*lines, "Type t and a number to go there."]


def link_line(link: LinkRef) -> str:
    return f"[{link.number}] {link.text}: {clean_line(link.url)}"


def links_lines(reading: Reading) -> list[str]:
    if not reading.links:
        return ["This article has no links."]
    lines = [f"Links, {len(reading.links)}:"]
    lines += [link_line(link) for link in reading.links]
    return [*lines, "Type g and a number to follow one."]


def article_title(article: Article) -> str:
    return clean_line(article.title) or "Untitled article"
