"""Lines in and out of line mode: readline at a terminal, plain lines from a pipe.

Everything written passes through `safe_text.clean` and has its tabs expanded, so no control
character reaches the terminal but the newline. From a pipe each command is echoed after the
prompt, so the output reads as the same session typed at a terminal would (without the
trailing space of an empty command).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from reader.core.safe_text import clean, clean_line

PROMPT = "> "


class Output:
    """Writes whole lines, sanitised, and flushes after each batch."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def line(self, text: str = "") -> None:
        self.lines([text])

    def lines(self, lines: Iterable[str]) -> None:
        for text in lines:
            for part in clean(text).expandtabs(4).split("\n"):
                self.stream.write(part.rstrip() + "\n")
        self.stream.flush()


class CommandInput:
    """Reads one command per line; None at the end of input (ctrl+d or the pipe's end)."""

    def __init__(self, stream: TextIO, output: Output, *, interactive: bool) -> None:
        self.stream = stream
        self.output = output
        self.interactive = interactive
        if interactive:
            _enable_readline()

    def read(self, *, prompt: bool = True) -> str | None:
        """The next command; at a terminal, `prompt=False` shows no prompt (while reading
        aloud, the blocks spoken print below it)."""
        if self.interactive:
            try:
                return input(PROMPT if prompt else "")
            except EOFError:
                self.output.line()
                return None
        text = self.stream.readline()
        command = text.rstrip("\r\n")
        self.output.line(PROMPT + clean_line(command))
        return command if text else None


def _enable_readline() -> None:
    """History and line editing for `input()`; bracketed paste off, so the prompt is plain
    text with no escape sequence for a screen reader to stumble over."""
    try:
        import readline
    except ImportError:  # a Python built without readline: input() still works
        return
    if "libedit" not in (readline.__doc__ or ""):
        readline.parse_and_bind("set enable-bracketed-paste off")
