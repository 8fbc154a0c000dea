"""Stand-in desktop programs for the tests (a browser, a clipboard tool): small real shell
scripts put alone on PATH, so reader finds and runs them as it would the real ones."""

from __future__ import annotations

import shlex
import stat
import time
from pathlib import Path

import pytest


def program(folder: Path, name: str, script: str) -> Path:
    """An executable shell script `name` in `folder` (a stand-in for a real program)."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def session(monkeypatch: pytest.MonkeyPatch, path: Path, *, display: bool) -> None:
    """A terminal session with only `path` on PATH (so no installed browser or clipboard
    tool is found), with or without X11."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "TMUX", "VTE_VERSION", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    if display:
        monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("PATH", str(path))


def recording_browser(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """A graphical session whose browser ("firefox") appends each address it is given to the
    returned file (and prints noise on stderr, which must never reach the screen)."""
    opened = folder / "opened.txt"
    program(
        folder / "bin",
        "firefox",
        f'echo "$1" >> {shlex.quote(str(opened))}\necho noise >&2\n',
    )
    session(monkeypatch, folder / "bin", display=True)
    return opened


def opened_addresses(opened: Path, expected: int, timeout: float = 5.0) -> list[str]:
    """The addresses the recording browser was given, once there are `expected` of them (it
    runs detached, so it may finish after reader said it started it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = opened.read_text().split() if opened.exists() else []
        if len(lines) >= expected:
            return lines
        time.sleep(0.05)
    return opened.read_text().split() if opened.exists() else []
