"""Loading, reloading, back and forward, and remembering where the reader was.

Loading runs in the `Loader`'s thread worker; its result comes back as a message and is
dropped if a newer request (or Esc) superseded it.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from textual import on

from reader.core.document import Article
from reader.core.i18n import _
from reader.core.pipeline import WELCOME_URL, Options
from reader.core.reading import Reading
from reader.core.safe_text import clean_line
from reader.core.sources.urls import without_password
from reader.tui.messages import (
    ArticleLoaded,
    LoadCancelled,
    LoadFailed,
    LoadStarted,
    PositionChanged,
)
from reader.tui.navigation import Visit
from reader.tui.screens.screen_base import ScreenBase
from reader.tui.widgets.contents import ContentsPane
from reader.tui.widgets.header import ArticleHeader
from reader.tui.widgets.links import LinksPane
from reader.tui.widgets.loader import Loader
from reader.tui.widgets.status import ErrorPanel, error_text


class Visiting(ScreenBase):
    """The reader screen's visits: open, load, show, cancel, go back and forward, save places."""

    save_delay = 2.0
    """Seconds after the last move before the reading position is saved."""

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


def _address(article: Article, source: str | None) -> str:
    """The address to show for a visit: the article's URL, with the `#fragment` the reader
    followed to get there; nothing for the welcome article."""
    address = article.url or source or ""
    fragment = urlsplit(source or "").fragment
    if fragment and "#" not in address:
        address = f"{address}#{fragment}"
    return "" if address == WELCOME_URL else clean_line(address)
