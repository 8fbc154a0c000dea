"""Hostile sources, round two: stacked encodings, huge header values and sizes, a FIFO as the
file, and passwords in addresses. Each is a real server, file or process, as a user meets it."""

from __future__ import annotations

import errno
import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.core.errors import EXIT_CONTENT, EXIT_FETCH, EXIT_USAGE
from reader.core.pipeline import Options, load_article
from reader.core.sources.content_encoding import MAX_LAYERS
from reader.core.sources.urls import link_refusal, without_password
from tests.support import httpserver
from tests.support.cli import assert_one_line_error, run_reader
from tests.support.httpserver import Handler, LocalServer

http_server = httpserver.http_server

ARTICLE = (
    b"<html><head><title>Kept</title></head><body><article><p>"
    + b"Words a person would read in reading mode, one after another. " * 20
    + b"</p></article></body></html>"
)
PASSWORD = "s3cretpw"


def gzip_layers(body: bytes, layers: int) -> bytes:
    for _ in range(layers):
        body = gzip.compress(body, mtime=0)
    return body


def test_gzip_applied_a_thousand_times_is_refused_with_one_line_and_exit_3(
    http_server: LocalServer,
) -> None:
    encoding = ", ".join(["gzip"] * 1000)
    url = http_server.page("/deep", gzip_layers(ARTICLE, 5), headers={"Content-Encoding": encoding})
    stderr = assert_one_line_error(run_reader("--plain", url), EXIT_FETCH)
    assert "1000 content encodings" in stderr and len(stderr) < 300


def test_a_handful_of_layers_still_reads(http_server: LocalServer) -> None:
    encoding = ", ".join(["gzip"] * MAX_LAYERS)
    url = http_server.page(
        "/few", gzip_layers(ARTICLE, MAX_LAYERS), headers={"Content-Encoding": encoding}
    )
    result = run_reader("--plain", url)
    assert result.returncode == 0, result.stderr
    assert b"Words a person would read" in result.stdout


def test_an_error_quoting_a_header_value_is_capped(http_server: LocalServer) -> None:
    url = http_server.page("/odd", ARTICLE, headers={"Content-Encoding": "x" * 18_000})
    stderr = assert_one_line_error(run_reader("--plain", url), EXIT_CONTENT)
    assert "unsupported encoding" in stderr and len(stderr) < 300


@pytest.mark.parametrize("size", ["99999999999999999999999GB", "9" * 5000])
def test_a_size_too_large_to_represent_is_a_usage_error(size: str, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(ARTICLE)
    stderr = assert_one_line_error(run_reader("--plain", "--max-size", size, str(page)), EXIT_USAGE)
    assert "--max-size" in stderr and "too large" in stderr and len(stderr) < 300


def test_a_fifo_with_no_writer_stops_at_the_timeout(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    stderr = assert_one_line_error(run_reader("--plain", "--timeout", "1", str(fifo)), EXIT_FETCH)
    assert "timed out" in stderr and "--timeout" in stderr


def test_a_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as pipe:  # blocks until reader opens its end
            pipe.write(ARTICLE)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    result = run_reader("--plain", "--timeout", "30", str(fifo))
    writer.join(timeout=5)
    assert result.returncode == 0, result.stderr
    assert b"Words a person would read" in result.stdout


def test_ctrl_c_stops_a_read_waiting_on_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--plain", "--timeout", "600", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_fifo_has_a_reader(fifo, process)
        process.send_signal(signal.SIGINT)  # the first ctrl+c, as a terminal sends it
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr


def _wait_until_fifo_has_a_reader(fifo: Path, process: subprocess.Popen[bytes]) -> None:
    """Opening a FIFO's write end without blocking fails (ENXIO) until a reader has it open."""
    while process.poll() is None:
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            return
        except OSError as error:
            assert error.errno == errno.ENXIO
            time.sleep(0.05)
    pytest.fail(f"reader exited before opening the FIFO: {process.communicate()}")


def test_without_password_keeps_the_user_at_most() -> None:
    assert without_password("http://user:s3cret@host/a") == "http://user@host/a"
    assert without_password("https://u:p@ss@host:8080/x@y") == "https://u@host:8080/x@y"
    assert without_password("see http://a:b@c/ and ftp://d:e@f") == "see http://a@c/ and ftp://d@f"
    assert without_password("http://user@host/") == "http://user@host/"
    assert without_password("http://host/path:x@y") == "http://host/path:x@y"


def test_a_password_in_the_address_is_never_shown_or_stored(
    http_server: LocalServer, tmp_path: Path
) -> None:
    http_server.page("/article", ARTICLE)
    url = http_server.url("/article").replace("http://", f"http://reader:{PASSWORD}@")
    env = {name: str(tmp_path / name) for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    outputs = [run_reader("--format", fmt, url, env=env) for fmt in ("json", "html", "plain")]
    for result in outputs:
        assert result.returncode == 0, result.stderr
        assert PASSWORD.encode() not in result.stdout + result.stderr
    assert json.loads(outputs[0].stdout)["url"].startswith("http://reader@127.0.0.1:")
    missing = run_reader("--plain", url.replace("/article", "/missing"), env=env)
    assert b"HTTP 404" in missing.stderr and PASSWORD.encode() not in missing.stderr
    offline = run_reader("--plain", "--offline", url.replace("/article", "/other"), env=env)
    assert b"not in the offline cache" in offline.stderr
    assert PASSWORD.encode() not in offline.stderr
    stored = b"".join(
        p.read_bytes() for p in (tmp_path / "XDG_CACHE_HOME").rglob("*") if p.is_file()
    )
    assert b"reader@127.0.0.1" in stored and PASSWORD.encode() not in stored


def test_the_article_url_kept_in_history_has_no_password(http_server: LocalServer) -> None:
    http_server.page("/article", ARTICLE)
    url = http_server.url("/article").replace("http://", f"http://reader:{PASSWORD}@")
    article = load_article(url, Options(use_cache=False))
    assert article.url is not None and PASSWORD not in article.url
    assert article.url.startswith("http://reader@")


def test_link_refusal_says_which_links_are_not_followed_and_why() -> None:
    web = "https://news.example/story"
    assert link_refusal("https://other.example/", web) is None
    assert link_refusal("file:///etc/passwd", web) == "a file: link from a web page is not followed"
    assert link_refusal("file:///home/me/b.html", "file:///home/me/a.html") is None
    assert link_refusal("javascript:alert(1)", web) == "a javascript: link is not followed"
    assert link_refusal("mailto:a@b.example", None) == "a mailto: link is not followed"
    assert link_refusal("http://[::1", web) == "a malformed link is not followed"


def test_ctrl_c_stops_a_fetch_from_a_stalled_server(http_server: LocalServer) -> None:
    def stall(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.server.stopping.wait(60)

    url = http_server.route("/stalled", stall)
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--plain", "--timeout", "600", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        while not http_server.requests and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr
