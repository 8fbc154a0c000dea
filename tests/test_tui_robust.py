"""The full-screen reader against hostile pages and state (issue 15, the app's side).

Pages come from a real server on 127.0.0.1 and state from real files; Pilot drives the app.
A link reader will not follow never says "Enter follows"; a password in an address never
reaches the screen or a message; a damaged history row and an oversized key map give a
warning, not a crash; Esc and `q` do not wait for an extraction; the Links pane of a page
with very many links draws only what is on screen.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

from textual.events import Key

from reader.core.pipeline import Options
from reader.core.storage.settings import Settings, load_settings
from reader.core.storage.state import State
from reader.tui import create_app
from reader.tui.app import ReaderApp
from reader.tui.widgets.links import LinksPane
from reader.tui.widgets.loader import Loader
from tests.support.hostile_pages import a_million_links, many_line_breaks
from tests.support.httpserver import Handler, LocalServer, http_server
from tests.support.tui_helpers import PAGE, long_article, make_app, reader, settle, show

__all__ = ["http_server"]  # the fixture, used by name

PROSE = "<p>" + "Some steady reading text that goes on for a while. " * 8 + "</p>"


def screen_text(app: ReaderApp) -> str:
    """Every character Textual has drawn on the screen, toasts included."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def message_text(app: ReaderApp) -> str:
    return str(reader(app).query_one("#message").render())


async def test_typing_a_file_link_number_in_a_web_page_says_it_will_not_be_followed(
    http_server: LocalServer, tmp_path: Path
) -> None:
    local = (tmp_path / "notes.html").as_uri()
    body = f"<p>See <a href='{local}'>my notes</a> and <a href='/next'>the next page</a>.</p>"
    url = http_server.page("/web", PAGE.format(title="Web Page", body=body + PROSE).encode())
    app = make_app(url)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("1")
        prompt = message_text(app)
        assert local in prompt and "a file: link from a web page is not followed" in prompt
        assert "Enter follows" not in prompt
        await pilot.press("escape", "2")
        assert "(Enter follows, Esc cancels)" in message_text(app)
        await pilot.press("escape", "l")  # the Links pane gives the same reason
        await pilot.pause()
        assert "a file: link from a web page is not followed" in message_text(app)


async def test_a_password_in_the_address_never_reaches_the_screen_or_a_message(
    http_server: LocalServer,
) -> None:
    release = threading.Event()

    def slow_page(handler: Handler) -> None:
        release.wait(10)
        handler.send_page(PAGE.format(title="Private Page", body=PROSE * 3).encode())

    url = http_server.route("/private", slow_page)
    secret_url = url.replace("http://", "http://reader:s3cretpw@")
    seen: list[object] = []
    app = make_app(secret_url)
    async with app.run_test(size=(120, 30), message_hook=seen.append) as pilot:
        for _ in range(200):
            await pilot.pause(0.01)
            if "Loading" in screen_text(app):
                break
        loading = screen_text(app)
        assert "Loading http://reader@127.0.0.1" in loading
        release.set()
        await settle(pilot, app)
        loaded = screen_text(app)
        assert "Private Page" in loaded
        for text in (loading, loaded):
            assert "s3cretpw" not in text
        assert [repr(m)[:120] for m in seen if "s3cretpw" in repr(m)] == []
        assert http_server.requests  # the page was fetched, with its credentials


async def test_esc_then_q_quits_while_a_pathological_page_is_still_being_distilled(
    http_server: LocalServer,
) -> None:
    body = many_line_breaks(2_000_000)  # 10 MB that take seconds to distil
    sent = threading.Event()

    def page_then_note(handler: Handler) -> None:
        handler.send_page(body)
        handler.wfile.flush()
        sent.set()

    url = http_server.route("/breaks", page_then_note)
    app = create_app(url, Options(extract_budget=600), Settings(), save=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(1000):  # until the page is fetched and extraction runs
            await pilot.pause(0.01)
            if sent.is_set():
                break
        await pilot.pause(0.2)
        loader = reader(app).query_one(Loader)
        # Keys are posted as Pilot.press does, without its wait for an idle process (the
        # extraction keeps the process busy).
        app.post_message(Key("escape", None))
        for _ in range(500):
            await asyncio.sleep(0.01)
            if "Cancelled." in message_text(app):
                break
        app.post_message(Key("q", "q"))
        for _ in range(500):
            await asyncio.sleep(0.01)
            if not app.is_running:
                break
        assert not app.is_running  # `q` has closed the app...
        assert loader.thread is not None
        assert loader.thread.is_alive()  # ...before the abandoned load finished
    loader.thread.join()


async def test_a_damaged_history_row_is_skipped_with_one_warning_and_the_app_starts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.sqlite3"
    with State(path) as state:
        state.add_history("https://one.example/", "One")
        state.add_history("https://two.example/", "Two")
    with sqlite3.connect(path) as db:
        db.execute("insert into history values('x','t','notanumber')")
    db.close()
    article = long_article()
    app = make_app(article=article, state=State(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, app, article)
        assert app.history_urls()[-2:] == ["https://two.example/", "https://one.example/"]
        await pilot.press("ctrl+o")  # the open prompt reads the history again
        await pilot.pause()
        warnings = [n.message for n in app._notifications if "damaged history" in n.message]
        assert len(warnings) == 1
        assert "Long Read" in screen_text(app)


async def test_a_key_map_of_ten_thousand_keys_is_cut_to_the_first_200_with_a_warning(
    tmp_path: Path,
) -> None:
    lines = ["[keymap]", 'quit = "ctrl+q"']
    lines += [f'unused-{n} = "f12"' for n in range(9_998)]
    lines += ['find = "ctrl+g"']  # entry 10,000: not applied
    path = tmp_path / "settings.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings, warnings = load_settings(path)
    article = long_article()
    app = create_app(None, None, settings, save=False, warnings=warnings, article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, app, article)
        notes = [n.message for n in app._notifications]
        assert [n for n in notes if "10000 entries" in n] == [
            "[keymap] has 10000 entries; only the first 200 are used"
        ]
        assert len(app.keymap) == 200 and "find" not in app.keymap
        await pilot.press("ctrl+g")  # not find: that entry was past the first 200
        assert not reader(app).prompt.display
        await pilot.press("ctrl+q")  # the first entry applies
        await pilot.pause()
        assert not app.is_running


async def test_the_links_pane_of_a_page_with_thousands_of_links_holds_only_a_window(
    http_server: LocalServer,
) -> None:
    url = http_server.page("/links", a_million_links(5_000))
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        assert screen.article is not None and len(screen.article.links) == 5_000
        widgets = len(list(app.screen.walk_children()))
        await pilot.press("l")
        await pilot.pause()
        pane = screen.query_one(LinksPane)
        assert pane.has_focus and pane.option_count <= LinksPane.WINDOW
        assert len(list(app.screen.walk_children())) <= widgets + 5  # not a widget per link
        assert "Link 1: " in message_text(app)
        await pilot.press("end")
        assert "Link 5000: " in message_text(app)
        assert pane.option_count <= LinksPane.WINDOW
        await pilot.press("down")  # past the last link: back to the first, as before
        assert "Link 1: " in message_text(app)
        await pilot.press(*["pagedown"] * 20, "down", "up")  # paging past the window moves it
        shown = int(message_text(app).split(":")[0].removeprefix("Link "))
        assert shown > LinksPane.WINDOW and pane.option_count <= LinksPane.WINDOW
        assert pane.selected_link == (shown, screen.article.links[shown - 1])
        await pilot.press("home")
        assert "Link 1: " in message_text(app)
