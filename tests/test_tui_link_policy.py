"""Issue 6 "Links", the cases tests/test_tui_panes.py and test_tui_loading.py leave out.

Web pages come from a real server on 127.0.0.1, local documents from real files. A file: link
is followed from a local document but not from a web page (a page must not make the reader
open the user's files); mailto:, data: and other links are shown with their destination and
never followed; the system browser opens only on the explicit `o` command, never when a link
is followed or a page loads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tui.messages import LoadStarted
from tests.support.desktop import opened_addresses, recording_browser
from tests.support.httpserver import LocalServer, http_server
from tests.support.tui_helpers import PAGE, make_app, reader, settle

__all__ = ["http_server"]  # the fixture, used by name

PROSE = "<p>" + "Some steady reading text that goes on for a while. " * 8 + "</p>"


def page(title: str, links: str) -> bytes:
    return PAGE.format(title=title, body=f"<p>Start. {links}</p>{PROSE * 3}").encode()


def title_of(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#title").render())


def started(seen: list[object]) -> list[str | None]:
    return list({id(m): m.source for m in seen if isinstance(m, LoadStarted)}.values())


async def test_file_link_in_a_web_page_is_shown_but_not_followed_or_opened(
    http_server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = recording_browser(monkeypatch, tmp_path)
    secret = tmp_path / "secret.html"
    secret.write_bytes(page("Local Secret", ""))
    links = (
        f"<a href='{secret.as_uri()}'>a local file</a> "
        "<a href='mailto:someone@example.org'>mail</a> "
        "<a href='ftp://files.example/x'>ftp</a> <a href='/next'>next</a>"
    )
    http_server.page("/next", page("Next Page", ""))
    url = http_server.page("/web", page("Web Page", links))
    seen: list[object] = []
    app = make_app(url)
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        assert screen.article is not None
        assert screen.article.links[:3] == [
            secret.as_uri(),
            "mailto:someone@example.org",
            "ftp://files.example/x",
        ]
        for number, link in zip("123", screen.article.links, strict=False):
            await pilot.press(number)  # the destination is shown before anything happens
            assert link in str(screen.query_one("#message").render())
            await pilot.press("enter")
            await settle(pilot, app)
            assert started(seen) == [url] and "Web Page" in title_of(app)
            notes = [n.message for n in app._notifications]
            assert any("not followed" in note and link in note for note in notes)
        await pilot.press("l")  # the Links pane marks them and `o` does not open them
        await pilot.pause()
        assert "not followed" in str(screen.query_one("#message").render())
        await pilot.press("o", "down", "o", "down", "o")
        assert opened_addresses(opened, 1, timeout=0.5) == []
        await pilot.press("down", "o")  # only the explicit command opens the browser
        assert opened_addresses(opened, 1) == [http_server.url("/next")]
        await pilot.press("enter")  # following a link loads it in reader, not the browser
        await settle(pilot, app)
        assert "Next Page" in title_of(app)
    assert started(seen) == [url, http_server.url("/next")]
    assert opened_addresses(opened, 2, timeout=0.5) == [http_server.url("/next")]


async def test_file_link_in_a_local_document_is_followed(tmp_path: Path) -> None:
    target = tmp_path / "other" / "target.html"
    target.parent.mkdir()
    target.write_bytes(page("Target Page", ""))
    start = tmp_path / "start.html"
    start.write_bytes(page("Start Page", f"<a href='{target.as_uri()}'>absolute file link</a>"))
    app = make_app(str(start))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("1")
        assert target.as_uri() in str(reader(app).query_one("#message").render())
        await pilot.press("enter")
        await settle(pilot, app)
        assert "Target Page" in title_of(app)
        assert reader(app).article.url == target.as_uri()  # type: ignore[union-attr]
