"""The commands of line mode: one table of names, help and handlers, and the parser.

Each command has a one-letter name and a word (`n` and `next`); `?` or `help` lists them from
this table, so a new command (read-aloud, say) is one more row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.i18n import N_, _
from reader.core.safe_text import clean_line
from reader.line.session import LineSession

Handler = Callable[[LineSession, str], None]
_HEADING_LEVEL = re.compile(r"([hH])([1-6])")


@dataclass(frozen=True, slots=True)
class Command:
    """A command: its names, and its usage and help (marked for translation, shown with `_`)."""

    names: tuple[str, ...]
    usage: str
    help: str
    handler: Handler


def _help(session: LineSession, _arg: str) -> None:
    session.out.line(_("Commands (a letter or a word, then Enter):"))
    session.out.lines(
        _("{usage}: {what}").format(usage=_(command.usage), what=_(command.help))
        for command in COMMANDS
    )


COMMANDS: tuple[Command, ...] = (
    Command(("n", "next"), N_("Enter, n or next"), N_("the next block"), LineSession.next_step),
    Command(
        ("p", "previous"), N_("p or previous"), N_("the previous block"), LineSession.previous_step
    ),
    Command(("r", "repeat"), N_("r or repeat"), N_("the current block again"), LineSession.repeat),
    Command(
        ("h", "heading"),
        N_("h or heading; h2 for level 2"),
        N_("the next heading (of that level)"),
        LineSession.next_heading,
    ),
    Command(
        ("H", "back-heading"),
        N_("H or back-heading; H2 for level 2"),
        N_("the previous heading (of that level)"),
        LineSession.previous_heading,
    ),
    Command(
        ("t", "contents"),
        N_("t or contents; t 3"),
        N_("the numbered headings; t 3 goes to heading 3"),
        LineSession.contents,
    ),
    Command(
        ("l", "links"),
        N_("l or links; l 3"),
        N_("the numbered links and their addresses; l 3 shows link 3"),
        LineSession.links,
    ),
    Command(("g", "go"), N_("g 3 or go 3"), N_("follow link 3"), LineSession.follow),
    Command(("b", "back"), N_("b or back"), N_("back to where you were before"), LineSession.back),
    Command(("f", "forward"), N_("f or forward"), N_("forward again"), LineSession.forward),
    Command(
        ("o", "open"),
        N_("o or open ADDRESS"),
        N_("open a web page or file"),
        LineSession.open_address,
    ),
    Command(
        ("/", "find"),
        N_("/word or find word"),
        N_("find the word below; / alone finds the next match"),
        LineSession.find,
    ),
    Command(("?",), N_("?word"), N_("find the word above"), LineSession.find_backward),
    Command(
        ("w", "where"),
        N_("w or where"),
        N_("where am I: title, headings, block number, progress"),
        LineSession.where,
    ),
    Command(("top",), N_("top"), N_("the start of the article"), LineSession.top),
    Command(("end",), N_("end"), N_("the end of the article"), LineSession.end),
    Command(
        ("x", "full"),
        N_("x or full"),
        N_("the whole page's text instead of the article, or back"),
        LineSession.toggle_full,
    ),
    Command(
        ("T", "translate"),
        N_("T de or translate de; T off"),
        N_("translate into a language offline"),
        LineSession.translate,
    ),
    Command(
        ("v", "view"),
        N_("v or view"),
        N_("switch translation, interleaved and original"),
        LineSession.cycle_view,
    ),
    Command(("a", "aloud"), N_("a or aloud"), N_("read aloud"), LineSession.read_aloud),
    Command(
        ("set",),
        N_("set width 80, set step 3"),
        N_("wrap lines; blocks per step"),
        LineSession.settings,
    ),
    Command(("help",), N_("? or help"), N_("this list"), _help),
    Command(("q", "quit"), N_("q, quit or ctrl+d"), N_("quit"), LineSession.quit),
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
    word, _sep, arg = text.partition(" ")
    return (word if len(word) == 1 else word.lower(), arg.strip())


def run_command(session: LineSession, text: str) -> None:
    """Do what `text` asks, or say in one line that it was not understood."""
    name, arg = parse(text)
    command = _BY_NAME.get(name)
    if command is None:
        shown = clean_line(text)[:60]
        session.out.line(
            _("Not understood: {text}. Type ? for the list of commands.").format(text=shown)
        )
        return
    command.handler(session, arg)
