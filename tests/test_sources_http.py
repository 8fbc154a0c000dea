"""Fetching pages from a real HTTP server on 127.0.0.1: redirects, HTTP errors, refused
connections, TLS, proxies from the environment and which media types reader reads."""

from __future__ import annotations

import socket
import subprocess
import threading
from pathlib import Path

import pytest

from reader import __version__
from reader.core.errors import EXIT_CONTENT, EXIT_FETCH, ContentError, FetchError
from reader.core.sources.resolve import load_page
from tests.support import httpserver
from tests.support.httpserver import Handler, LocalServer

http_server = httpserver.http_server

ARTICLE = (
    b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello reader</p></body></html>"
)


def redirect(location: str, status: int = 302):
    def send(handler: Handler) -> None:
        handler.send_page(b"", status=status, content_type=None, headers={"Location": location})

    return send


def test_page_is_fetched_with_its_final_url_media_type_and_charset(
    http_server: LocalServer,
) -> None:
    url = http_server.page("/a", ARTICLE)
    page = load_page(url)
    assert page.url == url
    assert page.media_type == "text/html"
    assert page.charset == "utf-8"
    assert "Hello reader" in page.text


def test_request_names_reader_and_its_version_in_the_user_agent(http_server: LocalServer) -> None:
    load_page(http_server.page("/a", ARTICLE))
    _path, headers = http_server.requests[-1]
    assert headers["User-Agent"] == f"reader/{__version__} (+reading-mode)"
    assert "gzip" in headers["Accept-Encoding"]


def test_redirect_chain_is_followed_to_the_final_page(http_server: LocalServer) -> None:
    http_server.route("/one", redirect("/two", 301))
    http_server.route("/two", redirect(http_server.url("/three"), 307))
    http_server.route("/three", redirect("four", 308))
    final = http_server.page("/four", ARTICLE)
    page = load_page(http_server.url("/one"))
    assert page.url == final
    assert "Hello reader" in page.text


def test_ten_redirects_are_followed(http_server: LocalServer) -> None:
    for hop in range(10):
        http_server.route(f"/r{hop}", redirect(f"/r{hop + 1}"))
    http_server.page("/r10", ARTICLE)
    assert load_page(http_server.url("/r0")).url == http_server.url("/r10")


def test_eleven_redirects_report_too_many_and_exit_3(http_server: LocalServer) -> None:
    for hop in range(11):
        http_server.route(f"/r{hop}", redirect(f"/r{hop + 1}"))
    http_server.page("/r11", ARTICLE)
    with pytest.raises(FetchError, match="more than 10 redirects") as caught:
        load_page(http_server.url("/r0"))
    assert caught.value.exit_code == EXIT_FETCH


def test_redirect_loop_reports_error_and_exits_3(http_server: LocalServer) -> None:
    http_server.route("/a", redirect("/b"))
    http_server.route("/b", redirect("/a"))
    with pytest.raises(FetchError, match="redirect loop") as caught:
        load_page(http_server.url("/a"))
    assert caught.value.exit_code == EXIT_FETCH
    assert len(http_server.requests) == 11  # it stopped after ten redirects


@pytest.mark.parametrize(
    ("location", "scheme"),
    [
        ("ftp://127.0.0.1/file.html", "ftp:"),
        ("javascript:alert(document.cookie)", "javascript:"),
        ("file:///etc/passwd", "file:"),
        ("data:text/html,<p>hi</p>", "data:"),
    ],
)
def test_redirect_to_a_non_http_scheme_is_refused(
    http_server: LocalServer, location: str, scheme: str
) -> None:
    url = http_server.route("/jump", redirect(location))
    with pytest.raises(FetchError, match=f"redirected to a {scheme} address") as caught:
        load_page(url)
    assert caught.value.exit_code == EXIT_FETCH


@pytest.mark.parametrize(
    "location",
    [
        "http://" + "a" * 64 + ".test/",
        "http://bad..name/",
        "http://xn--zz.test/",
        "http://-x-.test/",
    ],
)
def test_redirect_to_a_malformed_host_is_an_error_not_a_crash(
    http_server: LocalServer, location: str
) -> None:
    url = http_server.route("/jump", redirect(location))
    with pytest.raises(FetchError, match="redirected to a malformed address"):
        load_page(url)


def test_error_after_a_redirect_names_the_address_that_failed(http_server: LocalServer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/gone"
    url = http_server.route("/moved", redirect(closed))
    with pytest.raises(FetchError, match="refused") as caught:
        load_page(url)
    assert closed in caught.value.message


def test_redirect_without_location_is_an_error(http_server: LocalServer) -> None:
    url = http_server.page("/r", b"", status=302, content_type=None)
    with pytest.raises(FetchError, match="without a Location"):
        load_page(url)


@pytest.mark.parametrize(
    ("status", "reason", "hint"),
    [
        (404, "Not Found", "check the address"),
        (410, "Gone", "check the address"),
        (403, "Forbidden", "refuses access"),
        (429, "Too Many Requests", "rate-limiting"),
        (500, "Internal Server Error", "try again later"),
        (503, "Service Unavailable", "try again later"),
    ],
)
def test_http_error_status_reports_code_and_reason_and_exits_3(
    http_server: LocalServer, status: int, reason: str, hint: str
) -> None:
    url = http_server.page("/e", b"<html><body>error page</body></html>", status=status)
    with pytest.raises(FetchError) as caught:
        load_page(url)
    assert caught.value.exit_code == EXIT_FETCH
    assert f"HTTP {status} {reason}" in caught.value.message
    assert hint in caught.value.hint


def test_hostile_reason_phrase_never_reaches_the_error_message(http_server: LocalServer) -> None:
    def send(handler: Handler) -> None:
        handler.send_response(599, "Oops\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x9b31m")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    url = http_server.route("/odd", send)
    with pytest.raises(FetchError) as caught:
        load_page(url)
    text = str(caught.value)
    assert "HTTP 599" in text
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


def test_connection_refused_reports_error_and_exits_3() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="refused") as caught:
        load_page(f"http://127.0.0.1:{port}/page")
    assert caught.value.exit_code == EXIT_FETCH
    assert caught.value.hint


def test_untrusted_tls_certificate_is_refused(tmp_path: Path) -> None:
    """TLS verification is on: a self-signed certificate is an error, not a warning."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = LocalServer(tls=(cert, key))
    server.page("/a", ARTICLE)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        port = server.server_address[1]
        with pytest.raises(FetchError, match="secure connection") as caught:
            load_page(f"https://127.0.0.1:{port}/a", timeout=5)
        assert "certificate" in str(caught.value)
        assert caught.value.exit_code == EXIT_FETCH
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_proxy_from_the_environment_is_used(
    http_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP_PROXY is honoured: the request for another host arrives at the local proxy."""
    http_server.page("http://reader-proxy-test.invalid/page", ARTICLE)
    monkeypatch.setenv("HTTP_PROXY", http_server.base)
    monkeypatch.setenv("http_proxy", http_server.base)
    page = load_page("http://reader-proxy-test.invalid/page")
    assert "Hello reader" in page.text
    assert http_server.requests[-1][0] == "http://reader-proxy-test.invalid/page"


@pytest.mark.parametrize(
    "media_type",
    ["application/pdf", "image/png", "application/json", "application/octet-stream", "video/mp4"],
)
def test_non_html_media_type_is_refused_naming_the_type(
    http_server: LocalServer, media_type: str
) -> None:
    url = http_server.page("/thing", b'{"not": "a page"}', content_type=media_type)
    with pytest.raises(ContentError, match=media_type.replace("+", r"\+")) as caught:
        load_page(url)
    assert caught.value.exit_code == EXIT_CONTENT


def test_binary_file_labelled_html_is_refused_by_its_signature(http_server: LocalServer) -> None:
    url = http_server.page(
        "/x.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", content_type="text/html"
    )
    with pytest.raises(ContentError, match="application/pdf"):
        load_page(url)


def test_text_plain_is_read_as_text(http_server: LocalServer) -> None:
    url = http_server.page("/notes.txt", b"Just some notes.\n", content_type="text/plain")
    page = load_page(url)
    assert page.media_type == "text/plain"
    assert page.text == "Just some notes.\n"


def test_binary_data_labelled_text_plain_is_refused(http_server: LocalServer) -> None:
    url = http_server.page("/b", b"\x00\x01\x02\x03binary\x00\x00", content_type="text/plain")
    with pytest.raises(ContentError, match="octet-stream"):
        load_page(url)


def test_missing_media_type_is_sniffed_as_html(http_server: LocalServer) -> None:
    url = http_server.page(
        "/n", b"\n  <!doctype html><title>x</title><p>Sniffed", content_type=None
    )
    page = load_page(url)
    assert page.media_type == "text/html"
    assert "Sniffed" in page.text


def test_missing_media_type_on_plain_text_reads_it_as_text(http_server: LocalServer) -> None:
    url = http_server.page("/n", b"Plain words, no markup.", content_type=None)
    assert load_page(url).media_type == "text/plain"


def test_missing_media_type_on_an_image_is_refused(http_server: LocalServer) -> None:
    url = http_server.page("/n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", content_type=None)
    with pytest.raises(ContentError, match="image/png"):
        load_page(url)


def test_xhtml_is_read(http_server: LocalServer) -> None:
    body = (
        b'<?xml version="1.0" encoding="windows-1251"?>\n'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>'
        b"</body></html>"
    )
    url = http_server.page("/x", body, content_type="application/xhtml+xml")
    page = load_page(url)
    assert page.media_type == "application/xhtml+xml"
    assert "Привет" in page.text


def test_content_type_parameters_and_case_are_understood(http_server: LocalServer) -> None:
    body = "<html><body><p>Привет, мир</p></body></html>".encode("cp1251")
    url = http_server.page("/c", body, content_type='Text/HTML; Charset="Windows-1251"; x=y')
    page = load_page(url)
    assert page.charset == "windows-1251"
    assert "Привет, мир" in page.text


def test_empty_page_is_a_content_error(http_server: LocalServer) -> None:
    url = http_server.page("/empty", b"")
    with pytest.raises(ContentError, match="empty") as caught:
        load_page(url)
    assert caught.value.exit_code == EXIT_CONTENT


def test_blank_page_is_a_content_error(http_server: LocalServer) -> None:
    url = http_server.page("/blank", b"  \n\t \n")
    with pytest.raises(ContentError, match="empty"):
        load_page(url)


async def test_load_page_works_from_code_with_a_running_event_loop(
    http_server: LocalServer,
) -> None:
    page = load_page(http_server.page("/a", ARTICLE))
    assert "Hello reader" in page.text


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("ALL_PROXY", "socks5://127.0.0.1:1", "SOCKS support is not installed"),
        ("HTTP_PROXY", "ftp://127.0.0.1:1", "proxy set in the environment cannot be used"),
        ("HTTP_PROXY", "http://127.0.0.1:1", "through the proxy in HTTP_PROXY"),
    ],
)
def test_unusable_proxy_in_the_environment_is_a_clear_fetch_error(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv(variable, value)
    with pytest.raises(FetchError, match=message) as caught:
        load_page("http://reader-proxy-test.invalid/page", timeout=5)
    assert caught.value.exit_code == EXIT_FETCH
