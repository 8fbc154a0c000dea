"""The TUI on hostile pages (issue 6): nothing a page or server sends reaches the terminal.

Pilot tests load the page through the app's own pipeline (as a user would) and check what
Textual draws: every laid-out line of the article, the header, the Contents and Links panes,
the message line and notifications (the screenshot's text). Page text that looks like Textual
markup (`[@click=...]` actions, `[link=...]` hyperlinks) must show as the text it is. The tmux
test runs the INSTALLED `reader` in a real terminal, records the raw byte stream it writes
(`pipe-pane`), and checks no OSC 52 clipboard write, OSC 8 hyperlink or title change from the
page is in it, the pane title is untouched and no clipboard buffer was created.
"""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from reader.tui.app import ReaderApp
from reader.tui.messages import LoadFailed
from tests.support.hostile_terminal import (
    FIELDS,
    MARKUP,
    MARKUP_HREF,
    hostile_page,
    leaked_payload,
    markup_page,
    missing_fields,
    osc_numbers,
    osc_payloads,
    string_sequences,
    unsafe_in_bytes,
    unsafe_in_text,
)
from tests.support.httpserver import Handler, LocalServer, http_server
from tests.support.terminal import TMUX, Terminal, environment, installed_reader
from tests.support.tui_helpers import make_app, reader, settle

__all__ = ["http_server"]  # the fixture, used by name


def screen_text(app: ReaderApp) -> str:
    """The characters on the screen, from Textual's own screenshot (SVG) of it."""
    svg = app.export_screenshot()
    rows = re.findall(r"<text [^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(rows)).replace("\xa0", " ")


def article_text(app: ReaderApp) -> str:
    """Every line the article view lays out, top to bottom."""
    view = reader(app).article_view
    view.layout_all()
    lines = []
    for index in range(view.line_count):
        line = view.line(index)
        assert line is not None
        lines.append("".join(text for text, _keys in line.spans))
    return "\n".join(lines)


def rendered(app: ReaderApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def check_clean(text: str) -> None:
    assert unsafe_in_text(text) == []
    assert leaked_payload(text) == []


async def test_hostile_page_in_the_tui_draws_no_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(hostile_page(), encoding="utf-8")
    app = make_app(str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        body = article_text(app)
        check_clean(body)
        # Title and site are in the header, every other field but the author (the TUI shows
        # the page's own byline line) in the article itself.
        in_header = ("Title", "Site", "Author")
        assert missing_fields(body, tuple(f for f in FIELDS if f not in in_header)) == []
        header = rendered(app, "#title")
        check_clean(header)
        assert missing_fields(header, ("Title", "Site")) == []
        screens = [screen_text(app)]
        await pilot.press("t")  # Contents: the headings
        await pilot.pause()
        screens.append(screen_text(app))
        assert "Headingclick" in screens[-1]
        await pilot.press("escape", "l")  # Links: link text and destination
        await pilot.pause()
        screens.append(screen_text(app))
        assert "Linkclick" in screens[-1] and "https://ok.example/abcd" in screens[-1]
        await pilot.press("escape", "1")  # the destination shown before following
        await pilot.pause()
        message = rendered(app, "#message")
        assert "https://ok.example/abcd" in message
        screens.append(screen_text(app))
        for text in [message, *screens]:
            check_clean(text)


HOSTILE_HEADERS = {
    "/location": b"HTTP/1.1 302 Found\r\nLocation: /x\x1b]52;c;ZXZpbA==\x07\x1b[2J\r\n",
    "/reason": b"HTTP/1.1 404 Not \x9b31m\x9d0;PWNED\x9c Found\r\n",
    "/content-type": b"HTTP/1.1 200 OK\r\nContent-Type: application/x-\x1b]0;PWNED\x07\r\n",
}


def send_raw(data: bytes) -> Any:
    def route(handler: Handler) -> None:
        handler.close_connection = True
        handler.wfile.write(data + b"Content-Length: 2\r\n\r\nhi")
        handler.wfile.flush()

    return route


async def test_errors_from_hostile_servers_show_clean_in_the_tui(http_server: LocalServer) -> None:
    urls = [http_server.route(path, send_raw(data)) for path, data in HOSTILE_HEADERS.items()]
    seen: list[object] = []
    app = make_app(urls[0])
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await settle(pilot, app)
        for url in urls[1:]:
            reader(app).open_source(url)
            await settle(pilot, app)
        # (the hook sees a message once per node it is handled on: keep each one once)
        failures = list({id(m): m for m in seen if isinstance(m, LoadFailed)}.values())
        assert [f.source for f in failures] == urls
        for failure in failures:
            check_clean(str(failure.error))
        check_clean(rendered(app, "#error"))
        check_clean(rendered(app, "#message"))
        assert "reader: " in rendered(app, "#message")
        check_clean(screen_text(app))


async def test_textual_markup_in_a_page_shows_as_text(tmp_path: Path) -> None:
    """A page cannot smuggle a click action, a hyperlink or a style into the reader."""
    path = tmp_path / "markup.html"
    path.write_text(markup_page(), encoding="utf-8")
    app = make_app(str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        assert all(text in rendered(app, "#title") for text in MARKUP.values())  # header
        assert all(text in article_text(app) for text in MARKUP.values())
        await pilot.press("t")  # Contents: the heading
        await pilot.pause()
        assert all(text in screen_text(app) for text in MARKUP.values())
        await pilot.press("escape", "l")  # Links: the link text and its address
        await pilot.pause()
        shown = screen_text(app)
        assert all(text in shown for text in MARKUP.values()) and MARKUP_HREF in shown
        await pilot.press("down")  # the mailto: link: destination shown, marked not followed
        await pilot.pause()
        assert "[@click=app.quit]y[/]" in rendered(app, "#message")
        await pilot.press("enter")  # not followed: the notification quotes the address
        await pilot.pause()
        assert "[@click=app.quit]y[/]" in screen_text(app)
        await pilot.press("escape", "1")
        await pilot.pause()
        assert MARKUP_HREF in rendered(app, "#message")
        assert screen.article is not None and app.is_running


# --- a real terminal ---------------------------------------------------------------------------


# Sequences a full-screen app legitimately writes: CSI, and single-character escapes.
_CSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
_OSC_ANY = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
def test_installed_reader_sends_nothing_from_the_page_to_a_real_terminal(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.html"
    hostile.write_text(hostile_page(), encoding="utf-8")
    markup = tmp_path / "markup.html"
    markup.write_text(markup_page(), encoding="utf-8")
    exports = environment(COLORTERM="truecolor")
    terminal = Terminal(100, 30, record_to=tmp_path / "raw.log", key_pause=0.2)
    command = f"env {exports} {shlex.quote(installed_reader())} {shlex.quote(str(hostile))}"
    title_before = ""
    try:
        terminal.start(f"{command}; echo EXITED:$?; sleep 60")
        title_before = terminal.tmux("display-message", "-p", "#{pane_title}")
        terminal.wait_for("Titleclick")
        terminal.keys("t")
        terminal.wait_for("Contents")
        terminal.keys("Escape", "l")
        terminal.wait_for("Links")
        terminal.keys("Escape", "1")
        terminal.wait_for("Link 1: https://ok.example/abcd")
        terminal.keys("Escape", "C-o")
        terminal.tmux("send-keys", "-l", str(markup))
        terminal.keys("Enter")
        terminal.wait_for("[@click=app.quit]Q[/]")
        terminal.keys("t")
        terminal.wait_for("Second heading")
        terminal.keys("Escape", "q")
        screen = terminal.wait_for("EXITED:")
        assert "EXITED:0" in screen
        title_after = terminal.tmux("display-message", "-p", "#{pane_title}")
        buffers = terminal.tmux("list-buffers")
    finally:
        terminal.close()
    raw = (tmp_path / "raw.log").read_bytes()
    assert b"Titleclick" in raw  # the recording holds what the app drew
    assert 52 not in osc_numbers(raw)  # no clipboard write
    for number in (0, 1, 2, 8):  # titles and hyperlinks: none carrying the page's payload
        for payload in osc_payloads(raw, number):
            assert not leaked_payload(payload.decode("utf-8", "replace")), (number, payload)
            assert b"evil" not in payload and b"smuggled" not in payload, (number, payload)
    assert string_sequences(raw) == 0  # no DCS/APC/PM/SOS strings
    assert buffers == ""  # tmux stores an OSC 52 write as a paste buffer: there is none
    assert title_after == title_before and "PWNED" not in title_after
    text = _OSC_ANY.sub(b"", _CSI.sub(b"", raw)).replace(b"\r", b"")
    assert unsafe_in_bytes(text) == []  # nothing else: no C1, no bidi, no stray controls
    assert leaked_payload(text.decode()) == []
