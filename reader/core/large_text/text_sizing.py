"""Bigger text in plain output with the kitty text-sizing protocol (OSC 66).

`ESC ] 66 ; s=N ; text BEL` asks the terminal to draw `text` with each cell an N x N block, at
N times the font size. Terminals that do not know the code ignore it (and drop the text), so
reader first probes, as the protocol's documentation describes: a carriage return, a cursor
position report (CSI 6n), a space sized `w=2`, another report, a space sized `s=2`, a third
report. If the cursor moved two cells each time, scaling works. A final primary device
attributes query (CSI c), which every terminal answers, ends the wait early on terminals that
ignore the sizing codes. Probing needs both stdin and stdout to be the terminal.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

OSC66 = "\x1b]66;"
BEL = "\x07"
MAX_PAYLOAD = 4096  # bytes of text per escape code, per the protocol
MIN_SCALE, MAX_SCALE = 1, 7

PROBE = (
    "\r\x1b[6n"  # where the cursor starts
    + OSC66
    + "w=2; "
    + BEL
    + "\x1b[6n"  # two cells on if the width part works
    + OSC66
    + "s=2; "
    + BEL
    + "\x1b[6n"  # two more if the scale part works
    + "\x1b[c"  # primary device attributes: answered by every terminal, ends the wait
)
CLEANUP = "\r\x1b[2K"  # erase the probe's spaces (a multicell is erased with its top row)

_CPR = re.compile(rb"\x1b\[(\d+);(\d+)R")
_DA1 = re.compile(rb"\x1b\[\?[\d;]*c")
_SGR = re.compile(r"(\x1b\[[\d;:]*m)")

UNSUPPORTED_MESSAGE = (
    "this terminal cannot scale text (it does not support the kitty text-sizing protocol, "
    "OSC 66), so the text is shown at its normal size; for large text in any terminal, open "
    "the full-screen reader and press + (or set the scale in Reading settings)"
)


def parse_probe_reply(reply: bytes) -> tuple[bool, bool]:
    """(width supported, scale supported) from the terminal's replies to `PROBE`."""
    columns = [int(col) for _, col in _CPR.findall(reply)]
    if len(columns) < 3:
        return (False, False)
    first, second, third = columns[:3]
    width = second - first == 2
    return (width, width and third - second == 2)


def probe_text_sizing(stdin_fd: int, stdout_fd: int, timeout: float = 0.5) -> bool:
    """True when the terminal on these descriptors scales text with OSC 66.

    Puts the terminal in non-canonical, no-echo mode for the probe and restores it; waits at
    most `timeout` seconds for the replies. False for anything that is not a terminal.
    """
    if not (os.isatty(stdin_fd) and os.isatty(stdout_fd)):
        return False
    import termios

    try:
        saved = termios.tcgetattr(stdin_fd)
    except termios.error:
        return False
    reply = b""
    try:
        raw = termios.tcgetattr(stdin_fd)
        raw[3] &= ~(termios.ICANON | termios.ECHO)  # lflags
        raw[6][termios.VMIN] = 0
        raw[6][termios.VTIME] = 0
        termios.tcsetattr(stdin_fd, termios.TCSANOW, raw)
        os.write(stdout_fd, PROBE.encode())
        deadline = time.monotonic() + timeout
        while not _DA1.search(reply):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([stdin_fd], [], [], left)
            if not ready:
                break
            chunk = os.read(stdin_fd, 1024)
            if not chunk:
                break
            reply += chunk
        os.write(stdout_fd, CLEANUP.encode())
    finally:
        termios.tcsetattr(stdin_fd, termios.TCSAFLUSH, saved)
    return parse_probe_reply(reply)[1]


def _chunks(text: str) -> Iterator[str]:
    """`text` in pieces of at most MAX_PAYLOAD bytes of UTF-8, split between characters."""
    piece = ""
    size = 0
    for char in text:
        length = len(char.encode())
        if size + length > MAX_PAYLOAD:
            yield piece
            piece, size = "", 0
        piece += char
        size += length
    if piece:
        yield piece


def scale_line(line: str, scale: int) -> str:
    """One output line at `scale`: each text piece in OSC 66, SGR colour codes kept outside."""
    out = []
    for part in _SGR.split(line):
        if not part:
            continue
        if _SGR.fullmatch(part):
            out.append(part)
            continue
        out.extend(f"{OSC66}s={scale};{piece}{BEL}" for piece in _chunks(part))
    # The cursor stays on the line's top row: move down past all N rows of it.
    return "".join(out) + "\n" * scale


def scale_text(text: str, scale: int) -> str:
    """Every line of `text` sized with OSC 66; an empty line still takes `scale` rows."""
    if not MIN_SCALE <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be {MIN_SCALE}-{MAX_SCALE}, not {scale}")
    if scale == 1:
        return text
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return "".join(scale_line(line, scale) for line in lines)


def scaled_width(columns: int, scale: int) -> int:
    """Columns of text per line at `scale` in a terminal `columns` wide (at least 20)."""
    return max(20, columns // max(1, scale))


def print_scaled(
    render_at: Callable[[int | None], str],
    scale: int,
    *,
    width: int | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    timeout: float = 0.5,
) -> bool:
    """Print an article at `scale` when the terminal supports OSC 66; True if it was scaled.

    `render_at(width)` returns the article's (sanitised) text wrapped at `width` columns, or
    unwrapped for None. When scaling works, lines are wrapped to fit the terminal at `scale`
    (`width` if given, else the terminal's columns / scale). Otherwise the text is printed at
    normal size with `width`, and one line on stderr says why it is not larger.
    """
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    if not MIN_SCALE <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be {MIN_SCALE}-{MAX_SCALE}, not {scale}")
    supported = False
    if scale > 1:
        try:
            stdout.flush()
            supported = probe_text_sizing(stdin.fileno(), stdout.fileno(), timeout)
        except (OSError, ValueError, AttributeError):
            supported = False
    if supported:
        columns = shutil.get_terminal_size().columns
        text = render_at(width or scaled_width(columns, scale))
        stdout.write(scale_text(text, scale))
    else:
        if scale > 1:
            print(f"reader: {UNSUPPORTED_MESSAGE}", file=stderr)
            stderr.flush()
        text = render_at(width)
        stdout.write(text if text.endswith("\n") or not text else text + "\n")
    stdout.flush()
    return supported
