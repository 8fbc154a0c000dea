"""Where the audio goes: the sound device (through a player command), a WAV file, or nowhere.

Every output takes samples at playback speed: `write` returns when it is nearly time for the
next samples, so pausing or stopping takes effect at once instead of after seconds of
buffered sound. Outputs that discard (`NullOutput`) or record (`WavFileOutput`) keep the same
pace, so they stand in for a sound device in tests and on machines without one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import wave
from pathlib import Path

from reader.core.errors import ContentError
from reader.core.i18n import _
from reader.core.speech.synthesis import SAMPLE_WIDTH

OUTPUT_VARIABLE = "READER_AUDIO_OUTPUT"
# Player commands that read raw 16-bit mono samples on stdin, most capable first.
_PLAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pw-play", ("--format=s16", "--rate={rate}", "--channels=1", "-")),
    ("paplay", ("--raw", "--format=s16le", "--rate={rate}", "--channels=1")),
    ("aplay", ("-q", "-t", "raw", "-f", "S16_LE", "-r", "{rate}", "-c", "1", "-")),
    ("play", ("-q", "-t", "raw", "-e", "signed", "-b", "16", "-r", "{rate}", "-c", "1", "-")),
)


class Output:
    """Takes samples at playback speed, `lead` seconds ahead of the clock."""

    lead = 0.0

    def __init__(self, *, paced: bool = True) -> None:
        self.paced = paced
        self.sample_rate = 0
        self.samples = 0  # written since the clock started
        self._clock = 0.0
        self.first_write: float | None = None  # time.monotonic() of the first samples

    def write(self, pcm: bytes, sample_rate: int) -> None:
        """Take `pcm`; returns when the output is ready for more."""
        if self.first_write is None:
            self.first_write = time.monotonic()
        if sample_rate != self.sample_rate:
            self.reopen(sample_rate)
        self.emit(pcm)
        if self.paced:
            self._pace(len(pcm) // SAMPLE_WIDTH)

    def _pace(self, samples: int) -> None:
        now = time.monotonic()
        if not self.samples or now > self._clock + self.samples / self.sample_rate:
            # The first samples, or after a pause or a gap: the clock starts again now.
            self._clock, self.samples = now, 0
        self.samples += samples
        due = self._clock + self.samples / self.sample_rate - self.lead
        if due > now:
            time.sleep(due - now)

    def reopen(self, sample_rate: int) -> None:
        """Get ready for samples at `sample_rate` (a new engine or voice)."""
        self.sample_rate = sample_rate
        self.samples = 0

    def emit(self, pcm: bytes) -> None:
        """Send the samples on; outputs that keep or play them override this."""

    def interrupt(self) -> None:
        """Drop what is queued but not yet heard (pause, stop, a jump)."""
        self.samples = 0

    def close(self) -> None:
        """Finish: flush a file, let a player drain."""


class NullOutput(Output):
    """Audio consumed at playback speed and discarded."""


class WavFileOutput(Output):
    """Audio written to a WAV file (at playback speed unless `paced=False`)."""

    def __init__(self, path: Path, *, paced: bool = True) -> None:
        super().__init__(paced=paced)
        self.path = path
        self._file: wave.Wave_write | None = None

    def reopen(self, sample_rate: int) -> None:
        if self._file is not None and sample_rate != self.sample_rate:
            raise ContentError(_("the voice changed its sample rate mid-file"), _("use one engine"))
        super().reopen(sample_rate)
        if self._file is None:
            self._file = wave.open(str(self.path), "wb")  # noqa: SIM115 - closed in close()
            self._file.setnchannels(1)
            self._file.setsampwidth(SAMPLE_WIDTH)
            self._file.setframerate(sample_rate)

    def emit(self, pcm: bytes) -> None:
        assert self._file is not None
        self._file.writeframes(pcm)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


class DeviceOutput(Output):
    """The sound device, through the first player command found (PipeWire, PulseAudio,
    ALSA, SoX). The player is restarted to drop queued audio on a pause or a jump."""

    lead = 0.2

    def __init__(self, command: str, args: tuple[str, ...]) -> None:
        super().__init__()
        self.command = command
        self.args = args
        self._process: subprocess.Popen[bytes] | None = None

    def reopen(self, sample_rate: int) -> None:
        self._end_player(drain=False)
        super().reopen(sample_rate)

    def emit(self, pcm: bytes) -> None:
        if self._process is None:
            argv = [self.command, *(a.format(rate=self.sample_rate) for a in self.args)]
            self._process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                process_group=0,
            )
        process = self._process
        assert process.stdin is not None
        try:
            process.stdin.write(pcm)
            process.stdin.flush()
        except BrokenPipeError:
            self._process = None
            name = Path(self.command).name
            raise OSError(f"the audio player {name} stopped (exit {process.wait()})") from None

    def interrupt(self) -> None:
        super().interrupt()
        self._end_player(drain=False)

    def close(self) -> None:
        self._end_player(drain=True)

    def _end_player(self, *, drain: bool) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if drain and process.stdin is not None:
            try:
                process.stdin.close()
                process.wait(timeout=5)
                return
            except (OSError, subprocess.TimeoutExpired):
                pass
        process.kill()
        process.wait()


def default_output() -> Output:
    """The output `READER_AUDIO_OUTPUT` names ("null", or a .wav file), else the sound
    device. Raises ContentError when there is no player command to reach the device."""
    chosen = os.environ.get(OUTPUT_VARIABLE, "").strip()
    if chosen == "null":
        return NullOutput()
    if chosen:
        return WavFileOutput(Path(chosen))
    for command, args in _PLAYERS:
        found = shutil.which(command)
        if found:
            return DeviceOutput(found, args)
    raise ContentError(
        _("no audio player found to play speech"),
        _("install pipewire-bin, pulseaudio-utils, alsa-utils or sox"),
    )
