"""text/plain pages: paragraphs are separated by blank lines; line breaks inside are kept."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from reader.core.document import Block, Inline, Paragraph
from reader.core.safe_text import clean, clean_line

_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")


def plain_text_blocks(text: str) -> list[Block]:
    """One paragraph per blank-line-separated chunk of `text`, sanitised."""
    text = clean(text.replace("\x00", ""))
    blocks: list[Block] = []
    for chunk in _BLANK_LINE.split(text):
        lines = [line.rstrip() for line in chunk.split("\n")]
        body = "\n".join(line for line in lines if line.strip())
        if body.strip():
            blocks.append(Paragraph([Inline(body.strip("\n"))]))
    return blocks


def plain_text_title(url: str) -> str:
    """A title for a text file: the last part of its path, else the URL."""
    try:
        path = urlsplit(url).path
    except ValueError:
        path = ""
    name = unquote(path.rstrip("/").rsplit("/", 1)[-1]) if path else ""
    return clean_line(name or url)
