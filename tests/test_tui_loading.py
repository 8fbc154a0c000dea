"""Pilot tests against a real HTTP server on 127.0.0.1 and real files: loading, errors, retry,
cancel, following links, back and forward, the open prompt, reload, full page, persistence."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import ReaderError
from reader.core.pipeline import Options, load_article
from reader.core.storage.state import State
from reader.tui.messages import ArticleLoaded, LoadCancelled, LoadFailed, LoadStarted
from reader.tui.screens.reader_screen import ReaderScreen
from tests.support.tui_helpers import make_app, reader, running_site, settle, write_site


def title_of(app) -> str:
    return str(app.screen.query_one("#title").render())


async def test_following_a_link_by_number_then_back_and_forward() -> None:
    seen: list[object] = []
    with running_site() as site:
        app = make_app(site.url("/first.html"))
        async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
            await settle(pilot, app)
            screen = reader(app)
            assert "First Page" in title_of(app)
            started = {id(m): m.source for m in seen if isinstance(m, LoadStarted)}
            assert list(started.values()) == [site.url("/first.html")]
            await pilot.press("j", "j")
            await pilot.press("1")
            assert "second.html" in str(screen.query_one("#message").render())
            await pilot.press("enter")
            await settle(pilot, app)
            assert "Second Page" in title_of(app)
            hits = len(site.hits)
            await pilot.press("alt+left")
            await pilot.pause()
            assert "First Page" in title_of(app)
            assert screen.article_view.top_line == 2  # where the reader was
            await pilot.press("alt+right")
            await pilot.pause()
            assert "Second Page" in title_of(app)
            await pilot.press("H")
            await pilot.pause()
            assert "First Page" in title_of(app)
            await pilot.press("L")
            await pilot.pause()
            assert "Second Page" in title_of(app)
            await pilot.press("backspace")
            await pilot.pause()
            assert "First Page" in title_of(app)
            assert len(site.hits) == hits  # back and forward reuse the articles already read
            loaded = [m for m in seen if isinstance(m, ArticleLoaded)]
            assert len({id(m) for m in loaded}) >= 2


async def test_a_failed_fetch_shows_the_cli_message_and_retry_fetches_again() -> None:
    with running_site() as site:
        missing = site.url("/missing.html")
        try:
            load_article(missing, Options())
        except ReaderError as error:
            expected = str(error)
        seen: list[object] = []
        app = make_app(missing)
        async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
            await settle(pilot, app)
            screen = reader(app)
            failures = [m for m in seen if isinstance(m, LoadFailed)]
            assert failures and str(failures[0].error) == expected
            assert screen.query_one("#main").has_class("-error")
            panel = str(screen.query_one("#error").render())
            assert expected in panel and "retry" in panel
            hits = len(site.hits)
            await pilot.press("r")
            await settle(pilot, app)
            assert len(site.hits) == hits + 1 and app.is_running
            site.pages["/missing.html"] = site.pages["/second.html"]
            await pilot.press("r")
            await settle(pilot, app)
            assert not screen.query_one("#main").has_class("-error") and "Second Page" in title_of(
                app
            )


async def test_escape_cancels_a_slow_fetch_and_its_late_result_is_dropped() -> None:
    seen: list[object] = []
    with running_site() as site:
        app = make_app(site.url("/first.html"))
        async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
            await settle(pilot, app)
            screen = reader(app)
            await pilot.press("colon", *site.url("/slow.html"), "enter")
            await pilot.pause(0.1)
            assert screen.fetching and screen.query_one("#main").has_class("-loading")
            assert screen.query_one("#loading").display
            assert "Esc" in str(screen.query_one("#message").render())
            await pilot.press("escape")
            assert not screen.fetching and not screen.query_one("#loading").display
            assert any(isinstance(m, LoadCancelled) for m in seen)
            site.release.set()
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            assert "First Page" in title_of(app)
            assert not any(isinstance(m, ArticleLoaded) and "Slow" in m.article.title for m in seen)


async def test_open_prompt_has_history_and_reload_and_full_page_refetch() -> None:
    with running_site() as site:
        app = make_app(site.url("/first.html"))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            screen = reader(app)
            await pilot.press("ctrl+o", *site.url("/second.html"), "enter")
            await settle(pilot, app)
            assert "Second Page" in title_of(app)
            await pilot.press("colon", "up")
            assert screen.prompt.value == site.url("/second.html")
            await pilot.press("escape")
            assert not screen.prompt.display and screen.article_view.has_focus
            hits = len(site.hits)
            await pilot.press("r")
            await settle(pilot, app)
            assert len(site.hits) == hits + 1 and "Second Page" in title_of(app)
            await pilot.press("F")
            await settle(pilot, app)
            assert app.options.full and len(site.hits) == hits + 2


async def test_follow_prompt_and_links_between_local_files(tmp_path: Path) -> None:
    files = write_site(tmp_path)
    app = make_app(str(files["/first.html"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert "First Page" in title_of(app)
        await pilot.press("f", "1")
        assert "second.html" in str(reader(app).query_one("#message").render())
        await pilot.press("enter")
        await settle(pilot, app)
        assert "Second Page" in title_of(app)
        assert reader(app).article.url.startswith("file://")


async def test_reading_position_and_history_persist_between_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ReaderScreen, "save_delay", 0.05)
    files = write_site(tmp_path)
    source = str(files["/first.html"])
    state = State(tmp_path / "state.sqlite3")
    app = make_app(source, state=state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause(0.3)  # saved soon after reading stops, without quitting
        saved = state.position(f"file://{files['/first.html']}")
        assert saved is not None and saved.block == reader(app).article_view.position[0]
        await pilot.press("j")
        position = reader(app).article_view.position
        assert position[0] > 0
        await pilot.press("q")
    assert not app.is_running
    state = State(tmp_path / "state.sqlite3")
    assert [entry.title for entry in state.history()] == ["First Page"]
    again = make_app(source, state=state)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot, again)
        view = reader(again).article_view
        assert view.position[0] == position[0]
        assert abs(view.position[1] - position[1]) < 100
