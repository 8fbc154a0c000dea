"""Line mode reads aloud with the real espeak-ng into the null output (taken at playback
speed): each block printed as it is spoken, and Enter or any command stops the voice. The
commands go in through a real pipe, each typed once the output shows what came before."""

from __future__ import annotations

import io
import os
import shlex
import shutil
import threading
from pathlib import Path

import pytest

from reader.core.pipeline import Options
from reader.core.reading import position_key
from reader.core.storage.state import State
from reader.line import run_line
from tests.support.speech import article, use_espeak_ng
from tests.support.terminal import TMUX, Terminal, environment, installed_reader

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is installed by .ci/run"
)
PARAGRAPHS = [
    "Rivers carve canyons slowly. Grain by grain.",
    "The water carries sand that scours the rock.",
    "Floods move the largest stones in a single night.",
]
WAIT = 60.0  # seconds: a guard against a hang, never a measure of speed


@pytest.fixture(autouse=True)
def espeak_into_null(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_AUDIO_OUTPUT", "null")
    use_espeak_ng()


class Session:
    """Line mode on a thread, fed through a pipe; `type` waits until the output holds `after`."""

    def __init__(self, paragraphs: list[str]) -> None:
        read, self._write = os.pipe()
        self.stdout = io.StringIO()
        self.changed = threading.Condition()
        stdin = os.fdopen(read, encoding="utf-8")
        self.article = article(paragraphs)
        self.thread = threading.Thread(
            target=run_line,
            args=(None, Options()),
            kwargs={"stdin": stdin, "stdout": self, "article": self.article},
        )
        self.thread.start()

    # The session's stdout: a StringIO that wakes `wait_for` on every write.
    def write(self, text: str) -> int:
        with self.changed:
            self.stdout.write(text)
            self.changed.notify_all()
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    @property
    def text(self) -> str:
        return self.stdout.getvalue()

    def wait_for(self, after: str) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: after in self.text, WAIT), self.text

    def type(self, command: str, *, after: str) -> None:
        self.wait_for(after)
        os.write(self._write, f"{command}\n".encode())

    def end(self) -> str:
        os.close(self._write)
        self.thread.join(WAIT)
        assert not self.thread.is_alive()
        return self.text


def test_a_prints_each_block_as_it_is_spoken_to_the_end() -> None:
    session = Session(PARAGRAPHS)
    session.type("a", after="? lists the commands.")
    session.type("q", after="reading aloud finished.")
    text = session.end()
    spoken = text[text.index("> a\n") :]
    assert spoken == (
        "> a\n"
        "Reading aloud. Enter or any command stops.\n"
        "River notes\n"
        "\n"
        "Heading 2: Canyons\n"
        "\n"
        "Rivers carve canyons slowly. Grain by grain.\n"
        "\n"
        "The water carries sand that scours the rock.\n"
        "\n"
        "Floods move the largest stones in a single night.\n"
        "\n"
        "End of the article: reading aloud finished.\n"
        "> q\n"
    )


def test_enter_stops_the_voice_and_keeps_the_place_at_the_block_spoken() -> None:
    session = Session(PARAGRAPHS)
    session.type("n", after="? lists the commands.")  # to the first paragraph
    session.type("a", after="> n\n")
    session.type("", after="Grain by grain.")
    session.type("w", after="Stopped reading aloud")
    session.type("q", after="> w\n")
    text = session.end()
    spoken = text[text.index("> a\n") :]
    assert spoken.startswith(
        "> a\n"
        "Reading aloud. Enter or any command stops.\n"
        "Rivers carve canyons slowly. Grain by grain.\n"
        ">\n"
        "Stopped reading aloud at block 2 of 4, under Heading 2: Canyons.\n"
        "> w\n"
    )
    assert "The water carries" not in spoken  # nothing more was spoken or printed
    with State() as state:
        saved = state.position(position_key(session.article, None))
    assert saved is not None and saved.block == 1


def test_a_command_typed_while_speaking_stops_the_voice_then_runs() -> None:
    session = Session(PARAGRAPHS)
    session.type("a", after="? lists the commands.")
    session.type("top", after="Heading 2: Canyons")
    session.type("q", after="> top\n")
    text = session.end()
    after = text[text.index("> top\n") :]
    lines = after.split("\n")
    assert lines[0] == "> top" and lines[1].startswith("Stopped reading aloud at ")
    assert lines[2:] == ["Heading 2: Canyons", "> q", ""]  # then top runs; no voice after it


def test_without_a_speech_engine_a_says_which_package_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    session = Session(PARAGRAPHS)
    session.type("a", after="? lists the commands.")
    session.type("q", after="espeak-ng")
    text = session.end()
    lines = text[text.index("> a\n") :].split("\n")
    assert lines[1].startswith("reader: no speech engine found (install the espeak-ng package")
    assert lines[2:] == ["> q", ""]  # one line, and the session goes on


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")
def test_at_a_terminal_each_spoken_block_prints_on_a_line_of_its_own(tmp_path: Path) -> None:
    """The installed reader in tmux: while speaking no prompt is shown, so no spoken block is
    glued to one (a braille display shows each line as heard); Enter stops and the prompt
    returns."""
    page = tmp_path / "rivers.html"
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    page.write_text(
        f"<!doctype html><html lang='en'><head><title>River notes</title></head><body>"
        f"<article><h1>River notes</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    terminal = Terminal()
    exports = environment(READER_AUDIO_OUTPUT="null")
    terminal.start(f"env {exports} {shlex.quote(installed_reader())} --line {page}; sleep 60")
    try:
        terminal.wait_for("? lists the commands.")
        terminal.keys("a", "Enter")
        screen = terminal.wait_for("reading aloud finished.")
        lines = [line.rstrip() for line in screen.splitlines()]
        spoken = lines[lines.index("Reading aloud. Enter or any command stops.") :]
        assert [line for line in spoken if line] == [
            "Reading aloud. Enter or any command stops.",
            "River notes",
            *PARAGRAPHS,
            "End of the article: reading aloud finished.",
        ]
        terminal.keys("w", "Enter")
        terminal.wait_for("% read")
    finally:
        terminal.close()
