"""A real HTTP server on 127.0.0.1 for fetch tests: each test registers the routes it needs.

A route is a function that gets the request handler and writes whatever it likes to the socket,
so tests can send well-formed pages as easily as slow, endless or broken responses. Handlers
that stream forever watch `server.stopping` and stop when the client goes away.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: LocalServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.requests.append((self.path, dict(self.headers.items())))
        route = self.server.routes.get(path)
        if route is None:
            self.send_page(b"not found", status=404, content_type="text/plain")
            return
        # The client hanging up is what it should do on a hostile response.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def send_page(
        self,
        body: bytes,
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        """A complete response with a Content-Length."""
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, *, tls: tuple[Path, Path] | None = None) -> None:
        """`tls` is (certificate, key): serve HTTPS with that certificate."""
        super().__init__(("127.0.0.1", 0), Handler)
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.socket = context.wrap_socket(self.socket, server_side=True)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        """The full URL of `path` on this server (a full URL is kept: proxy requests use it)."""
        return path if path.startswith("http") else self.base + path

    def route(self, path: str, handler: Route) -> str:
        """Serve `path` with `handler`; returns the full URL."""
        self.routes[path] = handler
        return self.url(path)

    def page(self, path: str, body: bytes, **options: object) -> str:
        """Serve a fixed response at `path`; options as for `Handler.send_page`."""
        return self.route(path, lambda handler: handler.send_page(body, **options))  # type: ignore[arg-type]


@pytest.fixture
def http_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """A LocalServer on a free port for one test, stopped afterwards. Requests to it never go
    through a proxy set in the environment."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = LocalServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
