"""Pilot tests: `b` saves the article for later, the Reading list pane shows it with its
progress, opens it from the kept copy when the site is gone, marks it done and removes it."""

from __future__ import annotations

from pathlib import Path

from reader.core.storage.reading_list import ReadingList
from reader.core.storage.state import State
from reader.tui.messages import LoadStarted, SavedArticleChosen
from reader.tui.screens.reader_screen import ReaderScreen
from reader.tui.widgets.reading_list_pane import ReadingListPane
from tests.support.tui_helpers import (
    long_article,
    make_app,
    message_text,
    reader,
    running_site,
    settle,
    show,
)


def pane_text(screen: ReaderScreen) -> str:
    pane = screen.query_one(ReadingListPane)
    return "\n".join(str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count))


async def test_b_saves_and_the_reading_list_opens_it_offline_marks_done_and_removes(
    tmp_path: Path,
) -> None:
    posted: list[object] = []
    with running_site() as site:
        first = site.url("/first.html")
        app = make_app(first, state=State(tmp_path / "state.sqlite3"))
        async with app.run_test(size=(100, 30), message_hook=posted.append) as pilot:
            await settle(pilot, app)
            screen = reader(app)
            await pilot.press("b")
            await pilot.pause()
            assert "Saved for later as number 1: First Page" in message_text(screen)
            assert "offline" not in message_text(screen)  # its page was kept
            await pilot.press("b")
            await pilot.pause()
            assert "Already on the reading list as number 1" in message_text(screen)
            await pilot.press("pagedown")
            await pilot.pause()
            screen.open_source(site.url("/second.html"))
            await settle(pilot, app)
            site.server.shutdown()  # the network is gone: the saved copy still opens
            site.server.server_close()

            await pilot.press("B")
            await pilot.pause()
            assert screen.pane == "reading-list"
            assert screen.query_one(ReadingListPane).has_focus
            text = pane_text(screen)
            assert "1. First Page" in text and first in text
            assert "% read, saved today" in text

            await pilot.press("enter")
            await settle(pilot, app)
            assert SavedArticleChosen(first) in posted
            assert [m.source for m in posted if isinstance(m, LoadStarted)][-1] == first
            assert screen.article is not None and screen.article.title == "First Page"
            assert screen.article_view.current_block > 0  # where it was left

            await pilot.press("B")
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()
            assert "Marked done: First Page" in message_text(screen)
            assert "done, saved today" in pane_text(screen)
            await pilot.press("d")
            await pilot.pause()
            assert "Back on the list: First Page" in message_text(screen)
            await pilot.press("x")
            await pilot.pause()
            assert "Removed from the reading list: First Page" in message_text(screen)
            assert "Nothing saved yet" in pane_text(screen)
    with ReadingList() as saved:
        assert saved.articles(include_done=True) == []


async def test_b_on_an_article_without_a_web_address_says_it_cannot_be_saved(
    tmp_path: Path,
) -> None:
    article = long_article()
    article.url = ""
    app = make_app(article=article, state=State(tmp_path / "state.sqlite3"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, article)
        await pilot.press("b")
        await pilot.pause()
        assert "Only web pages can be saved to the reading list." in message_text(screen)
