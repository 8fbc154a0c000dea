"""--offline end to end: a page read once online (from a real local server) reads again from
the page cache with the server gone, and a page never read fails with one line, exit code 3."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from reader.core.errors import FetchError
from reader.core.formats import render
from reader.core.pipeline import Options, load_article
from reader.core.storage.page_cache import PageCache

ARTICLE = (
    "<html><head><title>Cached article</title></head><body><article><h1>Cached article</h1>"
    + "<p>Words worth keeping for a train without a network connection. </p>" * 12
    + "</article></body></html>"
).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        if self.path == "/old-address":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(ARTICLE)))
        self.end_headers()
        self.wfile.write(ARTICLE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[http.server.ThreadingHTTPServer]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_a_page_read_online_is_read_offline_after_the_server_is_gone(
    server: http.server.ThreadingHTTPServer,
) -> None:
    base = f"http://127.0.0.1:{server.server_port}"
    online = load_article(f"{base}/old-address")
    assert server.requests == ["/old-address", "/article"]  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()
    for address in (f"{base}/old-address", f"{base}/article", f"{base}/article#part-2"):
        offline = load_article(address, Options(offline=True))
        assert offline.title == online.title == "Cached article"
        assert "Read from the offline cache." in offline.notices
        assert "train without a network" in render(offline, "plain")


def test_a_page_never_read_is_not_in_the_offline_cache(
    server: http.server.ThreadingHTTPServer,
) -> None:
    address = f"http://127.0.0.1:{server.server_port}/never-read"
    with pytest.raises(FetchError) as caught:
        load_article(address, Options(offline=True))
    assert caught.value.exit_code == 3
    assert "not in the offline cache" in str(caught.value)
    assert server.requests == []  # type: ignore[attr-defined]  # the network was not touched
    assert len(PageCache()) == 0
