"""Start line mode: streams, saved state, the first article, then the prompt until quit."""

from __future__ import annotations

import sys
from typing import TextIO

from reader.core.document import Article
from reader.core.i18n import _
from reader.core.pipeline import Options
from reader.core.storage.state import State
from reader.line.commands import run_command
from reader.line.session import LineSession
from reader.line.terminal import CommandInput, Output


def run_line(
    source: str | None,
    options: Options,
    *,
    width: int | None = None,
    language: str | None = None,
    translation_view: str = "translation",
    translation_source: str | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    article: Article | None = None,
) -> int:
    """Open `source` (None: the welcome article) in line mode and read commands until `q` or
    the end of input; the exit code (0). `article` is shown at once instead of loading
    `source` (tests, benchmarks)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if hasattr(stdout, "reconfigure"):
        stdout.reconfigure(errors="replace")  # a character the terminal cannot show: '?'
    out = Output(stdout)
    commands = CommandInput(stdin, out, interactive=stdin.isatty())
    with State() as state:
        out.lines(
            "reader: " + _("warning: {message}").format(message=warning)
            for warning in state.warnings
        )
        session = LineSession(
            out,
            state,
            options,
            width=width,
            language=language,
            view=translation_view,
            translation_source=translation_source,
        )
        if article is not None:
            session.open_article(article, source)
        else:
            session.open(source)
        while not session.quitting:
            try:
                text = commands.read(prompt=not session.speech.speaking)
            except KeyboardInterrupt:  # at the prompt: stop the voice, else nothing to stop
                if not session.speech.stop():
                    out.lines(["", _("Type q or press ctrl+d to quit.")])
                continue
            # Enter or any command stops reading aloud; Enter does nothing more.
            if session.speech.stop() and text is not None and not text.strip():
                continue
            if text is None:
                break
            try:
                run_command(session, text)
            except KeyboardInterrupt:  # a long listing, say
                out.lines(["", _("Stopped.")])
            except Exception as error:  # a bug must not end the session or lose the place
                detail = f"{type(error).__name__}: {error}"
                message = _("internal error: {detail} (please report it)").format(detail=detail)
                out.line(f"reader: {message}")
    return 0
