"""Line mode on a real local web site: following links and coming back, `#fragment` links
inside the article, opening an address, and a page that fails to load."""

from __future__ import annotations

from reader.core.pipeline import Options
from tests.support import httpserver
from tests.support.httpserver import LocalServer
from tests.support.line import transcript

http_server = httpserver.http_server

FIRST = b"""<!doctype html><html lang="en"><head><title>Engines</title></head><body>
<main><article><h1>Engines</h1>
<p>Steam engines changed how people worked and travelled, as the <a href="#notes">note</a>
below explains and as <a href="/second.html">the second page</a> shows in more detail.</p>
<h2 id="history">History</h2>
<p>The first engines pumped water out of mines. They were slow, heavy and burned a great deal
of coal, but they worked day and night for years.</p>
<h2 id="notes">Notes</h2>
<p>This note is where the footnote link leads; going back returns to the opening paragraph.</p>
</article></main></body></html>"""

SECOND = b"""<!doctype html><html lang="en"><head><title>Second Page</title></head><body>
<article><h1>Second Page</h1><p>This is the second page, reached by a link, and it has a
paragraph of its own that is long enough to read as an article.</p></article></body></html>"""

OPENING = (
    "Steam engines changed how people worked and travelled, as the note [1] below explains and "
    "as the second page [2] shows in more detail."
)


def site(server: LocalServer) -> str:
    server.page("/second.html", SECOND)
    return server.page("/first.html", FIRST)


def test_following_a_link_loads_the_page_and_back_and_forward_return_without_fetching(
    http_server: LocalServer,
) -> None:
    first = site(http_server)
    second = http_server.url("/second.html")
    out = transcript("g 2", "b", "f", "b", "w", source=first)
    assert out == (
        f"Loading {first} ...\n"
        "Engines\n"
        "1 min read\n"
        "5 blocks, 2 headings, 2 links. Enter reads on; ? lists the commands.\n"
        f"{OPENING}\n"
        "> g 2\n"
        "Following link 2: the second page.\n"
        f"Loading {second} ...\n"
        "Second Page\n"
        "1 min read\n"
        "Note: No article found on this page; showing the page's main text.\n"
        "1 block, 0 headings, 0 links. Enter reads on; ? lists the commands.\n"
        "This is the second page, reached by a link, and it has a paragraph of its own that is "
        "long enough to read as an article.\n"
        "> b\n"
        "Back to Engines, block 1 of 5:\n"
        f"{OPENING}\n"
        "> f\n"
        "Forward to Second Page, block 1 of 1:\n"
        "This is the second page, reached by a link, and it has a paragraph of its own that is "
        "long enough to read as an article.\n"
        "> b\n"
        "Back to Engines, block 1 of 5:\n"
        f"{OPENING}\n"
        "> w\n"
        "Engines\n"
        "Before the first heading.\n"
        "Block 1 of 5, 34% read, 1 minute left.\n"
        ">\n"
    )
    pages = [path for path, _ in http_server.requests]
    assert pages == ["/first.html", "/second.html"]


def test_a_fragment_link_goes_to_its_heading_and_back_returns_to_the_link(
    http_server: LocalServer,
) -> None:
    out = transcript("g 1", "n", "b", "b", "f", source=site(http_server))
    assert out.split(f"{OPENING}\n", 1)[1] == (
        "> g 1\n"
        "Link 1 goes to block 4 of this article:\n"
        "Heading 2: Notes\n"
        "> n\n"
        "This note is where the footnote link leads; going back returns to the opening "
        "paragraph.\n"
        "> b\n"
        "Back to Engines, block 1 of 5:\n"
        f"{OPENING}\n"
        "> b\n"
        "No earlier page.\n"
        "> f\n"
        "Forward to Engines, block 5 of 5, under Heading 2: Notes:\n"
        "This note is where the footnote link leads; going back returns to the opening "
        "paragraph.\n"
        ">\n"
    )
    assert len(http_server.requests) == 1  # a fragment never fetches the page again


def test_open_loads_an_address_and_a_failed_load_keeps_the_article_and_the_prompt(
    http_server: LocalServer,
) -> None:
    first = site(http_server)
    missing = http_server.url("/missing.html")
    out = transcript(f"o {missing}", "r", "o", f"open {first}", options=Options(use_cache=False))
    lines = out.splitlines()
    assert lines[:2] == [
        "Loading the welcome article ...",
        "Welcome to reader: the web, without the clutter",
    ]
    after = out.split(f"> o {missing}\n", 1)[1]
    failure, _, rest = after.partition("> r\n")
    assert failure.startswith(f"Loading {missing} ...\nreader: ")
    assert failure.count("\n") == 2 and "404" in failure  # the usual one-line error
    assert rest.startswith("reader fetches a web page")  # still reading the welcome article
    assert "> o\nOpen what? Type o and an address, for example o example.com.\n" in rest
    assert f"> open {first}\nLoading {first} ...\nEngines\n" in rest
