"""The reader screen: the article column, the panes beside it, the prompt and the footer.

Pane visibility is a CSS class on the screen (`-show-contents`, ...), styled in reader.tcss;
at narrow widths an open pane takes the whole width. Loading runs in the `Loader`'s thread
worker; its result comes back as a message and is dropped if a newer request (or Esc)
superseded it.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar
from urllib.parse import urlsplit

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import LoadingIndicator, Static

from reader.core.document import Article
from reader.core.i18n import _, ngettext
from reader.core.pipeline import WELCOME_URL, Options
from reader.core.reading import LinkRef, Reading
from reader.core.safe_text import clean_line
from reader.core.sources.urls import link_refusal, without_password
from reader.core.storage.page_cache import PageCache
from reader.core.storage.reading_list import save_for_later
from reader.core.storage.settings import Settings
from reader.desktop.browser import open_in_browser
from reader.tui.app_access import ReaderNode
from reader.tui.clipboard import copy_and_describe
from reader.tui.keys import SCREEN_BINDINGS, keys_text
from reader.tui.messages import (
    ArticleLoaded,
    HeadingChosen,
    HistoryChosen,
    LinkChosen,
    LinkHighlighted,
    LoadCancelled,
    LoadFailed,
    LoadStarted,
    OpenInBrowser,
    PositionChanged,
    SavedArticleChosen,
    Say,
    TranslationShown,
)
from reader.tui.navigation import Navigation, Visit
from reader.tui.speech import ReadAloud, SentenceSpoken, SpeechEnded, SpeechFailed
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
from reader.tui.widgets.status import ErrorPanel, error_text
from reader.tui.widgets.translation_bar import TranslationBar

PANES = ("contents", "links", "settings", "help", "history", "reading-list", "messages")


class ReaderScreen(Screen[None], ReaderNode):
    """Everything the reader sees; its actions are the ones bound in `keys.SCREEN_BINDINGS`."""

    BINDINGS: ClassVar[list[BindingType]] = [*SCREEN_BINDINGS]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]  # noqa: RUF012 (Textual's own type)

    save_delay = 2.0
    """Seconds after the last move before the reading position is saved."""

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

    def show_terminal_cursor(self, visible: bool) -> None:
        """Show or hide the terminal cursor. Textual hides it; it always sits at the start of
        the current paragraph, and some screen magnifiers only follow a visible cursor."""
        driver = getattr(self.app, "_driver", None)
        if driver is not None and not self.app.is_headless:
            driver.write("\x1b[?25h" if visible else "\x1b[?25l")

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        self.article_view.focus_mode = new.focus_mode
        if new.language:
            self.clear_message("no-language")
        if new.show_cursor != old.show_cursor:
            self.call_after_refresh(self.show_terminal_cursor, new.show_cursor)

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

    # -- loading ----------------------------------------------------------------------------

    def open_source(self, source: str | None, options: Options | None = None) -> None:
        """Visit `source` (a new entry in back/forward history) and load it (with `options`,
        else the app's)."""
        self.remember_position()
        self.navigation.add(Visit(source))
        self._load(source, options)

    def _load(self, source: str | None, options: Options | None = None) -> None:
        self.request += 1
        self.fetching = True
        shown = without_password(source) if source else _("the welcome article")
        self.query_one(ArticleHeader).show_text(_("Loading {source}…").format(source=shown))
        self.say(_("Loading {source}… (Esc cancels)").format(source=shown), log=False)
        self.post_message(LoadStarted(source and without_password(source), self.request))
        self.query_one(Loader).load(source, self.request, options or self.reader_app.options)

    def watch_fetching(self, fetching: bool) -> None:
        self.query_one("#main").set_class(fetching, "-loading")
        # The indicator replaces the article while loading; the article keeps its size, so
        # the next one is laid out at the right width at once.

    @on(ArticleLoaded)
    def _loaded(self, event: ArticleLoaded) -> None:
        if event.request != self.request:
            return
        self.fetching = False
        visit = self.navigation.current
        if visit is None:
            return
        saved = self.reader_app.saved_position(event.article, event.source)
        if visit.article is not None:  # a reload: stay where the reader was
            saved = self.article_view.position if self.article is visit.article else visit.position
        fragment = urlsplit(event.source or "").fragment
        if visit.article is None and fragment:  # a link to a place in another page
            target = Reading(event.article).anchor_block(fragment)
            saved = (target, 0) if target is not None else saved
        visit.article = event.article
        self.show_visit(visit, saved)
        self.reader_app.record_visit(event.article, event.source)
        notices = "; ".join(event.article.notices)
        if notices:
            self.notify(clean_line(notices), title=_("Note"), markup=False)

    @on(LoadFailed)
    def _failed(self, event: LoadFailed) -> None:
        if event.request != self.request:
            return
        self.fetching = False
        self.query_one("#main").add_class("-error")
        self.query_one(ArticleHeader).show_text(_("Could not open the page"))
        text = error_text(event.source, event.error, self.keys_of("reload"), self.keys_of("back"))
        self.query_one("#error", ErrorPanel).update(text)
        self.say(f"reader: {event.error}")
        self.query_one("#error", ErrorPanel).focus()

    def show_article(self, article: Article, source: str | None = None) -> None:
        """Show an article built elsewhere (a test, a translation) as a new visit."""
        self.remember_position()
        self.request += 1
        self.fetching = False
        visit = self.navigation.add(Visit(source or article.url))
        visit.article = article
        self.show_visit(visit, None)

    def show_visit(self, visit: Visit, position: tuple[int, int] | None) -> None:
        """Put a loaded article on screen, at `position`."""
        article = visit.article
        if article is None:
            return
        self.aloud.stop()
        self.query_one("#main").remove_class("-error")
        self.typed_number = ""
        view = self.article_view
        view.set_article(article, position)
        self.query_one(ArticleHeader).show_article(article)
        self.query_one(ContentsPane).set_headings(view.reading.headings if view.reading else [])
        self.query_one(LinksPane).set_article(article)
        self.say(_address(article, visit.source))
        self.translation_bar.article_shown(article)
        if self.pane is None or self.app.size.width < 70:
            view.focus()
        elif self.pane == "links":
            self.query_one(LinksPane).focus()

    def action_cancel(self) -> None:
        """Esc: stop reading aloud or a fetch, else close the pane, else clear find or a typed
        link number."""
        if self.aloud.stop():
            return
        if self.fetching:
            self.request += 1
            self.query_one(Loader).cancel()
            self.fetching = False
            visit = self.navigation.current
            source = visit.source if visit else None
            if visit is not None and visit.article is None:  # it never arrived
                self.navigation.drop_current()
            # Once the article is back in place: its progress depends on its size.
            self.call_after_refresh(self._restore_header)
            self.say(_("Cancelled."))
            self.post_message(LoadCancelled(source))
        elif self.pane is not None:
            self.pane = None
        elif self.typed_number:
            self.typed_number = ""
            self.say("")
        elif self.article_view.find_text:
            self.article_view.clear_find()
            self.say(_("Find cleared."))

    def _restore_header(self) -> None:
        """The header describes what is on screen again (after a cancelled load)."""
        header = self.query_one(ArticleHeader)
        article = self.article
        if article is None:
            opens = self.keys_of("open")
            header.show_text(_("Nothing open: {keys} opens a page").format(keys=opens))
            return
        header.show_article(article)
        header.show_progress(*self.article_view.progress())

    def action_reload(self) -> None:
        visit = self.navigation.current
        if visit is None or self.fetching:
            return
        if visit.article is not None:
            visit.position = self.article_view.position
        self._load(visit.source)

    def action_back(self) -> None:
        self._go(-1)

    def action_forward(self) -> None:
        self._go(1)

    def _go(self, step: int) -> None:
        if self.fetching:
            self.action_cancel()
        self.remember_position()
        shown = self.navigation.current
        visit = self.navigation.step(step)
        if visit is None:
            self.say(_("No earlier page.") if step < 0 else _("No later page."))
            return
        if visit.article is not None and shown is not None and visit.article is shown.article:
            self.article_view.scroll_to_position(*visit.position)  # a place in the same article
            self.say(_address(visit.article, visit.source))
        elif visit.article is not None:
            self.show_visit(visit, visit.position)
        else:
            self._load(visit.source)

    def _save_position_now(self) -> None:
        self._save_timer = None
        self.remember_position()

    def remember_position(self) -> None:
        visit = self.navigation.current
        if visit is not None and visit.article is not None and visit.article is self.article:
            visit.position = self.article_view.position
            percent = self.article_view.progress()[0]
            self.reader_app.save_position(visit.article, visit.source, visit.position, percent)

    def action_toggle_full(self) -> None:
        app = self.reader_app
        app.options = dataclasses.replace(app.options, full=not app.options.full)
        state = (
            _("Full-page view on: the whole page")
            if app.options.full
            else _("Full-page view off: the article only")
        )
        self.notify(state, title=_("Full page"))
        self.action_reload()

    # -- links ------------------------------------------------------------------------------

    def _link(self, number: int) -> LinkRef | None:
        """Link `number` of the article shown (the reading model's numbering)."""
        reading = self.article_view.reading
        return reading.link(number) if reading else None

    def _no_such_link(self, number: int) -> str:
        reading = self.article_view.reading
        count = len(reading.links) if reading else 0
        links = ngettext("{count} link", "{count} links", count).format(count=count)
        return _("There is no link {number}; this article has {count}.").format(
            number=number, count=links
        )

    def _refusal(self, url: str) -> str | None:
        """None when `url` is followed from the article shown; else why not."""
        return link_refusal(url, self.article.url if self.article else None)

    def follow_link(self, number: int) -> None:
        """Follow link `number` if it exists and is a web page or local file."""
        link = self._link(number)
        if link is None:
            self.say(self._no_such_link(number))
            return
        url = link.url
        reading = self.article_view.reading
        if reading is not None and reading.is_same_page(url):
            self.jump_within(number, url, reading.fragment_block(url))
            return
        if (refusal := self._refusal(url)) is not None:
            self.notify(
                _("Link {number}: {reason}: {url}").format(
                    number=number, reason=refusal, url=clean_line(url)
                ),
                title=_("Not followed"),
                severity="warning",
                markup=False,
            )
            return
        self.say(_("Following link {number}: {text}.").format(number=number, text=url))
        self.open_source(url)

    def jump_within(self, number: int, url: str, block: int | None) -> None:
        """Follow a `#fragment` link to `block` of the article shown, without reloading: a
        new visit of the same article, so Back returns to where the reader was."""
        current = self.navigation.current
        if block is None or current is None or current.article is None:
            fragment = urlsplit(url).fragment
            said = _("Link {number} points to #{fragment}, which this article does not have.")
            self.say(said.format(number=number, fragment=fragment))
            return
        self.remember_position()
        current.position = self.article_view.position  # also while a translation is shown
        visit = self.navigation.add(Visit(url))
        visit.article, visit.position = current.article, (block, 0)
        self.article_view.scroll_to_block(block)
        self.say(_("Link {number}: {url}").format(number=number, url=url))

    @on(LinkChosen)
    def _link_chosen(self, event: LinkChosen) -> None:
        self.follow_link(event.number)

    @on(LinkHighlighted)
    def _link_highlighted(self, event: LinkHighlighted) -> None:
        if not self.query_one(LinksPane).has_focus:
            return
        refusal = self._refusal(event.url)
        if refusal is None:
            said = _("Link {number}: {url}").format(number=event.number, url=event.url)
        else:
            said = _("Link {number}: {url} ({reason})").format(
                number=event.number, url=event.url, reason=refusal
            )
        self.say(said, log=False)

    @on(OpenInBrowser)
    def _open_in_browser(self, event: OpenInBrowser) -> None:
        """Open a URL in the system browser; only on the user's explicit command. A terminal
        browser gets the whole terminal (the app is suspended until it quits)."""
        url = event.url
        shown = without_password(url)  # never a password on screen
        if self._refusal(url) is not None:
            self.say(
                _("Only web pages and files open in the browser: {address}").format(address=shown)
            )
            return
        try:
            result = open_in_browser(url, hand_over=self.app.suspend)
        except SuspendNotSupported:
            self.say(
                _(
                    "This terminal cannot be handed over to a terminal browser. "
                    "The address: {address}"
                ).format(address=shown)
            )
            return
        self.say(result.message.replace(clean_line(url), clean_line(shown)))

    def action_follow_prompt(self) -> None:
        self.prompt.ask("follow", self.typed_number)
        self.typed_number = ""

    def on_key(self, event: Key) -> None:
        """Digits then Enter follow a link by number, while the article has focus."""
        if not isinstance(self.focused, ArticleView | ErrorPanel) or self.article is None:
            return
        # A lone 0 is not a link number: it is the "normal text size" key.
        if (
            event.character
            and event.character.isdigit()
            and (event.character != "0" or self.typed_number)
        ):
            event.stop()
            self.typed_number = (self.typed_number + event.character).lstrip("0")[:6]
            number = int(self.typed_number or 0)
            link = self._link(number)
            if link is not None:
                refusal = self._refusal(link.url)
                if refusal is None:
                    said = _("Link {number}: {url} (Enter follows, Esc cancels)")
                else:
                    said = _("Link {number}: {url} ({reason}; Esc cancels)")
                self.say(said.format(number=number, url=link.url, reason=refusal), log=False)
            else:
                said = _("Link {number}: no such link").format(number=self.typed_number)
                self.say(said, log=False)
        elif event.key == "enter" and self.typed_number:
            event.stop()
            number = int(self.typed_number)
            self.typed_number = ""
            self.follow_link(number)

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

    @on(Prompt.Changed)
    def _prompt_changed(self, event: Prompt.Changed) -> None:
        """While a link number is typed into the prompt, show where it leads."""
        if self.prompt.kind != "follow" or not event.value.isdigit():
            return
        number = int(event.value)
        link = self._link(number)
        if link:
            self.say(_("Link {number}: {url}").format(number=number, url=link.url), log=False)
        else:
            self.say(self._no_such_link(number), log=False)

    @on(Prompt.Dismissed)
    def _dismissed(self) -> None:
        self.prompt.display = False
        self.article_view.focus()

    def find(self, query: str) -> None:
        count = self.article_view.find(query)
        if count:
            found = ngettext(
                "{count} match for {query!r}: {next} next, {previous} previous, Esc clears",
                "{count} matches for {query!r}: {next} next, {previous} previous, Esc clears",
                count,
            )
            self.say(
                found.format(
                    count=count,
                    query=query,
                    next=self.keys_of("find-next"),
                    previous=self.keys_of("find-previous"),
                )
            )
        else:
            self.say(_("No matches for {query!r}.").format(query=query))

    def action_find_next(self) -> None:
        self._step_match(1)

    def action_find_previous(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        view = self.article_view
        if not view.find_text:
            said = _("Nothing to find yet: press {keys} first.")
            self.say(said.format(keys=self.keys_of("find")))
        elif view.next_match(step):
            said = _("Match {number} of {count} for {query!r}")
            self.say(
                said.format(
                    number=view.match_index + 1, count=view.match_count, query=view.find_text
                )
            )
        else:
            self.say(_("No matches for {query!r}.").format(query=view.find_text))

    # -- moving and translation ------------------------------------------------------------

    @on(HeadingChosen)
    def _heading_chosen(self, event: HeadingChosen) -> None:
        self.article_view.scroll_to_block(event.block)
        if self.app.size.width < 70:
            self.pane = None

    @on(PositionChanged)
    def _position_changed(self, event: PositionChanged) -> None:
        if event.view is not self.article_view:
            return  # the translation column follows the article column, not the other way
        self.query_one(ArticleHeader).show_progress(event.percent, event.minutes_left)
        self.translation_bar.reading_at(event.position)
        if self.has_class("-side-by-side"):
            column = self.translation_column
            block = self.article_view.current_block
            if column.current_block != block:
                column.scroll_to_block(block)
        visit = self.navigation.current
        if visit is not None and visit.article is self.article:
            visit.position = event.position
            # Saved a moment after reading stops, so a killed terminal loses little.
            if self._save_timer is None:
                self._save_timer = self.set_timer(self.save_delay, self._save_position_now)
            else:
                self._save_timer.reset()

    @property
    def translation_column(self) -> ArticleView:
        return self.query_one("#translation-column", ArticleView)

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

    def action_copy_article_url(self) -> None:
        article = self.article
        url = article.url if article else None
        if url:
            self.say(copy_and_describe(self.app, "page URL", url))

    def action_save_for_later(self) -> None:
        """Put the article shown on the reading list, its page kept for reading offline."""
        article, visit = self.article, self.navigation.current
        url = article.url if article else None
        saved = self.reader_app.reading_list
        if article is None or not url or not url.startswith(("http://", "https://")):
            self.say(_("Only web pages can be saved to the reading list."))
            return
        if saved is None:
            self.say(_("Nothing is remembered in this session: the reading list is off."))
            return
        with PageCache() as cache:
            asked = visit.source if visit is not None else None
            result = save_for_later(saved, cache, url, article.title, asked_url=asked)
            problems = cache.warnings + saved.warnings
        if result.article is None:
            self.say(_("Could not save it: {reason}").format(reason="; ".join(problems)))
            return
        entry = result.article
        if result.new:
            text = _("Saved for later as number {number}: {title}")
        else:
            text = _("Already on the reading list as number {number}: {title}")
        text = text.format(number=entry.number, title=entry.title)
        if not result.offline:
            text += " " + _("(no copy kept for offline reading: reload it once online)")
        self.say(text)
        if self.pane == "reading-list":
            self.query_one(ReadingListPane).populate()

    @on(HistoryChosen)
    def _history_chosen(self, event: HistoryChosen) -> None:
        """Reopen a visited article; its saved position is restored when it loads."""
        self.pane = None
        self.open_source(event.url)

    @on(SavedArticleChosen)
    def _saved_article_chosen(self, event: SavedArticleChosen) -> None:
        """Open a saved article from its kept copy (so offline too), else from the web."""
        self.pane = None
        with PageCache() as cache:
            kept = cache.is_pinned(event.url)
        options = self.reader_app.options
        self.open_source(event.url, dataclasses.replace(options, offline=True) if kept else None)

    # -- panes ------------------------------------------------------------------------------

    def action_toggle_pane(self, name: str) -> None:
        """Open pane `name` and focus it; if it is open and focused, close it."""
        pane = self.query_one(f"#{name}")
        if self.pane == name and pane.has_focus_within:
            self.pane = None
            return
        self.pane = name
        if name == "contents" and self.article is not None:
            self.query_one(ContentsPane).highlight_block(self.article_view.current_block)
        if name == "help":
            self.query_one(HelpPane).refresh_keys()
        if name == "settings":
            self.query_one(SettingsPane).populate()
        if name == "history":
            self.query_one(HistoryPane).load()
        if name == "reading-list":
            self.query_one(ReadingListPane).populate()
        if name == "messages":
            self.query_one(MessageLogPane).refresh_log()
        self.call_after_refresh(pane.focus)

    def action_close_pane(self) -> None:
        self.pane = None

    def watch_pane(self, old: str | None, new: str | None) -> None:
        if old == new:
            return
        # One restyle of the screen for the whole change, not one per class.
        for name in PANES:
            self.set_class(name == new, f"-show-{name}", update=False)
        self.update_node_styles(animate=False)
        if new is None:
            self.article_view.focus()

    # -- read aloud (reader.tui.speech) -------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The read-aloud moves act only while speaking, and never on a key typed into the
        prompt; otherwise their keys page and move as usual."""
        if action == "speech":
            return self.aloud.active and not self.prompt.has_focus_within
        return True

    def action_read_aloud(self) -> None:
        """Read aloud from the current paragraph; while reading, pause or resume."""
        if self.aloud.active:
            self.aloud.toggle_pause()
        else:
            self.aloud.start()

    def action_speech(self, command: str) -> None:
        if command == "pause":
            self.aloud.toggle_pause()
        else:
            self.aloud.move(command)

    def action_speech_rate(self, step: int) -> None:
        self.aloud.change_rate(step)

    def on_sentence_spoken(self, event: SentenceSpoken) -> None:
        self.aloud.sentence_spoken(event)

    def on_speech_ended(self, event: SpeechEnded) -> None:
        self.aloud.speech_ended(event)

    def on_speech_failed(self, event: SpeechFailed) -> None:
        self.aloud.speech_failed(event)

    def action_quit(self) -> None:
        self.aloud.stop()
        self.remember_position()
        self.app.exit()


def _address(article: Article, source: str | None) -> str:
    """The address to show for a visit: the article's URL, with the `#fragment` the reader
    followed to get there; nothing for the welcome article."""
    address = article.url or source or ""
    fragment = urlsplit(source or "").fragment
    if fragment and "#" not in address:
        address = f"{address}#{fragment}"
    return "" if address == WELCOME_URL else clean_line(address)
