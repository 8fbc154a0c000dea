"""The audio of one text from an engine's command, read in the background as it is made.

The engine runs as a subprocess in its own process group, so a ctrl+c at the terminal reaches
reader (which stops cleanly and saves the position) and not the engine half-way through a
sentence. Audio is 16-bit mono PCM; the sample rate comes from the WAV header the engine
writes, or is known in advance for engines that write raw samples.
"""

from __future__ import annotations

import os
import struct
import subprocess
import threading
from collections.abc import Iterator

SAMPLE_WIDTH = 2  # bytes per sample: 16-bit signed little-endian, mono
_READ_SIZE = 4096


class SynthesisError(Exception):
    """The engine's command failed or wrote something that is not audio."""


class Synthesis:
    """Audio being synthesised for one text; iterate `chunks()` to get it as it comes."""

    def __init__(self, argv: list[str], text: str, *, raw_rate: int | None = None) -> None:
        self.argv = argv
        self.sample_rate = raw_rate or 0
        self._wav = raw_rate is None
        self._buffer = bytearray()
        self._done = False
        self._error: str | None = None
        self._cond = threading.Condition()
        try:
            self._process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                process_group=0,
            )
        except OSError as error:
            raise SynthesisError(f"cannot run {argv[0]} ({error.strerror})") from error
        threading.Thread(target=self._feed, args=(text,), daemon=True).start()
        threading.Thread(target=self._read, daemon=True).start()

    def _feed(self, text: str) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(text.encode("utf-8") + b"\n")
            stdin.close()
        except OSError:
            pass  # the engine was cancelled or died; _read reports it

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        header = bytearray()
        while data := os.read(stdout.fileno(), _READ_SIZE):
            if self._wav and not self.sample_rate:
                header += data
                parsed = _parse_wav_header(bytes(header))
                if parsed is None:
                    continue
                rate, offset = parsed
                data = bytes(header[offset:])
                with self._cond:
                    self.sample_rate = rate
            with self._cond:
                self._buffer += data
                self._cond.notify_all()
        code = self._process.wait()
        with self._cond:
            if code not in (0, -9, -15) and not self._buffer:
                self._error = f"{self.argv[0]} failed (exit {code})"
            elif self._wav and not self.sample_rate and code == 0:
                self._error = f"{self.argv[0]} wrote no audio"
            self._done = True
            self._cond.notify_all()

    def chunks(self, size: int = 2048) -> Iterator[bytes]:
        """The PCM samples in pieces of about `size` bytes, as soon as the engine makes them.

        Raises SynthesisError when the engine fails before it makes any audio."""
        position = 0
        while True:
            with self._cond:
                while len(self._buffer) - position < size and not self._done:
                    self._cond.wait()
                if self._error:
                    raise SynthesisError(self._error)
                end = len(self._buffer)
                end -= (end - position) % SAMPLE_WIDTH
                if self._done and position >= end:
                    return
                piece = bytes(self._buffer[position : min(end, position + size)])
            position += len(piece)
            if piece:
                yield piece

    def pcm(self) -> bytes:
        """All the samples, once the engine has finished."""
        return b"".join(self.chunks(1 << 16))

    def cancel(self) -> None:
        """Stop the engine; whatever it made so far stays readable."""
        if self._process.poll() is None:
            self._process.kill()


def _parse_wav_header(data: bytes) -> tuple[int, int] | None:
    """(sample rate, offset of the samples) from the start of a WAV stream, or None until
    enough of it has arrived. Engines that stream write a made-up length: it is ignored."""
    if len(data) < 12:
        return None
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SynthesisError("the engine wrote something that is not WAV audio")
    offset = 12
    rate = 0
    while offset + 8 <= len(data):
        chunk, size = (
            data[offset : offset + 4],
            struct.unpack("<I", data[offset + 4 : offset + 8])[0],
        )
        if chunk == b"fmt ":
            if offset + 24 > len(data):
                return None
            channels, rate, _, _, bits = struct.unpack("<HIIHH", data[offset + 10 : offset + 24])
            if channels != 1 or bits != 16:
                raise SynthesisError("the engine wrote audio that is not 16-bit mono")
        elif chunk == b"data":
            return (rate, offset + 8) if rate else None
        offset += 8 + size + (size & 1)
    return None
