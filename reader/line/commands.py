"""The commands of line mode: one table of names, help and handlers, and the parser.

Each command has a one-letter name and a word (`n` and `next`); `?` or `help` lists them from
this table, so a new command (read-aloud, say) is one more row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.safe_text import clean_line
from reader.line.session import LineSession

Handler = Callable[[LineSession, str], None]
_HEADING_LEVEL = re.compile(r"([hH])([1-6])")


@dataclass(frozen=True, slots=True)
class Command:
    names: tuple[str, ...]
    usage: str
    help: str
    handler: Handler


def _help(session: LineSession, _arg: str) -> None:
    session.out.line("Commands (a letter or a word, then Enter):")
    session.out.lines(f"{command.usage}: {command.help}" for command in COMMANDS)


COMMANDS: tuple[Command, ...] = (
    Command(("n", "next"), "Enter, n or next", "the next block", LineSession.next_step),
    Command(("p", "previous"), "p or previous", "the previous block", LineSession.previous_step),
    Command(("r", "repeat"), "r or repeat", "the current block again", LineSession.repeat),
    Command(
        ("h", "heading"),
        "h or heading; h2 for level 2",
        "the next heading (of that level)",
        LineSession.next_heading,
    ),
    Command(
        ("H", "back-heading"),
        "H or back-heading; H2 for level 2",
        "the previous heading (of that level)",
        LineSession.previous_heading,
    ),
    Command(
        ("t", "contents"),
        "t or contents; t 3",
        "the numbered headings; t 3 goes to heading 3",
        LineSession.contents,
    ),
    Command(
        ("l", "links"),
        "l or links; l 3",
        "the numbered links and their addresses; l 3 shows link 3",
        LineSession.links,
    ),
    Command(("g", "go"), "g 3 or go 3", "follow link 3", LineSession.follow),
    Command(("b", "back"), "b or back", "back to where you were before", LineSession.back),
    Command(("f", "forward"), "f or forward", "forward again", LineSession.forward),
    Command(
        ("o", "open"), "o or open ADDRESS", "open a web page or file", LineSession.open_address
    ),
    Command(
        ("/", "find"),
        "/word or find word",
        "find the word below; / alone finds the next match",
        LineSession.find,
    ),
    Command(("?",), "?word", "find the word above", LineSession.find_backward),
    Command(
        ("w", "where"),
        "w or where",
        "where am I: title, headings, block number, progress",
        LineSession.where,
    ),
    Command(("top",), "top", "the start of the article", LineSession.top),
    Command(("end",), "end", "the end of the article", LineSession.end),
    Command(
        ("x", "full"),
        "x or full",
        "the whole page's text instead of the article, or back",
        LineSession.toggle_full,
    ),
    Command(
        ("T", "translate"),
        "T de or translate de; T off",
        "translate into a language offline",
        LineSession.translate,
    ),
    Command(
        ("v", "view"),
        "v or view",
        "switch translation, interleaved and original",
        LineSession.cycle_view,
    ),
    Command(("a", "aloud"), "a or aloud", "read aloud", LineSession.read_aloud),
    Command(
        ("set",), "set width 80, set step 3", "wrap lines; blocks per step", LineSession.settings
    ),
    Command(("help",), "? or help", "this list", _help),
    Command(("q", "quit"), "q, quit or ctrl+d", "quit", LineSession.quit),
)
_BY_NAME = {name: command for command in COMMANDS for name in command.names}


def parse(text: str) -> tuple[str, str]:
    """(command name, argument) for a typed line: Enter is `n`, `/word` and `?word` find,
    `h2` is `h` with argument 2; one-letter names keep their case (`t` is not `T`)."""
    text = text.strip()
    if not text:
        return ("n", "")
    if text == "?":
        return ("help", "")
    if text[0] in "/?":
        return (text[0], text[1:].strip())
    if level := _HEADING_LEVEL.fullmatch(text):
        return (level.group(1), level.group(2))
    word, _, arg = text.partition(" ")
    return (word if len(word) == 1 else word.lower(), arg.strip())


def run_command(session: LineSession, text: str) -> None:
    """Do what `text` asks, or say in one line that it was not understood."""
    name, arg = parse(text)
    command = _BY_NAME.get(name)
    if command is None:
        shown = clean_line(text)[:60]
        session.out.line(f"Not understood: {shown}. Type ? for the list of commands.")
        return
    command.handler(session, arg)
