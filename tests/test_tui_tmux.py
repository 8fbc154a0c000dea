"""End to end: the INSTALLED `reader` command in a real terminal (tmux), on a local web site.

Scroll, open the contents, follow a link, go back and quit, checking the captured screen.
"""

from __future__ import annotations

import os
import shlex
import time
from pathlib import Path

import pytest

from tests.support.terminal import TMUX, Terminal, environment, installed_reader
from tests.support.tui_helpers import running_site

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


def test_installed_reader_in_a_real_terminal_scrolls_follows_a_link_and_goes_back() -> None:
    reader = installed_reader()
    exports = environment(NO_PROXY="*")
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


def test_the_terminal_cursor_marks_the_current_paragraph_and_can_be_shown(tmp_path: Path) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "reader"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text("show_cursor = true\nwidth = 0\nmargin = 2\n")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Cursor</title></head><body><article><h1>Cursor</h1>"
        + "<p>First paragraph of the page, long enough to be an article body. </p>" * 12
        + "</article></body></html>"
    )
    terminal = Terminal()
    terminal.start(f"env {environment()} {shlex.quote(installed_reader())} {page}; sleep 60")
    try:
        terminal.wait_for("min left")
        time.sleep(0.3)
        assert terminal.tmux("display", "-p", "#{cursor_flag}").strip() == "1"
        terminal.keys("}", "}")
        time.sleep(0.3)
        x, y = terminal.tmux("display", "-p", "#{cursor_x},#{cursor_y}").strip().split(",")
        row = terminal.screen().splitlines()[int(y)]
        assert row[int(x) :].startswith("First paragraph")  # the paragraph being read
    finally:
        terminal.close()
