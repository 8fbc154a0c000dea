"""Pilot tests: the History pane lists visits newest first with time and progress, filters as
the user types, reopens an article where it was left, and deletes an entry."""

from __future__ import annotations

from pathlib import Path

from reader.core.storage.state import State
from reader.tui.messages import HistoryChosen, LoadStarted
from reader.tui.widgets.history_pane import HistoryPane
from tests.support.tui_helpers import make_app, message_text, reader, running_site, settle


def pane_text(screen: object) -> str:
    pane = reader_pane(screen)
    options = pane.list
    lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    return str(pane.query_one("#history-filter").render()) + "\n" + "\n".join(lines)


def reader_pane(screen: object) -> HistoryPane:
    from reader.tui.screens.reader_screen import ReaderScreen

    assert isinstance(screen, ReaderScreen)
    return screen.query_one(HistoryPane)


async def test_history_lists_visits_newest_first_filters_reopens_and_deletes(
    tmp_path: Path,
) -> None:
    posted: list[object] = []
    with running_site() as site:
        first, second = site.url("/first.html"), site.url("/second.html")
        state = State(tmp_path / "state.sqlite3")
        app = make_app(first, state=state)
        async with app.run_test(size=(100, 30), message_hook=posted.append) as pilot:
            await settle(pilot, app)
            screen = reader(app)
            await pilot.press("end")  # read the first page to its end
            await pilot.pause()
            screen.open_source(second)
            await settle(pilot, app)

            await pilot.press("h")
            await pilot.pause()
            assert screen.pane == "history" and screen.query_one("#history-list").has_focus
            text = pane_text(screen)
            assert text.index("Second Page") < text.index("First Page")  # newest first
            assert "today " in text and "read to the end" in text
            assert "Type to filter" in text

            await pilot.press("f", "i", "r", "s")  # letters filter instead of acting as keys
            await pilot.pause()
            assert screen.pane == "history"
            text = pane_text(screen)
            assert "Filter: firs" in text and "First Page" in text and "Second Page" not in text
            await pilot.press("backspace", "backspace", "backspace", "backspace")
            await pilot.pause()
            assert "Second Page" in pane_text(screen)

            await pilot.press("down", "enter")  # the first page, read to the end
            await settle(pilot, app)
            assert HistoryChosen(first) in posted
            assert any(isinstance(m, LoadStarted) and m.source == first for m in posted)
            assert screen.pane is None and screen.article is not None
            assert screen.article.title == "First Page"
            assert screen.article_view.current_block > 0  # reopened where it was left

            await pilot.press("h")
            await pilot.pause()
            await pilot.press("down", "delete")  # the second page goes
            await pilot.pause()
            assert "Removed from history: Second Page" in message_text(screen)
            assert "Second Page" not in pane_text(screen)
            await pilot.press("escape")
            await pilot.pause()
            assert screen.pane is None
        remaining = [entry.url for entry in State(tmp_path / "state.sqlite3").history()]
        assert second not in remaining and first in remaining


async def test_history_pane_with_a_filter_that_matches_nothing_says_so(tmp_path: Path) -> None:
    state = State(tmp_path / "state.sqlite3")
    state.add_history("https://example.org/a", "Gardening notes")
    app = make_app(state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        await pilot.press("h")
        await pilot.pause()
        assert "Gardening notes" in pane_text(screen)
        await pilot.press("z", "z")
        await pilot.pause()
        assert "Nothing matches." in pane_text(screen)
        await pilot.press("escape")  # the first Esc clears the filter
        await pilot.pause()
        assert screen.pane == "history" and "Gardening notes" in pane_text(screen)
