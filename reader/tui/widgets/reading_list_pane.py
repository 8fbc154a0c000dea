"""The Reading list pane: articles saved for later (`b`), with how far each was read.

Enter opens one (from its copy kept in the page cache, so without a network too); `d` marks it
done or back to read; Delete or `x` takes it off the list. Done articles stay listed, last,
until removed. The list is `reader.core.storage.reading_list`'s, the same as `reader list`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.i18n import N_, _
from reader.core.storage.history import describe_time
from reader.core.storage.page_cache import PageCache
from reader.core.storage.reading_list import SavedArticle, remove_saved, with_progress
from reader.tui.app_access import ReaderNode
from reader.tui.messages import SavedArticleChosen, Say


class ReadingListPane(OptionList, ReaderNode):
    """The saved articles, to read first and done last."""

    BORDER_TITLE = N_("Reading list")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "toggle_done", N_("Mark done / not done"), id="reading-list.done"),
        Binding("delete,x", "remove", N_("Remove from the list"), id="reading-list.remove"),
        Binding("escape", "screen.close_pane", N_("Close pane"), id="pane.close"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)  # titles are page text, not markup
        self.border_title = _(self.BORDER_TITLE)
        self.shown: list[SavedArticle] = []

    def populate(self) -> None:
        """Read the list again (the pane opens, or an entry changed)."""
        app = self.reader_app
        saved, state = app.reading_list, app.state
        articles = [] if saved is None or state is None else saved.articles(include_done=True)
        if state is not None:
            articles = with_progress(articles, state)
        self.shown = sorted(articles, key=lambda article: article.done is not None)
        highlighted = self.highlighted
        self.clear_options()
        if not self.shown:
            empty = _("Nothing saved yet: b saves the article you are reading.")
            self.add_option(Option(empty, id="none", disabled=True))
            return
        self.add_options(
            Option(
                f"{article.number}. {article.title}\n    {article.shown_url}\n    "
                + _("{progress}, saved {when}").format(
                    progress=article.progress, when=describe_time(article.added)
                )
            )
            for article in self.shown
        )
        self.highlighted = min(highlighted or 0, len(self.shown) - 1)

    @property
    def selected(self) -> SavedArticle | None:
        index = self.highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if (article := self.selected) is not None:
            self.post_message(SavedArticleChosen(article.url))

    def action_toggle_done(self) -> None:
        article, saved = self.selected, self.reader_app.reading_list
        if article is None or saved is None:
            return
        done = article.done is None
        if not saved.set_done(article.number, done):
            self.post_message(Say(_("Could not change the reading list.")))
        elif done:
            self.post_message(Say(_("Marked done: {title}").format(title=article.title)))
        else:
            self.post_message(Say(_("Back on the list: {title}").format(title=article.title)))
        self.populate()

    def action_remove(self) -> None:
        article, saved = self.selected, self.reader_app.reading_list
        if article is None or saved is None:
            return
        with PageCache() as cache:
            removed = remove_saved(saved, cache, article)
        if removed:
            text = _("Removed from the reading list: {title}").format(title=article.title)
            self.post_message(Say(text))
        else:
            self.post_message(Say(_("Could not change the reading list.")))
        self.populate()
