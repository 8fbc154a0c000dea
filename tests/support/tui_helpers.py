"""Shared pieces for the TUI tests: articles built in Python, a local site, Pilot helpers."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from textual.pilot import Pilot

from reader.core.document import (
    Article,
    Code,
    Figure,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Separator,
    Table,
    number_links,
)
from reader.core.storage.settings import Settings
from reader.core.storage.state import State
from reader.tui import create_app
from reader.tui.app import ReaderApp
from reader.tui.screens.reader_screen import ReaderScreen
from tests.support.formats_sample import link, t


def words(count: int, start: int = 0) -> str:
    return " ".join(f"word{n}" for n in range(start, start + count))


def long_article(sections: int = 6, paragraphs: int = 5) -> Article:
    """Headings, many paragraphs and links (one javascript: link): enough to scroll."""
    blocks = [
        Paragraph(
            [
                t("Opening paragraph with "),
                link("the home page", "http://127.0.0.1:9/home"),
                t(" and "),
                link("a script", "javascript:alert(1)"),
                t("."),
            ]
        )
    ]
    for section in range(1, sections + 1):
        blocks.append(Heading(2, [t(f"Section {section}")]))
        for number in range(paragraphs):
            blocks.append(Paragraph([t(f"S{section}P{number} "), t(words(40, number * 40))]))
    article = Article(
        title="Long Read", site_name="Example Site", url="http://127.0.0.1:9/long", blocks=blocks
    )
    number_links(article)
    return article


def every_block_article() -> Article:
    """One of each block kind, so layout and snapshots cover them all."""
    article = Article(
        title="Every Block",
        site_name="Example News",
        url="https://news.example/every",
        blocks=[
            Heading(1, [t("Every block")]),
            Paragraph(
                [
                    t("Plain, "),
                    Inline("emphasis", "emphasis"),
                    t(", "),
                    Inline("strong", "strong"),
                    t(", "),
                    Inline("code()", "code"),
                    t(" and "),
                    link("a link", "https://news.example/a"),
                    t("."),
                ]
            ),
            ListBlock(
                False,
                [
                    ListItem([t("first item")]),
                    ListItem([t("second item")], [ListBlock(True, [ListItem([t("nested one")])])]),
                ],
            ),
            Quote([Paragraph([t("A quoted line.")])], cite="Someone"),
            Code("def f():\n    return 1", "python"),
            Figure("A lighthouse at dusk", [t("The lighthouse.")], "https://news.example/l.png"),
            Table([[t("Name")], [t("Age")]], [[[t("Ada")], [t("36")]], [[t("Alan")], [t("41")]]]),
            Separator(),
            Heading(3, [t("Small heading")]),
            Paragraph([t("The end.")]),
        ],
    )
    number_links(article)
    return article


def make_app(
    source: str | None = None,
    *,
    state: State | None = None,
    settings: Settings | None = None,
    article: Article | None = None,
) -> ReaderApp:
    """An app that keeps setting changes in memory, showing `article` or loading `source`."""
    return create_app(
        source, None, settings or Settings(), state=state, save=False, article=article
    )


def reader(app: ReaderApp) -> ReaderScreen:
    screen = app.get_screen_reader()
    assert screen is not None
    return screen


async def settle(pilot: Pilot, app: ReaderApp) -> None:
    """Wait until no fetch is running and every message is handled."""
    for _ in range(500):
        await pilot.pause()
        screen = app.get_screen_reader()
        if screen is not None and not screen.fetching:
            break
        await pilot.pause(0.02)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def show(pilot: Pilot, app: ReaderApp, article: Article) -> ReaderScreen:
    """Show `article` (replacing whatever the app started with)."""
    await settle(pilot, app)
    screen = reader(app)
    if screen.article is not article:
        screen.show_article(article)
    await pilot.pause()
    return screen


# --- a local site over real HTTP ----------------------------------------------------------------

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body><article>
<h1>{title}</h1>{body}</article></body></html>"""


def site_pages() -> dict[str, str]:
    para = "<p>" + "Some steady reading text that goes on for a while. " * 8 + "</p>"
    first_body = (
        "<p>Start here. Read <a href='second.html'>the second page</a> or the "
        "<a href='javascript:alert(1)'>script link</a>.</p>"
        + "<h2>Part one</h2>"
        + para * 3
        + "<h2>Part two</h2>"
        + para * 3
        + "<h2>Part three</h2>"
        + para * 3
    )
    second_body = "<p>This is the second page, reached by a link.</p>" + para * 2
    return {
        "/first.html": PAGE.format(title="First Page", body=first_body),
        "/second.html": PAGE.format(title="Second Page", body=second_body),
    }


class Site:
    """A real HTTP server on 127.0.0.1; `/slow.html` waits until `release` is set."""

    def __init__(self) -> None:
        self.pages = site_pages()
        self.release = threading.Event()
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.hits.append(self.path)
                if self.path == "/slow.html":
                    site.release.wait(10)
                    body = PAGE.format(title="Slow Page", body="<p>Finally here.</p>" * 3)
                else:
                    body = site.pages.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.wfile.write(b"not found")
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path


@contextlib.contextmanager
def running_site() -> Iterator[Site]:
    site = Site()
    site.thread.start()
    try:
        yield site
    finally:
        site.release.set()
        site.server.shutdown()
        site.server.server_close()


def write_site(folder: Path) -> dict[str, Path]:
    """The same pages as files (links between them become file:// links)."""
    paths = {}
    for name, html in site_pages().items():
        path = folder / name.lstrip("/")
        path.write_text(html, encoding="utf-8")
        paths[name] = path
    return paths
