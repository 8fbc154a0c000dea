"""Opening a link in the system browser: found as Python's webbrowser finds it, a terminal
browser run in the foreground with the terminal handed over, a graphical one detached and
silent, and a plain message when there is none. The browsers are real stand-in programs."""

from __future__ import annotations

import contextlib
import os
import shlex
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.i18n import use_language
from reader.desktop.browser import Browser, find_browser, open_in_browser
from tests.support.terminal import TMUX, Terminal

URL = "https://example.test/page?q=1#part2"


def install(folder: Path, name: str, body: str) -> Path:
    """A real executable shell script called `name` in `folder`."""
    script = folder / name
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    return folder


def session(bin_dir: Path, **variables: str) -> dict[str, str]:
    """An environment whose PATH holds the stand-ins (and the system's, for the shell)."""
    return {"PATH": f"{bin_dir}:/usr/bin:/bin", "TERM": "xterm-256color", **variables}


def test_browser_variable_comes_first_and_without_a_display_it_is_a_terminal_browser(
    bin_dir: Path,
) -> None:
    install(bin_dir, "mybrowser", "exit 0\n")
    install(bin_dir, "lynx", "exit 0\n")
    browser = find_browser(session(bin_dir, BROWSER="missing-browser:mybrowser --new %s"))
    assert browser == Browser("mybrowser", ("mybrowser", "--new", "%s"), terminal=True)
    assert browser.argv(URL) == ["mybrowser", "--new", URL]


def test_with_a_display_an_unknown_browser_is_graphical_but_lynx_stays_a_terminal_one(
    bin_dir: Path,
) -> None:
    install(bin_dir, "mybrowser", "exit 0\n")
    install(bin_dir, "lynx", "exit 0\n")
    graphical = find_browser(session(bin_dir, BROWSER="mybrowser", DISPLAY=":0"))
    assert graphical is not None and not graphical.terminal
    assert graphical.argv(URL) == ["mybrowser", URL]
    console = find_browser(session(bin_dir, BROWSER="lynx", WAYLAND_DISPLAY="wayland-0"))
    assert console is not None and console.terminal


def test_without_browser_the_display_opener_then_console_browsers_are_found(
    bin_dir: Path,
) -> None:
    install(bin_dir, "w3m", "exit 0\n")
    found = find_browser(session(bin_dir))
    assert found == Browser("w3m", ("w3m", "%s"), terminal=True)
    install(bin_dir, "xdg-open", "exit 0\n")
    assert find_browser(session(bin_dir)) == found  # no display: no graphical opener
    with_display = find_browser(session(bin_dir, DISPLAY=":0"))
    assert with_display is not None and (with_display.name, with_display.terminal) == (
        "xdg-open",
        False,
    )
    assert find_browser({"PATH": str(bin_dir)}) is None  # console browsers need TERM


def test_with_no_browser_at_all_the_result_says_so_and_shows_the_address(bin_dir: Path) -> None:
    result = open_in_browser(URL, env={"PATH": str(bin_dir), "TERM": "xterm"})
    assert not result.opened and result.browser is None
    assert result.message.startswith("No web browser found: install one or set BROWSER")
    assert result.message.endswith(URL)


def test_only_web_and_file_addresses_are_handed_to_a_browser(bin_dir: Path) -> None:
    install(bin_dir, "lynx", f'echo ran > "{bin_dir}/ran"\n')
    for address in ("javascript:alert(1)", "-remote=evil", "mailto:a@example.test"):
        result = open_in_browser(address, env=session(bin_dir))
        assert not result.opened and result.message.startswith("Not opened")
    assert not (bin_dir / "ran").exists()


def test_a_terminal_browser_runs_inside_the_hand_over_and_its_status_is_reported(
    bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "log"
    install(bin_dir, "lynx", f'echo "browser $1" >> "{log}"\nexit 0\n')

    @contextlib.contextmanager
    def suspended() -> Iterator[None]:
        with log.open("a") as out:
            out.write("suspended\n")
        yield
        with log.open("a") as out:
            out.write("resumed\n")

    result = open_in_browser(URL, suspended, env=session(bin_dir))
    assert result.opened and result.message == "Back from lynx"
    assert log.read_text().splitlines() == ["suspended", f"browser {URL}", "resumed"]

    install(bin_dir, "lynx", "exit 1\n")
    failed = open_in_browser(URL, suspended, env=session(bin_dir))
    assert not failed.opened and failed.message == "lynx quit with exit status 1"


def test_a_graphical_browser_is_detached_and_never_writes_to_our_terminal(
    bin_dir: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report"
    tell = (  # the browser reports its session, whether it has a terminal, and its argument
        "import os, sys; "
        f"open({str(report)!r} + '.tmp', 'w').write(f'{{os.getsid(0)}} {{sys.stdin.isatty()}} "
        "{sys.argv[1]}'); "
        f"os.replace({str(report)!r} + '.tmp', {str(report)!r})"
    )
    install(
        bin_dir,
        "mybrowser",
        'echo "noise on stdout"; echo "noise on stderr" >&2\n'
        f'exec {shlex.quote(sys.executable)} -c {shlex.quote(tell)} "$1"\n',
    )
    result = open_in_browser(URL, env=session(bin_dir, BROWSER="mybrowser", DISPLAY=":0"))
    assert result.opened and result.message == "Opened in mybrowser"
    deadline = time.monotonic() + 20
    while not report.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    session_id, stdin_is_tty, address = report.read_text().split()
    assert int(session_id) != os.getsid(0)  # its own session: our ctrl+c never reaches it
    assert stdin_is_tty == "False" and address == URL
    out, err = capfd.readouterr()
    assert "noise" not in out + err


def test_a_browser_that_cannot_start_is_reported_not_raised(bin_dir: Path) -> None:
    script = install(bin_dir, "lynx", "exit 0\n")
    script.write_bytes(b"\x7fELF not really")  # executable bit, but not a program
    result = open_in_browser(URL, env=session(bin_dir))
    assert not result.opened and result.message.startswith("Could not start lynx")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
def test_in_a_real_terminal_the_browser_gets_the_keys_and_reader_resumes_after_it(
    bin_dir: Path, tmp_path: Path
) -> None:
    keys = tmp_path / "keys"
    install(
        bin_dir,
        "w3m",
        '[ -t 0 ] && [ -t 1 ] && echo "stand-in browser owns the terminal at $1"\n'
        f'read key\necho "$key" > "{keys}"\n',
    )
    program = (
        "from reader.desktop.browser import open_in_browser; "
        f"print('result:', open_in_browser({URL!r}).message)"
    )
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in session(bin_dir).items())
    terminal = Terminal()
    try:
        terminal.start(
            f"env -u DISPLAY -u WAYLAND_DISPLAY -u BROWSER {env} "
            f"{shlex.quote(sys.executable)} -c {shlex.quote(program)}; sleep 30"
        )
        terminal.wait_for(f"stand-in browser owns the terminal at {URL}")
        terminal.keys("q", "Enter")  # the q goes to the browser, not to whoever called it
        terminal.wait_for("result: Back from w3m")
    finally:
        terminal.close()
    assert keys.read_text() == "q\n"


def test_browser_feedback_speaks_the_interface_language(bin_dir: Path) -> None:
    install(bin_dir, "lynx", "exit 1\n")
    use_language("de")
    try:
        failed = open_in_browser(URL, env=session(bin_dir))
        refused = open_in_browser("mailto:someone@example.test", env=session(bin_dir))
    finally:
        use_language("en")
    assert failed.message == "lynx wurde mit Exit-Status 1 beendet"
    assert refused.message.startswith("Nicht geöffnet: Nur Web- und Dateiadressen")
