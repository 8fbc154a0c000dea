"""The screen's shared ground: its state, the views it reaches and the message line."""

from __future__ import annotations

from textual import on
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from reader.core.document import Article
from reader.core.safe_text import clean_line
from reader.tui.app_access import ReaderNode
from reader.tui.keys import keys_text
from reader.tui.messages import Say
from reader.tui.navigation import Navigation
from reader.tui.speech import ReadAloud
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.message_log import MessageLogPane
from reader.tui.widgets.prompt import Prompt
from reader.tui.widgets.translation_bar import TranslationBar


class ScreenBase(Screen[None], ReaderNode):
    """What every part of the reader screen uses: the visits, the views and the message line."""

    pane: var[str | None] = var(None)
    """The open pane, or None."""
    fetching: var[bool] = var(False)

    def __init__(self, source: str | None, article: Article | None = None) -> None:
        super().__init__()
        self.first_source = source
        self.first_article = article
        self.navigation = Navigation()
        self.request = 0
        self.typed_number = ""
        self._save_timer: Timer | None = None
        self.message_cause: str | None = None
        self.aloud = ReadAloud(self)

    def show_terminal_cursor(self, visible: bool) -> None:
        """Show or hide the terminal cursor. Textual hides it; it always sits at the start of
        the current paragraph, and some screen magnifiers only follow a visible cursor."""
        driver = getattr(self.app, "_driver", None)
        if driver is not None and not self.app.is_headless:
            driver.write("\x1b[?25h" if visible else "\x1b[?25l")

    @property
    def article_view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def prompt(self) -> Prompt:
        return self.query_one("#prompt", Prompt)

    @property
    def article(self) -> Article | None:
        return self.article_view.article

    @property
    def translation_bar(self) -> TranslationBar:
        return self.query_one("#translation-bar", TranslationBar)

    @on(Say)
    def _said(self, event: Say) -> None:
        self.say(event.text, cause=event.cause, log=event.log)

    def say(self, text: str, *, cause: str | None = None, log: bool = True) -> None:
        """Show a message above the footer (sanitised: it may quote a page), wrapped if long,
        and keep it in the message log unless `log` is False (a passing hint). `cause`
        names what it is about, for `clear_message`."""
        line = clean_line(text)
        self.message_cause = cause
        self.query_one("#message", Static).update(line)
        if log:
            self.reader_app.log_message(line)

    def clear_message(self, cause: str) -> None:
        """Clear the message line if it still shows a message about `cause` (now resolved)."""
        if self.message_cause == cause:
            self.say("")

    def message_logged(self) -> None:
        """A message went into the log: show it if the Messages pane is open."""
        if self.pane == "messages":
            self.query_one(MessageLogPane).refresh_log()

    def keys_of(self, binding_id: str) -> str:
        return keys_text(binding_id, self.reader_app.keymap)

    @property
    def translation_column(self) -> ArticleView:
        return self.query_one("#translation-column", ArticleView)
