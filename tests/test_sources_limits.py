"""Hostile servers against a real local HTTP server: slow, stalled and endless responses stop
at the time budget; bodies over the size cap and decompression bombs stop at the cap with
bounded memory."""

from __future__ import annotations

import gzip
import struct
import time
import tracemalloc
import zlib

import brotli
import pytest

from reader.core.errors import EXIT_CONTENT, EXIT_FETCH, ContentError, FetchError
from reader.core.sources.resolve import load_page
from tests.support import httpserver
from tests.support.httpserver import Handler, LocalServer

http_server = httpserver.http_server

CAP = 1_000_000  # the size cap these tests use: bombs decode to 100 times more
BOMB_SIZE = 100 * 2**20
PAGE = b"<!DOCTYPE html><html><body><p>" + b" ".join(b"word%d" % n for n in range(5000)) + b"</p>"


def gzip_bomb(megabytes: int) -> bytes:
    """A valid one-member gzip stream of `megabytes` MiB of zeros, built without compressing
    them all: after a full flush each MiB compresses to the same bytes."""
    zeros = b"\0" * 2**20
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, (megabytes * 2**20) & 0xFFFFFFFF)
    return header + block * megabytes + end + trailer


@pytest.fixture(scope="module")
def brotli_bomb() -> bytes:
    return brotli.compress(b"\0" * BOMB_SIZE, quality=5)


def stream_forever(chunk: bytes, pause: float, *, chunked: bool):
    """A route that sends `chunk` every `pause` seconds until the client hangs up."""

    def send(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        if chunked:
            handler.send_header("Transfer-Encoding", "chunked")
        else:
            handler.send_header("Content-Length", str(10**6))  # under the cap: read on
        handler.end_headers()
        piece = b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk
        while not handler.server.stopping.wait(pause):
            handler.wfile.write(piece)
            handler.wfile.flush()

    return send


def test_gzip_bomb_helper_is_a_valid_gzip_stream() -> None:
    assert gzip.decompress(gzip_bomb(3)) == b"\0" * 3 * 2**20


def test_server_that_stalls_after_headers_times_out_and_exits_3(http_server: LocalServer) -> None:
    def send(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        handler.wfile.write(b"<html>")
        handler.wfile.flush()
        handler.server.stopping.wait(30)

    url = http_server.route("/stall", send)
    with pytest.raises(FetchError, match="timed out after 1 s") as caught:
        load_page(url, timeout=1)
    assert caught.value.exit_code == EXIT_FETCH
    assert "--timeout" in caught.value.hint


def test_server_slow_to_answer_times_out(http_server: LocalServer) -> None:
    def send(handler: Handler) -> None:
        if handler.server.stopping.wait(30):
            return
        handler.send_page(PAGE)

    url = http_server.route("/slow", send)
    with pytest.raises(FetchError, match="timed out"):
        load_page(url, timeout=1)


def test_server_that_trickles_bytes_stops_at_the_overall_time_budget(
    http_server: LocalServer,
) -> None:
    """Each byte arrives well within a read timeout; only the whole-fetch budget stops it."""
    url = http_server.route("/trickle", stream_forever(b"a", 0.05, chunked=False))
    with pytest.raises(FetchError, match="timed out"):
        load_page(url, timeout=1)


def test_endless_chunked_body_stops_at_the_time_budget(http_server: LocalServer) -> None:
    url = http_server.route("/endless", stream_forever(b"<p>more</p>" * 50, 0.01, chunked=True))
    with pytest.raises(FetchError, match="timed out"):
        load_page(url, timeout=1, max_size=10**9)


def test_endless_chunked_body_stops_at_the_size_cap(http_server: LocalServer) -> None:
    url = http_server.route("/endless", stream_forever(b"x" * 8192, 0, chunked=True))
    with pytest.raises(FetchError, match="larger than the 1 MB limit") as caught:
        load_page(url, timeout=10, max_size=CAP)
    assert "--max-size" in caught.value.hint


def test_a_slow_page_within_the_budget_is_read(http_server: LocalServer) -> None:
    def send(handler: Handler) -> None:
        time.sleep(0.2)
        handler.send_page(PAGE)

    url = http_server.route("/slowish", send)
    assert "word1 word2" in load_page(url, timeout=10).text


def test_body_over_the_cap_with_content_length_is_refused(http_server: LocalServer) -> None:
    url = http_server.page("/big", b"<p>" + b"x" * (CAP + 10))
    with pytest.raises(FetchError, match="larger than the 1 MB limit") as caught:
        load_page(url, max_size=CAP)
    assert caught.value.exit_code == EXIT_FETCH


def test_body_exactly_at_the_cap_is_read(http_server: LocalServer) -> None:
    body = b"<p>" + b"x" * (CAP - 3)
    url = http_server.page("/edge", body)
    assert len(load_page(url, max_size=CAP).text) == CAP


def test_compressed_page_is_decoded(http_server: LocalServer) -> None:
    url = http_server.page("/gz", gzip.compress(PAGE), headers={"Content-Encoding": "gzip"})
    assert "word1 word2" in load_page(url).text


def test_brotli_page_is_decoded(http_server: LocalServer) -> None:
    url = http_server.page("/br", brotli.compress(PAGE), headers={"Content-Encoding": "br"})
    assert "word1 word2" in load_page(url).text


def test_deflate_page_is_decoded_whether_zlib_wrapped_or_raw(http_server: LocalServer) -> None:
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    raw_body = raw.compress(PAGE) + raw.flush()
    wrapped = http_server.page("/z", zlib.compress(PAGE), headers={"Content-Encoding": "deflate"})
    bare = http_server.page("/r", raw_body, headers={"Content-Encoding": "deflate"})
    assert "word1 word2" in load_page(wrapped).text
    assert "word1 word2" in load_page(bare).text


@pytest.mark.parametrize(
    "body",
    [
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + b"\xff" * 40,  # an invalid block type
        gzip.compress(PAGE)[:20],  # cut off before any content
        b"<html>not compressed at all</html>",
    ],
)
def test_corrupt_compressed_body_is_a_fetch_error(http_server: LocalServer, body: bytes) -> None:
    url = http_server.page("/bad", body, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="corrupt gzip") as caught:
        load_page(url)
    assert caught.value.exit_code == EXIT_FETCH


def test_compressed_page_cut_short_shows_what_arrived(http_server: LocalServer) -> None:
    compressed = gzip.compress(PAGE)
    url = http_server.page(
        "/cut", compressed[: len(compressed) // 2], headers={"Content-Encoding": "gzip"}
    )
    assert "word1 word2" in load_page(url).text


def test_unsupported_content_encoding_is_refused_by_name(http_server: LocalServer) -> None:
    url = http_server.page("/z", b"\x28\xb5\x2f\xfd...", headers={"Content-Encoding": "zstd"})
    with pytest.raises(ContentError, match="zstd") as caught:
        load_page(url)
    assert caught.value.exit_code == EXIT_CONTENT


def _peak_memory_of_load(url: str) -> int:
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="larger than the 1 MB limit"):
            load_page(url, max_size=CAP, timeout=30)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_gzip_bomb_stops_at_the_cap_with_bounded_memory(http_server: LocalServer) -> None:
    """100 MiB of zeros in 100 KB of gzip: reading stops at the 1 MB cap, and memory stays a
    few MB (decoding each 64 KB network chunk at once would allocate 64 MB)."""
    url = http_server.page(
        "/bomb.gz", gzip_bomb(BOMB_SIZE // 2**20), headers={"Content-Encoding": "gzip"}
    )
    assert _peak_memory_of_load(url) < 16 * 2**20


def test_brotli_bomb_stops_at_the_cap_with_bounded_memory(
    http_server: LocalServer, brotli_bomb: bytes
) -> None:
    """100 MiB of zeros in a few hundred bytes of brotli: one unbounded decode call would
    allocate all 100 MiB; reading stops at the 1 MB cap in a few MB."""
    assert len(brotli_bomb) < 10_000
    url = http_server.page("/bomb.br", brotli_bomb, headers={"Content-Encoding": "br"})
    assert _peak_memory_of_load(url) < 16 * 2**20


def test_bomb_under_two_encodings_stops_at_the_cap(http_server: LocalServer) -> None:
    body = brotli.compress(gzip_bomb(20), quality=1)
    url = http_server.page("/bomb2", body, headers={"Content-Encoding": "gzip, br"})
    assert _peak_memory_of_load(url) < 16 * 2**20
