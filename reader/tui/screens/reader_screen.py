"""The reader screen: the article column, the panes beside it, the prompt and the footer.

Its parts live beside it, each a layer of the screen: `screen_base` (state, message line),
`visiting` (loading, back and forward, positions), `link_following`, `finding`, `keeping`
(reading list, history), `panes` and `reading_aloud`. This module composes them and routes
the prompt and the translation.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import LoadingIndicator, Static

from reader.core.i18n import _
from reader.core.safe_text import clean_line
from reader.core.storage.settings import Settings
from reader.tui.keys import SCREEN_BINDINGS
from reader.tui.messages import HeadingChosen, TranslationShown
from reader.tui.screens.finding import Finding
from reader.tui.screens.keeping import Keeping
from reader.tui.screens.link_following import LinkFollowing
from reader.tui.screens.panes import PaneToggling
from reader.tui.screens.reading_aloud import ReadingAloud
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.contents import ContentsPane
from reader.tui.widgets.header import ArticleHeader
from reader.tui.widgets.help_pane import HelpPane
from reader.tui.widgets.history_pane import HistoryPane
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.links import LinksPane
from reader.tui.widgets.loader import Loader
from reader.tui.widgets.message_log import MessageLogPane
from reader.tui.widgets.prompt import Prompt
from reader.tui.widgets.reading_list_pane import ReadingListPane
from reader.tui.widgets.settings_pane import SettingsPane
from reader.tui.widgets.status import ErrorPanel
from reader.tui.widgets.translation_bar import TranslationBar


class ReaderScreen(LinkFollowing, Keeping, Finding, PaneToggling, ReadingAloud):
    """Everything the reader sees; its actions are the ones bound in `keys.SCREEN_BINDINGS`."""

    BINDINGS: ClassVar[list[BindingType]] = [*SCREEN_BINDINGS]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]  # noqa: RUF012 (Textual's own type)

    # -- composition ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        with Horizontal(id="body"):
            yield ContentsPane(id="contents", markup=False)
            with Vertical(id="main"):
                yield ArticleView(self.reader_app.settings.layout, id="article")
                yield ErrorPanel(id="error")
                yield LoadingIndicator(id="loading")
            column = ArticleView(self.reader_app.settings.layout, id="translation-column")
            column.can_focus = False
            yield column
            yield LinksPane(id="links")
            yield SettingsPane(id="settings")
            yield HelpPane(id="help")
            yield HistoryPane(id="history")
            yield ReadingListPane(id="reading-list")
            yield MessageLogPane(id="messages")
        yield Prompt(id="prompt")
        yield TranslationBar(id="translation-bar")
        # The message line quotes URLs and link text: never read them as Textual markup.
        yield Static("", id="message", markup=False)
        yield KeyFooter()
        yield Loader()

    def on_mount(self) -> None:
        self.prompt.display = False
        settings = self.reader_app.settings
        self.article_view.focus_mode = settings.focus_mode
        self.article_view.focus()
        history = self.reader_app.history_urls()
        self.prompt.histories["open"] = list(reversed(history))
        if self.first_article is not None:
            self.show_article(self.first_article, self.first_source)
        else:
            self.open_source(self.first_source)
        if settings.show_cursor:
            self.call_after_refresh(self.show_terminal_cursor, True)
        self.watch(self.app, "settings", self._settings_changed, init=False)

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        self.article_view.focus_mode = new.focus_mode
        if new.language:
            self.clear_message("no-language")
        if new.show_cursor != old.show_cursor:
            self.call_after_refresh(self.show_terminal_cursor, new.show_cursor)

    # -- prompt -----------------------------------------------------------------------------

    def action_open_prompt(self) -> None:
        self.prompt.ask("open")

    def action_find_prompt(self) -> None:
        self.prompt.ask("find", self.article_view.find_text)

    @on(Prompt.Answered)
    def _answered(self, event: Prompt.Answered) -> None:
        self.prompt.display = False
        self.article_view.focus()
        if not event.value:
            return
        if event.kind == "open":
            self.open_source(event.value)
        elif event.kind == "find":
            self.find(event.value)
        elif event.kind == "follow":
            self.follow_link(int(event.value))

    @on(Prompt.Dismissed)
    def _dismissed(self) -> None:
        self.prompt.display = False
        self.article_view.focus()

    # -- moving and translation ------------------------------------------------------------

    @on(HeadingChosen)
    def _heading_chosen(self, event: HeadingChosen) -> None:
        self.article_view.scroll_to_block(event.block)
        if self.app.size.width < 70:
            self.pane = None

    @on(TranslationShown)
    def _translation_shown(self, event: TranslationShown) -> None:
        """Put what the translation bar chose on screen."""
        view = self.article_view
        self.set_class(event.column is not None, "-side-by-side")
        if event.main is not view.article:
            self.aloud.stop()  # the voice read the article that was shown; `a` reads this one
            view.set_article(event.main, event.position)
            self.query_one(ArticleHeader).show_article(event.main)
        view.border_title = _("Original") if event.column is not None else None
        if event.column is not None:
            column = self.translation_column
            language = event.column.language
            title = _("Translation ({language})").format(language=language) if language else None
            column.border_title = clean_line(title or _("Translation"))
            column.set_article(event.column, (view.current_block, 0))
        if event.finished:
            headings = view.reading.headings if view.reading else []
            self.query_one(ContentsPane).set_headings(headings)
            self.query_one(LinksPane).set_article(event.main)

    def action_toggle_translation(self) -> None:
        self.translation_bar.toggle()

    def action_cycle_translation_view(self) -> None:
        self.translation_bar.cycle_view()

    def action_toggle_focus_mode(self) -> None:
        focus_mode = not self.reader_app.settings.focus_mode
        self.reader_app.change_setting("focus_mode", focus_mode)
        self.say(_("Focus mode on.") if focus_mode else _("Focus mode off."))

    def action_quit(self) -> None:
        self.aloud.stop()
        self.remember_position()
        self.app.exit()
