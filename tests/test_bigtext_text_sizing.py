"""`--scale N` in plain output: OSC 66 text sizing, and the probe that decides to use it."""

from __future__ import annotations

import io
import os
import pty
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from reader.core.large_text.text_sizing import (
    MAX_PAYLOAD,
    PROBE,
    UNSUPPORTED_MESSAGE,
    parse_probe_reply,
    print_scaled,
    probe_text_sizing,
    scale_text,
)

ROOT = Path(__file__).resolve().parent.parent


def test_each_line_is_sized_and_followed_by_enough_newlines() -> None:
    out = scale_text("Title\n\nBody text\n", 2)
    assert out == ("\x1b]66;s=2;Title\x07\n\n" + "\n\n" + "\x1b]66;s=2;Body text\x07\n\n")
    assert scale_text("same", 1) == "same"
    with pytest.raises(ValueError):
        scale_text("x", 8)


def test_colour_codes_stay_outside_the_sized_text() -> None:
    out = scale_text("\x1b[1mBold\x1b[0m plain", 3)
    assert out == "\x1b[1m\x1b]66;s=3;Bold\x07\x1b[0m\x1b]66;s=3; plain\x07\n\n\n"


def test_long_lines_are_split_into_escape_codes_of_at_most_4096_bytes() -> None:
    line = "é" * 5000  # 10000 bytes of UTF-8
    out = scale_text(line, 2)
    payloads = [part.split(";", 2)[2] for part in out.strip("\n").split("\x07") if part]
    assert "".join(payloads) == line
    assert all(len(p.encode()) <= MAX_PAYLOAD for p in payloads)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (b"\x1b[5;1R\x1b[5;3R\x1b[5;5R\x1b[?62;22c", (True, True)),  # kitty: both parts
        (b"\x1b[5;1R\x1b[5;3R\x1b[5;3R\x1b[?62c", (True, False)),  # width only
        (b"\x1b[5;1R\x1b[5;1R\x1b[5;1R\x1b[?1;2c", (False, False)),  # ignores OSC 66
        (b"\x1b[?1;2c", (False, False)),  # no cursor reports at all
        (b"", (False, False)),
    ],
)
def test_probe_replies_are_read_as_the_protocol_documents(
    reply: bytes, expected: tuple[bool, bool]
) -> None:
    assert parse_probe_reply(reply) == expected


def _scripted_terminal(reply: bytes | None, timeout: float = 0.3) -> tuple[bool, bytes]:
    """Run the probe on a real pty; the other end answers like a terminal would."""
    master, slave = pty.openpty()
    seen = bytearray()
    result: list[bool] = []

    def probe() -> None:
        result.append(probe_text_sizing(slave, slave, timeout=timeout))

    thread = threading.Thread(target=probe)
    start = time.monotonic()
    thread.start()
    while PROBE.encode() not in bytes(seen) and time.monotonic() - start < 5:
        seen += os.read(master, 4096)
    if reply is not None:
        os.write(master, reply)
    thread.join(10)
    os.close(master)
    os.close(slave)
    assert result, "the probe did not finish"
    return result[0], bytes(seen)


def test_probe_on_a_pty_answering_like_kitty_says_yes() -> None:
    # A long timeout: the device-attributes reply, not the clock, ends the wait.
    supported, written = _scripted_terminal(b"\x1b[3;1R\x1b[3;3R\x1b[3;5R\x1b[?62;4c", 600)
    assert supported is True
    assert written.startswith(PROBE.encode())


def test_probe_on_a_pty_that_ignores_osc66_says_no_once_it_answers() -> None:
    supported, _ = _scripted_terminal(b"\x1b[3;1R\x1b[3;1R\x1b[3;1R\x1b[?1;2c", 600)
    assert supported is False


def test_probe_on_a_silent_pty_gives_up_after_the_timeout() -> None:
    supported, _ = _scripted_terminal(None)
    assert supported is False


def test_without_a_terminal_the_text_is_printed_normally_with_a_clear_message() -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    widths: list[int | None] = []

    def render(width: int | None) -> str:
        widths.append(width)
        return "Hello"

    assert print_scaled(render, 3, width=50, stdout=stdout, stderr=stderr) is False
    assert stdout.getvalue() == "Hello\n"
    assert widths == [50]
    assert stderr.getvalue() == f"reader: {UNSUPPORTED_MESSAGE}\n"
    assert "full-screen reader" in stderr.getvalue() and "OSC 66" in stderr.getvalue()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_in_a_real_terminal_without_text_sizing_the_probe_says_no(tmp_path: Path) -> None:
    """tmux answers cursor reports but does not implement OSC 66."""
    socket = f"reader-test-{uuid.uuid4().hex[:8]}"
    out = tmp_path / "out.txt"
    script = (
        "import sys; from reader.core.large_text.text_sizing import print_scaled; "
        "ok = print_scaled(lambda w: 'Some article text', 2); "
        f"open({str(out)!r}, 'w').write('RESULT %s' % ok)"
    )
    command = f'cd {ROOT} && {sys.executable} -c "{script}" 2>{tmp_path / "err.txt"}; sleep 5'
    subprocess.run(
        ["tmux", "-L", socket, "new-session", "-d", "-x", "80", "-y", "24", command], check=True
    )
    try:
        deadline = time.monotonic() + 20
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        screen = subprocess.run(
            ["tmux", "-L", socket, "capture-pane", "-p"], capture_output=True, text=True
        ).stdout
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], check=False)
    assert out.read_text() == "RESULT False"
    assert "Some article text" in screen
    assert "cannot scale text" in (tmp_path / "err.txt").read_text()


def test_cli_scale_without_a_terminal_prints_normally_and_says_why() -> None:
    page = ROOT / "reader" / "data" / "welcome.html"
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--plain", "--scale", "2", str(page)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b]66;" not in result.stdout
    assert "reader" in result.stdout and len(result.stdout.splitlines()) > 5
    assert result.stderr.strip() == f"reader: {UNSUPPORTED_MESSAGE}"


def test_cli_scale_on_a_terminal_that_supports_osc66_sizes_every_line() -> None:
    """The real CLI on a pty; the test answers the probe the way kitty does."""
    page = ROOT / "reader" / "data" / "welcome.html"
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--plain", "--scale", "2", "--width", "30", str(page)],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    output = bytearray()
    answered = False
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the pty
            break
        if not chunk:
            break
        output += chunk
        if not answered and PROBE.encode() in output:
            os.write(master, b"\x1b[1;1R\x1b[1;3R\x1b[1;5R\x1b[?62;22c")
            answered = True
    stderr = process.communicate(timeout=60)[1]
    os.close(master)
    assert process.returncode == 0, stderr
    assert answered and stderr == b""
    text = bytes(output).split(PROBE.encode(), 1)[1].decode()
    payloads = re.findall(r"\x1b\]66;s=2;([^\x07]*)\x07", text)
    assert len(payloads) > 5 and "By The reader developers" in payloads
    # Prose is wrapped to --width; the plain format keeps code lines and URLs whole.
    long = [payload for payload in payloads if len(payload) > 30]
    assert all("://" in payload or "|" in payload for payload in long), long
    # Nothing is printed outside the sized text but colour codes and line ends.
    rest = re.sub(r"\x1b\]66;[^\x07]*\x07|\x1b\[[\d;]*[mK]", "", text)
    assert rest.strip() == ""
