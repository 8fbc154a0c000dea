"""Running the INSTALLED `reader` command as a user would: its path, and a real terminal (tmux)."""

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

TMUX = shutil.which("tmux")


def installed_reader() -> str:
    """The `reader` command installed beside this Python (or on PATH)."""
    beside_python = Path(sys.executable).with_name("reader")
    found = str(beside_python) if beside_python.exists() else shutil.which("reader")
    if not found:
        pytest.fail("the reader command is not installed (pip install -e .)")
    return found


def environment(**extra: str) -> str:
    """`VAR=value ...` for `env`: the test's own config/data/cache dirs and a known terminal."""
    env = {
        name: os.environ[name]
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "PATH")
        if name in os.environ
    }
    env |= {"TERM": "xterm-256color", "LANG": "C.UTF-8", **extra}
    return " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())


class Terminal:
    """One tmux server of our own (its own socket) running one command in a pane.

    With `record_to`, everything the program writes to the terminal is also appended, raw, to
    that file (the command waits for a first Enter so the recording starts before it does).
    """

    def __init__(
        self,
        width: int = 80,
        height: int = 24,
        *,
        record_to: Path | None = None,
        key_pause: float = 0.15,
    ) -> None:
        self.socket = f"reader-test-{uuid.uuid4().hex[:8]}"
        self.size = (str(width), str(height))
        self.record_to = record_to
        self.key_pause = key_pause

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
        if self.record_to is not None:
            command = f"sh -c {shlex.quote('read go; ' + command)}"
        width, height = self.size
        self.tmux("-f", os.devnull, "new-session", "-d", "-x", width, "-y", height, command)
        self.tmux("set-option", "-s", "escape-time", "0")
        if self.record_to is not None:
            self.tmux("set-option", "-s", "set-clipboard", "on")  # OSC 52 would fill a buffer
            self.tmux("pipe-pane", "-o", f"cat >> {shlex.quote(str(self.record_to))}")
            self.tmux("send-keys", "Enter")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", key)
            time.sleep(self.key_pause)

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
