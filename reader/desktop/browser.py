"""Opening an address in the system web browser without ever losing the screen to it.

The browser is found the way Python's `webbrowser` finds it: the BROWSER variable first (a
list of commands separated by the path separator, `%s` standing for the address), then the
platform's own opener and the graphical browsers when there is a display, then the terminal
browsers. A terminal browser (lynx, w3m, links, elinks, or any command run without a display)
needs the screen and the keyboard: `open_in_browser` runs it in the foreground inside
`hand_over` (the app passes Textual's `App.suspend`), so keys go to one program at a time. A
graphical browser is started detached, in its own session, with its input and output on
/dev/null, so nothing it prints lands on the reader's screen.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass

from reader.core.i18n import _
from reader.core.safe_text import clean_line

# Browsers that draw in the terminal (Debian's www-browser is the console browser alternative).
TERMINAL_BROWSERS = frozenset(
    {"lynx", "w3m", "links", "links2", "elinks", "www-browser", "browsh", "carbonyl", "cha"}
)
# Graphical browsers and openers, in webbrowser's order of preference (with a display only).
_GRAPHICAL = (
    ("xdg-open", ["xdg-open", "%s"]),
    ("gio", ["gio", "open", "--", "%s"]),
    ("x-www-browser", ["x-www-browser", "%s"]),
    ("firefox", ["firefox", "%s"]),
    ("google-chrome", ["google-chrome", "%s"]),
    ("chrome", ["chrome", "%s"]),
    ("chromium", ["chromium", "%s"]),
    ("chromium-browser", ["chromium-browser", "%s"]),
    ("epiphany", ["epiphany", "%s"]),
    ("konqueror", ["konqueror", "%s"]),
    ("opera", ["opera", "%s"]),
)
_CONSOLE = ("www-browser", "links", "elinks", "lynx", "w3m")
_OPENABLE = ("http://", "https://", "file:")


@dataclass(frozen=True, slots=True)
class Browser:
    """A browser command; `terminal` when it draws in the terminal rather than a window."""

    name: str
    command: tuple[str, ...]  # "%s" stands for the address; without it the address is appended
    terminal: bool

    def argv(self, url: str) -> list[str]:
        if any("%s" in part for part in self.command):
            return [part.replace("%s", url) for part in self.command]
        return [*self.command, url]


@dataclass(frozen=True, slots=True)
class OpenResult:
    """What happened: `opened` or not, with `message` for the user."""

    opened: bool
    message: str
    browser: Browser | None = None


def find_browser(
    env: Mapping[str, str] | None = None, platform: str = sys.platform
) -> Browser | None:
    """The browser `webbrowser` would pick for this session, or None when there is none."""
    env = os.environ if env is None else env
    path = env.get("PATH", os.defpath)
    display = bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")) or platform in (
        "darwin",
        "win32",
    )
    for line in env.get("BROWSER", "").split(os.pathsep):
        with contextlib.suppress(ValueError):  # unbalanced quotes: not a command
            command = shlex.split(line)
            if command and shutil.which(command[0], path=path):
                name = os.path.basename(command[0])
                return Browser(name, tuple(command), name in TERMINAL_BROWSERS or not display)
    if platform == "darwin" and shutil.which("open", path=path):
        return Browser("open", ("open", "%s"), terminal=False)
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        for name, command in _GRAPHICAL:
            if shutil.which(name, path=path):
                return Browser(name, tuple(command), terminal=False)
    if env.get("TERM"):
        for name in _CONSOLE:
            if shutil.which(name, path=path):
                return Browser(name, (name, "%s"), terminal=True)
    return None


def open_in_browser(
    url: str,
    hand_over: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
    env: Mapping[str, str] | None = None,
) -> OpenResult:
    """Open `url` in the system browser: a terminal browser in the foreground inside
    `hand_over()`, a graphical one detached. Never raises."""
    shown = clean_line(url)
    if not url.startswith(_OPENABLE):
        said = _("Not opened: only web and file addresses open in a browser ({address})")
        return OpenResult(False, said.format(address=shown))
    browser = find_browser(env)
    if browser is None:
        said = _(
            "No web browser found: install one or set BROWSER (for example BROWSER=lynx). "
            "The address: {address}"
        )
        return OpenResult(False, said.format(address=shown))
    if browser.terminal:
        with hand_over():
            return run_in_terminal(browser, url, env)
    return open_detached(browser, url, env)


def run_in_terminal(browser: Browser, url: str, env: Mapping[str, str] | None = None) -> OpenResult:
    """Run a terminal browser on this terminal and wait for it to quit."""
    try:
        status = subprocess.run(browser.argv(url), env=_env(env), check=False).returncode
    except OSError as error:
        return _not_started(browser, error)
    except KeyboardInterrupt:
        said = _("{browser} was interrupted").format(browser=browser.name)
        return OpenResult(False, said, browser)
    if status != 0:
        said = _("{browser} quit with exit status {status}")
        return OpenResult(False, said.format(browser=browser.name, status=status), browser)
    return OpenResult(True, _("Back from {browser}").format(browser=browser.name), browser)


def open_detached(browser: Browser, url: str, env: Mapping[str, str] | None = None) -> OpenResult:
    """Start a graphical browser in its own session, its input and output on /dev/null."""
    try:
        child = subprocess.Popen(
            browser.argv(url),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=_env(env),
        )
    except OSError as error:
        return _not_started(browser, error)
    # Reap it when it exits (openers such as xdg-open exit at once), so no zombie is left.
    threading.Thread(target=child.wait, name="browser-reaper", daemon=True).start()
    return OpenResult(True, _("Opened in {browser}").format(browser=browser.name), browser)


def _not_started(browser: Browser, error: OSError) -> OpenResult:
    said = _("Could not start {browser}: {reason}").format(
        browser=browser.name, reason=error.strerror
    )
    return OpenResult(False, said, browser)


def _env(env: Mapping[str, str] | None) -> dict[str, str] | None:
    return None if env is None else dict(env)
