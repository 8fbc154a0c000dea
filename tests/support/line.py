"""Line-mode transcripts: a session run in this process, commands in and its output back."""

from __future__ import annotations

import io
import re

from reader.core.document import Article
from reader.core.pipeline import Options
from reader.line import run_line

# Every C0 and C1 control but the newline (ESC and tab included), and DEL.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def transcript(
    *commands: str,
    source: str | None = None,
    article: Article | None = None,
    options: Options | None = None,
    **settings: object,
) -> str:
    """Everything line mode prints when `commands` are typed, one per line, then input ends.

    Asserts that the whole transcript holds no ESC or other control character.
    """
    stdin = io.StringIO("".join(f"{command}\n" for command in commands))
    stdout = io.StringIO()
    code = run_line(
        source,
        options or Options(),
        stdin=stdin,
        stdout=stdout,
        article=article,
        **settings,  # type: ignore[arg-type]
    )
    assert code == 0
    text = stdout.getvalue()
    assert not CONTROL.search(text), repr(CONTROL.findall(text))
    return text
