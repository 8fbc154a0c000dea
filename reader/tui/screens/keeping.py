"""Keeping articles: the reading list (save for later, reopen), history and the page URL."""

from __future__ import annotations

import dataclasses

from textual import on

from reader.core.i18n import _
from reader.core.storage.page_cache import PageCache
from reader.core.storage.reading_list import save_for_later
from reader.tui.clipboard import copy_and_describe
from reader.tui.messages import HistoryChosen, SavedArticleChosen
from reader.tui.screens.visiting import Visiting
from reader.tui.widgets.reading_list_pane import ReadingListPane


class Keeping(Visiting):
    """The reader screen's saving and reopening of articles."""

    def action_copy_article_url(self) -> None:
        article = self.article
        url = article.url if article else None
        if url:
            self.say(copy_and_describe(self.app, url))

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
