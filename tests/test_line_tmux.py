"""End to end: the INSTALLED `reader` in line mode in a real terminal (tmux), typed with
readline: history and editing, ctrl+c cancelling a slow load, and the three ways to ask for
line mode (TERM=dumb, READER_MODE=line, mode = "line")."""

from __future__ import annotations

import os
import shlex
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import httpserver
from tests.support.httpserver import Handler, LocalServer
from tests.support.terminal import TMUX, Terminal, environment, installed_reader

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")
http_server = httpserver.http_server

PAGE = b"""<!doctype html><html lang="en"><head><title>Engines</title></head><body>
<article><h1>Engines</h1>
<p>Steam engines changed how people worked and travelled, as <a href="/slow.html">the slow
page</a> explains at length, with many more words than this opening paragraph has.</p>
<h2>History</h2><p>The first engines pumped water out of mines, day and night, for years.</p>
<h2>Notes</h2><p>This is the last paragraph, in the notes at the end of the page.</p>
</article></body></html>"""


@pytest.fixture
def site(http_server: LocalServer) -> Iterator[str]:
    """The engines page; its link leads to a page that answers only when the test ends."""
    release = threading.Event()

    def slow(handler: Handler) -> None:
        release.wait(20)
        handler.send_page(PAGE)

    http_server.route("/slow.html", slow)
    yield http_server.page("/engines.html", PAGE)
    release.set()


def start(terminal: Terminal, args: str, **env: str) -> None:
    exports = environment(NO_PROXY="*", **env)
    terminal.start(
        f"env {exports} {shlex.quote(installed_reader())} {args}; echo EXITED:$?; sleep 60"
    )


def test_typing_commands_with_readline_history_and_editing(site: str, tmp_path: Path) -> None:
    record = tmp_path / "terminal.raw"
    terminal = Terminal(record_to=record)
    start(terminal, f"--line {site}")
    try:
        terminal.wait_for("Enter reads on; ? lists the commands.")
        terminal.keys("h", "Enter")
        terminal.wait_for("Heading 2: History")
        terminal.keys("Enter")
        terminal.wait_for("pumped water out of mines")
        terminal.keys("t 9", "Enter")
        terminal.wait_for("There is no heading 9")
        terminal.keys("Up", "BSpace", "2", "Enter")  # the last command, edited to t 2
        screen = terminal.wait_for("Heading 2: Notes")
        assert "> t 2" in screen
        terminal.keys("w", "Enter")
        terminal.wait_for("Block 4 of 5,")
        terminal.keys("q", "Enter")
        assert "EXITED:0" in terminal.wait_for("EXITED:")
    finally:
        terminal.close()
    raw = record.read_bytes().decode()
    # Only new lines: the one escape is the terminal echoing the typed backspace.
    assert raw.replace("\x08\x1b[K", "").count("\x1b") == 0
    assert "\x1b[?1049h" not in raw  # never the alternate screen


def test_ctrl_c_cancels_a_slow_load_and_returns_to_the_prompt(site: str) -> None:
    terminal = Terminal()
    start(terminal, f"--line {site}")
    try:
        terminal.wait_for("Enter reads on; ? lists the commands.")
        terminal.keys("g 1", "Enter")
        terminal.wait_for("Loading http://127.0.0.1")
        terminal.keys("C-c")
        terminal.wait_for("Cancelled.")
        terminal.keys("r", "Enter")  # still reading the engines page
        screen = terminal.wait_for("> r")
        assert screen.count("Steam engines changed") == 2
        terminal.keys("C-c")  # at the prompt: nothing is lost
        terminal.wait_for("Type q or press ctrl+d to quit.")
        terminal.keys("C-d")
        assert "EXITED:0" in terminal.wait_for("EXITED:")
    finally:
        terminal.close()


@pytest.mark.parametrize("way", ["TERM=dumb", "READER_MODE=line", "mode = line"])
def test_line_mode_opens_at_a_terminal_when_asked_for(site: str, way: str) -> None:
    env: dict[str, str] = {}
    if way == "mode = line":
        config = Path(os.environ["XDG_CONFIG_HOME"]) / "reader"
        config.mkdir(parents=True, exist_ok=True)
        (config / "settings.toml").write_text('mode = "line"\n')
    else:
        name, value = way.split("=")
        env[name] = value
    terminal = Terminal()
    start(terminal, site, **env)
    try:
        terminal.wait_for("Enter reads on; ? lists the commands.")
        terminal.keys("t 2", "Enter")  # ("end" would be sent as the End key)
        terminal.wait_for("Heading 2: Notes")
        terminal.keys("q", "Enter")
        assert "EXITED:0" in terminal.wait_for("EXITED:")
    finally:
        terminal.close()
