"""`reader URL` against a real local server: exit codes, one-line errors, the offline cache."""

from __future__ import annotations

from tests.support import httpserver
from tests.support.cli import assert_one_line_error, run_reader
from tests.support.httpserver import LocalServer

http_server = httpserver.http_server

STORY = (
    b"<html lang='en'><head><title>Harbour news</title></head><body><nav>Menu</nav><article>"
    + b"<h1>Harbour news</h1>"
    + b"<p>The harbour reopened this morning after a week of storms kept the boats ashore. " * 8
    + b"</p><p>Fishermen said the catch was the best of the season so far, and prices fell.</p>"
    + b"</article><footer>Copyright</footer></body></html>"
)


def test_a_web_page_is_printed_as_plain_text(http_server: LocalServer) -> None:
    result = run_reader("--plain", http_server.page("/story", STORY))
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert out.startswith("Harbour news")
    assert "best of the season" in out
    assert "Menu" not in out


def test_http_404_is_a_one_line_fetch_error_exit_3(http_server: LocalServer) -> None:
    stderr = assert_one_line_error(run_reader("--plain", http_server.url("/missing")), 3)
    assert "404" in stderr


def test_server_error_is_exit_3(http_server: LocalServer) -> None:
    url = http_server.page("/boom", b"oops", status=500, content_type="text/plain")
    assert_one_line_error(run_reader("--plain", url), 3)


def test_connection_refused_is_exit_3(http_server: LocalServer) -> None:
    url = http_server.url("/story")
    http_server.shutdown()
    http_server.server_close()
    assert_one_line_error(run_reader("--plain", "--timeout", "3", url), 3)


def test_pdf_is_refused_naming_its_type_exit_4(http_server: LocalServer) -> None:
    url = http_server.page("/paper", b"%PDF-1.7\n", content_type="application/pdf")
    stderr = assert_one_line_error(run_reader("--plain", url), 4)
    assert "application/pdf" in stderr


def test_a_page_read_once_can_be_read_offline(http_server: LocalServer) -> None:
    url = http_server.page("/story", STORY)
    assert run_reader("--plain", url).returncode == 0
    http_server.routes.clear()
    offline = run_reader("--plain", "--offline", url)
    assert offline.returncode == 0, offline.stderr.decode()
    assert "best of the season" in offline.stdout.decode()
    assert "offline cache" in offline.stdout.decode()


def test_offline_without_a_cached_copy_says_so_exit_3(http_server: LocalServer) -> None:
    stderr = assert_one_line_error(run_reader("--offline", "--plain", http_server.url("/new")), 3)
    assert "offline cache" in stderr
    assert http_server.requests == []
