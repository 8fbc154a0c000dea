"""End to end: the INSTALLED `reader` command in a real terminal (tmux), on a local web site.

Scroll, open the contents, follow a link, go back and quit, checking the captured screen.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from tui_helpers import running_site

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


def installed_reader() -> str:
    beside_python = Path(sys.executable).with_name("reader")
    found = str(beside_python) if beside_python.exists() else shutil.which("reader")
    if not found:
        pytest.fail("the reader command is not installed (pip install -e .)")
    return found


class Terminal:
    """One tmux server of our own (its own socket), 80x24, running one command."""

    def __init__(self) -> None:
        self.socket = f"reader-test-{uuid.uuid4().hex[:8]}"

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            [TMUX or "tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        return result.stdout

    def start(self, command: str) -> None:
        self.tmux("-f", os.devnull, "new-session", "-d", "-x", "80", "-y", "24", command)
        self.tmux("set-option", "-s", "escape-time", "0")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", key)
            time.sleep(0.15)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def close(self) -> None:
        self.tmux("kill-server")


def test_installed_reader_in_a_real_terminal_scrolls_follows_a_link_and_goes_back() -> None:
    reader = installed_reader()
    env = {
        name: os.environ[name]
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "PATH")
        if name in os.environ
    }
    env |= {"TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_PROXY": "*"}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    with running_site() as site:
        terminal = Terminal()
        url = site.url("/first.html")
        command = f"env {exports} {shlex.quote(reader)} {url}; echo EXITED:$?; sleep 60"
        terminal.start(command)
        try:
            terminal.wait_for("First Page")
            screen = terminal.wait_for("min left")  # the progress shows once it is laid out
            assert "Start here. Read the second page[1]" in screen
            first_lines = screen.splitlines()[1:4]
            terminal.keys("j", "j", "j", "PageDown")
            time.sleep(0.5)
            scrolled = terminal.screen()
            assert scrolled.splitlines()[1:4] != first_lines  # the text moved
            terminal.keys("g")  # back to the top
            terminal.wait_for("Start here")
            terminal.keys("t")
            screen = terminal.wait_for("Part three")  # the Contents pane lists the headings
            assert "Part one" in screen and "Part two" in screen
            terminal.keys("Escape")
            time.sleep(0.3)
            terminal.keys("1")
            terminal.wait_for("Link 1:")
            terminal.keys("Enter")
            screen = terminal.wait_for("reached by a link")
            assert "Second Page" in screen
            terminal.keys("H")
            screen = terminal.wait_for("First Page")
            assert "Start here" in screen
            terminal.keys("q")
            screen = terminal.wait_for("EXITED:")
            assert "EXITED:0" in screen
        finally:
            terminal.close()
    assert site.hits.count("/second.html") == 1
