"""Opening a link in the system browser (`o` in Links) and copying (`y`): a terminal browser
gets the whole terminal while the reader is suspended (tmux, the installed command, a stand-in
terminal program as BROWSER); a graphical one is started detached; with none the address is
shown. Copying uses the clipboard tool, else OSC 52, and says which, or shows the address."""

from __future__ import annotations

import shlex
import shutil
import time
from pathlib import Path

import pytest

from reader.tui.messages import OpenInBrowser
from tests.support.desktop import opened_addresses, program, recording_browser, session
from tests.support.terminal import TMUX, Terminal, environment, installed_reader
from tests.support.tui_helpers import long_article, make_app, message_text, running_site, show

HOME = "http://127.0.0.1:9/home"


async def open_first_link(pilot, app) -> str:  # type: ignore[no-untyped-def]
    screen = await show(pilot, app, app.first_article)
    await pilot.press("l")
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause(0.3)
    return message_text(screen)


async def test_a_graphical_browser_is_started_detached_with_the_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = recording_browser(monkeypatch, tmp_path)
    posted: list[object] = []
    app = make_app(article=long_article())
    async with app.run_test(size=(100, 30), message_hook=posted.append) as pilot:
        message = await open_first_link(pilot, app)
        assert OpenInBrowser(HOME) in posted
        assert message == "Opened in firefox"
        assert opened_addresses(opened, 1) == [HOME]


async def test_with_no_browser_the_reader_says_so_and_shows_the_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty-bin").mkdir()
    session(monkeypatch, tmp_path / "empty-bin", display=False)
    app = make_app(article=long_article())
    async with app.run_test(size=(100, 30)) as pilot:
        message = await open_first_link(pilot, app)
        assert message.startswith("No web browser found") and HOME in message


async def test_a_terminal_browser_needs_a_terminal_to_hand_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pilot runs headless: there is no terminal to suspend for lynx, so it is not started.
    bin_dir = tmp_path / "bin"
    ran = tmp_path / "ran.txt"
    program(bin_dir, "lynx", f"touch {shlex.quote(str(ran))}\n")
    session(monkeypatch, bin_dir, display=False)
    app = make_app(article=long_article())
    async with app.run_test(size=(100, 30)) as pilot:
        message = await open_first_link(pilot, app)
        assert "cannot be handed over" in message and HOME in message
    assert not ran.exists()


async def test_y_copies_with_the_clipboard_tool_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    copied = tmp_path / "copied.txt"
    cat = shutil.which("cat") or "cat"  # found now: PATH holds only the stand-ins below
    program(bin_dir, "xclip", f"{cat} > {shlex.quote(str(copied))}\n")
    session(monkeypatch, bin_dir, display=True)
    article = long_article()
    app = make_app(article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, article)
        await pilot.press("y")
        await pilot.pause()
        assert message_text(screen) == "Copied page URL with xclip"
        assert copied.read_text() == article.url
        assert app.clipboard == ""  # no OSC 52 was sent


async def test_y_where_nothing_can_copy_shows_the_address_to_copy_by_hand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty-bin").mkdir()
    session(monkeypatch, tmp_path / "empty-bin", display=False)
    monkeypatch.setenv("VTE_VERSION", "7600")  # GNOME Terminal and friends ignore OSC 52
    article = long_article()
    app = make_app(article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, article)
        await pilot.press("y")
        await pilot.pause()
        message = message_text(screen)
        assert message.startswith("Could not copy page URL")
        assert message.endswith(f"Copy it by hand: {article.url}")
        assert app.clipboard == ""


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")
def test_a_terminal_browser_gets_the_terminal_and_its_q_does_not_quit_reader(
    tmp_path: Path,
) -> None:
    keys = tmp_path / "keys.txt"
    # A stand-in terminal browser: it fills the screen, reads one key and exits.
    browser = program(
        tmp_path / "bin",
        "standin-browser",
        'clear\necho STAND-IN BROWSER SHOWING "$1"\n'
        "stty raw -echo\nkey=$(dd bs=1 count=1 2>/dev/null)\nstty sane\n"
        f'printf %s "$key" >> {shlex.quote(str(keys))}\n',
    )
    exports = environment(NO_PROXY="*", BROWSER=str(browser))
    with running_site() as site:
        terminal = Terminal()
        url = site.url("/first.html")
        command = f"env {exports} {shlex.quote(installed_reader())} {url}; echo EXITED:$?; sleep 60"
        terminal.start(command)
        try:
            terminal.wait_for("min left")
            terminal.keys("l")
            terminal.wait_for("Link 1:")
            terminal.keys("o")
            screen = terminal.wait_for("STAND-IN BROWSER SHOWING")
            assert site.url("/second.html") in screen
            assert "First Page" not in screen and "min left" not in screen  # reader is away
            terminal.keys("q")  # meant for the browser
            screen = terminal.wait_for("Back from standin-browser")
            assert "First Page" in screen and "STAND-IN" not in screen
            assert keys.read_text() == "q"
            time.sleep(0.5)
            assert "EXITED" not in terminal.screen()  # reader did not quit
            terminal.keys("Escape", "q")
            assert "EXITED:0" in terminal.wait_for("EXITED:")
        finally:
            terminal.close()
