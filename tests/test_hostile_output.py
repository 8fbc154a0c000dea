"""End to end (issue 6): what a hostile page or server sends never reaches the terminal.

The INSTALLED `reader` command runs as a subprocess on one page (tests/hostile_terminal.py)
that puts escape sequences and control characters in every field, served by a real HTTP
server on 127.0.0.1 and read from a file, in every output format. Each test checks the bytes
on stdout and stderr: no C0 control but tab and newline, no DEL, no C1 (U+0080-U+009F) and no
bidi control, valid UTF-8, nothing of an escape sequence's payload, and every field present
(so the hostile text really went through that output). Then the one-line errors for servers
whose reason phrase, redirect Location or Content-Type holds escapes, and the distillation
time budget on a page readability is slow on.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.hostile_pages import json_strings
from tests.support.hostile_terminal import (
    CLEAN_HREF,
    hostile_page,
    leaked_payload,
    missing_fields,
    unsafe_in_bytes,
    unsafe_in_text,
    without_sgr,
)
from tests.support.httpserver import Handler, LocalServer
from tests.support.terminal import installed_reader

FORMATS = ("plain", "text", "markdown", "json", "html")
RUN_TIMEOUT = 60  # a guard against a hang, not a benchmark
PARALLEL_RUNS = 6  # the runs are independent processes: start a few at once to save time
SCRIPT = shutil.which("script")


# --- error messages quoting what a hostile server sent ------------------------------------------

OSC = b"\x1b]52;c;ZXZpbA==\x07\x1b]0;PWNED\x07\x1b[2J"  # 7-bit: ESC-introduced
C1 = "\u009b31m\u009d0;PWNED\u009c".encode("latin-1")  # 8-bit CSI and OSC as raw bytes
C1_UTF8 = "\u009b31m\u202e".encode()  # the same as UTF-8, and a bidi override


def raw_response(status_line: bytes, *headers: bytes, body: bytes = b"") -> bytes:
    lines = [status_line, *headers, b"Content-Length: %d" % len(body)]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


# name -> (raw response, expected exit code)
HOSTILE_RESPONSES: dict[str, tuple[bytes, int]] = {
    "reason_phrase_osc": (raw_response(b"HTTP/1.1 404 Not" + OSC + b" Found"), 3),
    "reason_phrase_c1": (raw_response(b"HTTP/1.1 404 Not " + C1 + b" Found"), 3),
    "reason_phrase_unknown_status_c1": (raw_response(b"HTTP/1.1 599 Odd " + C1_UTF8), 3),
    "location_osc": (raw_response(b"HTTP/1.1 302 Found", b"Location: /x" + OSC), 3),
    "location_data_c1": (raw_response(b"HTTP/1.1 302 Found", b"Location: data:text/html," + C1), 3),
    "location_javascript_osc": (
        raw_response(b"HTTP/1.1 302 Found", b"Location: javascript:" + OSC),
        3,
    ),
    "content_type_osc": (
        raw_response(b"HTTP/1.1 200 OK", b"Content-Type: application/x-" + OSC, body=b"hi"),
        4,
    ),
    "content_type_utf8": (
        raw_response(b"HTTP/1.1 200 OK", b"Content-Type: image/" + C1_UTF8, body=b"hi"),
        4,
    ),
    "charset_label_c1": (
        raw_response(
            b"HTTP/1.1 200 OK",
            b"Content-Type: text/html; charset=x" + C1,
            body=b"<title>T</title><p>Readable words.</p>",
        ),
        0,
    ),
}


def send_raw(data: bytes) -> Any:
    def route(handler: Handler) -> None:
        handler.close_connection = True
        handler.wfile.write(data)
        handler.wfile.flush()

    return route


def nested_paragraphs(levels: int) -> str:
    """Each paragraph one <div> deeper than the last: distillation time grows with the square
    of the depth (1,000 levels take about 4 s, 1,500 about 9 s on a quiet core)."""
    prose = "Honest words that a person would want to read in reading mode, one after another."
    paragraphs = "".join(
        f"<div><p>Paragraph {n}: {prose} <a href='/p{n}'>link {n}</a></p>" for n in range(levels)
    )
    return f"<html><head><title>Nested</title></head><body>{paragraphs}{'</div>' * levels}"


@dataclass(frozen=True)
class Run:
    """One `reader` invocation: its arguments, standard input, and whether it needs a pty."""

    args: tuple[str, ...]
    stdin: bytes | None = None
    in_terminal: bool = False


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """The local server with the hostile page and every hostile response, for the module."""
    local = LocalServer()
    local.page("/hostile.html", hostile_page().encode())
    for name, (data, _exit_code) in HOSTILE_RESPONSES.items():
        local.route(f"/{name}", send_raw(data))
    thread = threading.Thread(target=local.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield local
    local.stopping.set()
    local.shutdown()
    local.server_close()


def planned_runs(server: LocalServer, folder: Path) -> dict[str, Run]:
    page_file = folder / "hostile.html"
    page_file.write_text(hostile_page(), encoding="utf-8")
    nested_file = folder / "nested.html"
    nested_file.write_text(nested_paragraphs(1500), encoding="utf-8")
    runs = {f"http-{fmt}": Run(("--format", fmt, server.url("/hostile.html"))) for fmt in FORMATS}
    runs |= {f"file-{fmt}": Run(("--format", fmt, str(page_file))) for fmt in FORMATS}
    runs["stdin-plain"] = Run(("--plain", "-"), stdin=hostile_page().encode())
    runs["terminal-plain"] = Run(("--plain", str(page_file)), in_terminal=True)
    runs |= {
        f"error-{name}": Run(("--plain", server.url(f"/{name}"))) for name in HOSTILE_RESPONSES
    }
    runs["source-url"] = Run(("--plain", "http://a.example/\x1b]52;c;ZXZpbA==\x07\u009b31m"))
    runs["slow-distil"] = Run(("--plain", "--extract-timeout", "0.3", str(nested_file)))
    return runs


def execute(run: Run, home: Path) -> subprocess.CompletedProcess[bytes]:
    """Run the installed `reader` with its own user folders; plain pipes, or a pseudo-terminal
    made by util-linux `script` (then stdout holds the raw terminal stream)."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env |= {"LANG": "C.UTF-8", "TERM": "xterm-256color", "NO_PROXY": "127.0.0.1,localhost"}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        (home / name).mkdir(parents=True)
        env[name] = str(home / name)
    command = [installed_reader(), *run.args]
    if run.in_terminal:
        line = " ".join(command)
        command = [
            SCRIPT or "script",
            "-q",
            "-e",
            "-c",
            f"stty cols 80 rows 24; {line}",
            "/dev/null",
        ]
    return subprocess.run(
        command,
        input=run.stdin,
        stdin=None if run.stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=RUN_TIMEOUT,
        check=False,
    )


@pytest.fixture(scope="module")
def results(
    server: LocalServer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, subprocess.CompletedProcess[bytes]]:
    """Every planned run's result; the runs happen once, a few at a time."""
    folder = tmp_path_factory.mktemp("hostile-output")
    runs = planned_runs(server, folder)
    if SCRIPT is None:
        runs.pop("terminal-plain")
    with ThreadPoolExecutor(PARALLEL_RUNS) as pool:
        futures = {name: pool.submit(execute, run, folder / name) for name, run in runs.items()}
        return {name: future.result() for name, future in futures.items()}


def as_read(fmt: str, output: str) -> str:
    """The text a consumer of `fmt` ends up with: JSON strings decoded (a `\\u001b` escape
    would be a real ESC to `jq -r`), HTML entities resolved (`&#27;` likewise)."""
    if fmt == "json":
        return "\n".join(json_strings(json.loads(output)))
    if fmt == "html":
        return html.unescape(output)
    return output


def check_clean_article(fmt: str, result: subprocess.CompletedProcess[bytes]) -> None:
    assert result.returncode == 0, result.stderr
    assert unsafe_in_bytes(result.stdout) == []
    assert unsafe_in_bytes(result.stderr) == []
    text = as_read(fmt, result.stdout.decode())
    assert unsafe_in_text(text) == []
    assert leaked_payload(text) == []
    assert missing_fields(text) == []  # every hostile field went through this output
    assert CLEAN_HREF in text  # the link survives, without what was smuggled into it


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_page_over_http_prints_no_control_characters(results, fmt: str) -> None:  # type: ignore[no-untyped-def]
    check_clean_article(fmt, results[f"http-{fmt}"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_file_prints_no_control_characters(results, fmt: str) -> None:  # type: ignore[no-untyped-def]
    check_clean_article(fmt, results[f"file-{fmt}"])


def test_hostile_page_from_stdin_prints_no_control_characters(results) -> None:  # type: ignore[no-untyped-def]
    check_clean_article("plain", results["stdin-plain"])


@pytest.mark.skipif(SCRIPT is None, reason="util-linux `script` is not installed")
def test_in_a_real_terminal_only_readers_own_colour_codes_are_sent(results) -> None:  # type: ignore[no-untyped-def]
    """Under a pseudo-terminal plain output is coloured: the only escape sequences in the raw
    stream are reader's own SGR codes (bold, underline, reset)."""
    result = results["terminal-plain"]
    assert result.returncode == 0, result.stdout[-500:]
    raw = result.stdout
    assert b"\x1b[1m" in raw  # it really was a terminal: the title is bold
    plain = without_sgr(raw).replace(b"\r\n", b"\n")  # the terminal driver's CR LF
    assert unsafe_in_bytes(plain) == []
    assert leaked_payload(plain.decode()) == [] and missing_fields(plain.decode()) == []


@pytest.mark.parametrize("name", sorted(HOSTILE_RESPONSES))
def test_hostile_server_headers_give_one_clean_line(results, name: str) -> None:  # type: ignore[no-untyped-def]
    result = results[f"error-{name}"]
    exit_code = HOSTILE_RESPONSES[name][1]
    assert result.returncode == exit_code, result.stderr
    assert unsafe_in_bytes(result.stdout) == [] and unsafe_in_bytes(result.stderr) == []
    if exit_code:
        assert result.stdout == b""
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reader: ")
        assert "internal error" not in lines[0] and "Traceback" not in lines[0]


def test_source_url_with_escapes_is_a_usage_error_not_a_crash(results) -> None:  # type: ignore[no-untyped-def]
    """A URL pasted with hidden escapes in it (say, copied from a hostile page)."""
    result = results["source-url"]
    assert result.returncode == 2, result.stderr
    assert unsafe_in_bytes(result.stderr) == [] and leaked_payload(result.stderr.decode()) == []
    assert result.stderr.decode().startswith("reader: malformed URL")


def test_slow_distillation_falls_back_to_the_page_text_with_a_notice(results) -> None:  # type: ignore[no-untyped-def]
    result = results["slow-distil"]
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "Note: Distilling this page took too long; showing the page's main text." in out
    assert "Paragraph 0:" in out and "Paragraph 1499:" in out  # the whole text, first to last
    assert result.stderr == b""
