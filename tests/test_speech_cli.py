"""`reader --speak`: prints each block as it is spoken (real espeak-ng, audio consumed at
playback speed by the null output), and a real ctrl+c (SIGINT) stops it keeping the position."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.storage.state import ReadingPosition, State
from tests.support.cli import run_reader
from tests.support.speech import use_espeak_ng

PAGES = Path(__file__).parent / "pages"
BLOCKS = PAGES / "blocks.html"
THIRD_BLOCK = "Three forces work together on the rock"

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is installed by .ci/run"
)
NULL_AUDIO = {"READER_AUDIO_OUTPUT": "null"}


@pytest.fixture(autouse=True)
def espeak_ng() -> None:
    use_espeak_ng()


def test_speak_prints_each_block_as_it_is_spoken_then_saves_the_end(tmp_path: Path) -> None:
    page = tmp_path / "short.html"
    page.write_text(
        "<html lang='en'><head><title>Short</title></head><body><article>"
        "<h1>Short</h1><h2>Part one</h2><p>A first paragraph with a "
        "<a href='https://example.org/x'>link</a>, read quickly.</p>"
        "<p>See https://example.org/raw for more.</p></article></body></html>",
        encoding="utf-8",
    )
    result = run_reader("--speak", str(page), env=NULL_AUDIO)
    assert result.returncode == 0, result.stderr.decode()
    blocks = result.stdout.decode().strip().split("\n\n")
    assert blocks == [
        "Short",
        "Heading 2: Part one",
        "A first paragraph with a link, read quickly.",
        "See for more.",
    ]
    with State() as state:
        assert state.position(page.as_uri()) == ReadingPosition(2, 0)
        assert state.percent_read(page.as_uri()) == 100  # read to the end


def test_ctrl_c_stops_speaking_and_the_next_speak_resumes_there() -> None:
    env = {**os.environ, **NULL_AUDIO, "NO_COLOR": "1"}
    argv = [sys.executable, "-m", "reader", "--speak", str(BLOCKS)]
    first = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        assert first.stdout is not None
        printed = []
        while THIRD_BLOCK not in (line := first.stdout.readline().decode()):
            assert line, "reader stopped before the third block"
            printed.append(line)
        assert printed[0] == "How Rivers Carve Canyons\n"
        first.send_signal(signal.SIGINT)
        _, stderr = first.communicate(timeout=30)
    finally:
        first.kill()
    assert first.returncode == 130, stderr.decode()
    assert stderr.decode() == "reader: stopped; the reading position is saved\n"
    with State() as state:
        assert state.position(BLOCKS.as_uri()) == ReadingPosition(2, 0)
        assert 0 < (state.percent_read(BLOCKS.as_uri()) or 0) < 100

    again = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    try:
        assert again.stdout is not None
        assert again.stdout.readline().decode().startswith(THIRD_BLOCK)
        again.send_signal(signal.SIGINT)
        again.wait(timeout=30)
    finally:
        again.kill()
    assert again.returncode == 130
