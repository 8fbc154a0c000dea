"""The top line: title, site and reading time on the left, progress on the right."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from reader.core.document import Article
from reader.core.formats.header import reading_time_text
from reader.core.i18n import _
from reader.core.safe_text import clean_line

_UNBROKEN = "\u00a0"  # a no-break space: `wrap_at_spaces` keeps what it joins on one line


def article_summary(article: Article) -> str:
    """'Title · Site · 6 min read' (parts that are missing are left out); the site and the
    reading time are each joined by no-break spaces, and each "·" to the word before it."""
    parts = [clean_line(article.title) or _("Untitled")]
    if article.site_name:
        parts.append(_unbroken(clean_line(article.site_name)))
    if article.reading_minutes:
        parts.append(_unbroken(reading_time_text(article.reading_minutes)))
    return f"{_UNBROKEN}· ".join(parts)


def _unbroken(fact: str) -> str:
    return _UNBROKEN.join(fact.split(" "))


def wrap_at_spaces(text: str, width: int) -> str:
    """`text` broken into lines of at most `width` cells at ordinary spaces only. Textual
    breaks lines at any Unicode space, no-break ones too, so the header wraps its text
    itself; a word wider than the line is left for Textual to fold."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if line and cell_len(joined) > width:
            lines.append(line)
            line = word
        else:
            line = joined
    lines.append(line)
    return "\n".join(lines)


class HeaderTitle(Label):
    """The title line, wrapped at its width by `wrap_at_spaces` whenever that changes."""

    _text = ""
    _shown = ""

    def show(self, text: str) -> None:
        self._text = text
        self._wrap()

    def on_resize(self) -> None:
        self._wrap()

    def _wrap(self) -> None:
        width = self.content_size.width
        text = wrap_at_spaces(self._text, width) if width > 0 else self._text
        if text != self._shown:
            self._shown = text
            self.update(text)


NARROW = 70
"""Below this width the progress is the per cent alone, leaving the title more room."""


def progress_text(percent: int, minutes_left: int, *, narrow: bool = False) -> str:
    if percent >= 100:
        return _("100%") if narrow else _("100% · done")
    if narrow:
        return _("{percent}%").format(percent=percent)
    return _("{percent}% · {minutes} min left").format(percent=percent, minutes=minutes_left)


class ArticleHeader(Horizontal):
    """Title and progress; both update as articles load and the reader scrolls. The title
    wraps onto more lines rather than being cut, so it can always be read whole."""

    _progress = ""
    _shown: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        # Page text, shown as it is: never read as Textual markup (`[@click=...]`).
        title = HeaderTitle(id="title", markup=False)
        title.show("reader")
        yield title
        yield Label("", id="progress")

    def show_article(self, article: Article) -> None:
        self.query_one(HeaderTitle).show(article_summary(article))

    def show_text(self, text: str) -> None:
        self.query_one(HeaderTitle).show(clean_line(text))
        self.query_one("#progress", Label).update("")
        self._progress = ""
        self._shown = None

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show_progress(*self._shown)

    def show_progress(self, percent: int, minutes_left: int) -> None:
        # Only when the text changes: an update re-lays out the line, and this runs on
        # every scroll.
        self._shown = (percent, minutes_left)
        narrow = 0 < self.size.width < NARROW
        text = progress_text(percent, minutes_left, narrow=narrow)
        if text != self._progress:
            self._progress = text
            self.query_one("#progress", Label).update(text)
