"""The player speaks with the real espeak-ng into sinks that take audio at playback speed, on a
thread of its own: sentences reported in order, pause, resume, stop, moves and the position."""

from __future__ import annotations

import queue
import shutil
import threading
import time
from pathlib import Path

import pytest

from reader.core.speech.engines import choose_engine
from reader.core.speech.outputs import NullOutput, WavFileOutput
from reader.core.speech.player import Player, State, VoiceSettings
from reader.core.speech.script import Utterance, build_script
from reader.core.storage.settings import Settings
from reader.core.storage.state import ReadingPosition
from tests.support.speech import ENGLISH, article, wav_facts

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is installed by .ci/run"
)
WAIT = 60  # seconds: generous, a guard against a hang, never a measure of speed


class Recorder:
    """What the player reported: each sentence as it started, and how it ended."""

    def __init__(self) -> None:
        self.started: queue.Queue[Utterance] = queue.Queue()
        self.seen: list[Utterance] = []
        self.ended: queue.Queue[State] = queue.Queue()

    def sentence(self, utterance: Utterance) -> None:
        self.seen.append(utterance)
        self.started.put(utterance)

    def next(self) -> Utterance:
        return self.started.get(timeout=WAIT)

    def wait_for(self, text: str) -> Utterance:
        while (utterance := self.next()).text != text:
            pass
        return utterance


def player_for(paragraphs: list[str], output: object = None, rate: int = 300):
    script = build_script(article(paragraphs))
    engine = choose_engine(Settings(engine="espeak-ng"))
    recorder = Recorder()
    player = Player(
        script,
        VoiceSettings(engine, "en", "en", rate),
        output or NullOutput(),  # type: ignore[arg-type]
        on_sentence=recorder.sentence,
        on_end=recorder.ended.put,
    )
    return player, recorder, script


def test_sentences_are_reported_in_order_and_the_file_sink_gets_the_speech(tmp_path: Path) -> None:
    sink = WavFileOutput(tmp_path / "spoken.wav")
    player, recorder, script = player_for(ENGLISH[:2], sink)
    player.start()
    assert recorder.ended.get(timeout=WAIT) == "finished"
    assert recorder.seen == script.utterances
    assert [u.text for u in recorder.seen] == ["River notes", "Heading 2: Canyons", *ENGLISH[:2]]
    assert wav_facts(tmp_path / "spoken.wav").peak > 3000


def test_pause_holds_the_sentence_and_resume_goes_on_to_the_end() -> None:
    player, recorder, script = player_for(ENGLISH, rate=200)
    player.start()
    recorder.wait_for(ENGLISH[0])
    player.toggle_pause()
    assert player.state == "paused"
    time.sleep(3)  # longer than the rest of the sentence: nothing new starts while paused
    assert recorder.seen[-1].text == ENGLISH[0]
    assert player.position == script.utterances[2].position
    player.toggle_pause()
    assert player.state == "speaking"
    assert recorder.ended.get(timeout=WAIT) == "finished"
    assert [u.text for u in recorder.seen[-4:]] == ENGLISH


def test_stop_keeps_the_position_at_the_sentence_being_spoken() -> None:
    player, recorder, _ = player_for(ENGLISH, rate=100)
    player.start()
    spoken = recorder.wait_for(ENGLISH[1])
    position = player.stop()
    assert position == spoken.position == ReadingPosition(spoken.block, 0)
    assert recorder.ended.get(timeout=WAIT) == "stopped"
    assert recorder.seen[-1] == spoken
    # Reading again from the kept position starts with that sentence.
    again, recorder_again, _ = player_for(ENGLISH, rate=300)
    again.start(position)
    assert recorder_again.next().text == ENGLISH[1]
    again.stop()


def test_speaking_starts_at_a_saved_position() -> None:
    player, recorder, script = player_for(ENGLISH)
    third = next(u for u in script.utterances if u.text == ENGLISH[2])
    player.start(third.position)
    assert recorder.ended.get(timeout=WAIT) == "finished"
    assert [u.text for u in recorder.seen] == ENGLISH[2:]


def test_next_and_previous_sentence_and_block_move_the_voice() -> None:
    player, recorder, script = player_for(ENGLISH, rate=100)
    player.start()
    recorder.wait_for(ENGLISH[0])
    player.next_sentence()
    assert recorder.next().text == ENGLISH[1]
    player.previous_sentence()
    assert recorder.next().text == ENGLISH[0]
    player.next_block()
    assert recorder.next().text == ENGLISH[1]
    player.previous_block()  # at a block's first sentence: the block before
    assert recorder.next().text == ENGLISH[0]
    player.stop()
    assert player.position == script.utterances[2].position


def test_rate_goes_up_and_down_within_bounds() -> None:
    player, _, _ = player_for(ENGLISH[:1], rate=290)
    assert player.faster() == 300
    assert player.faster() == 300
    assert player.slower() == 290
    slow, _, _ = player_for(ENGLISH[:1], rate=55)
    assert slow.slower() == 50
    assert slow.slower() == 50


def test_a_failing_front_end_callback_stops_the_player_and_says_why() -> None:
    script = build_script(article(ENGLISH[:1]))
    engine = choose_engine(Settings(engine="espeak-ng"))
    ended: queue.Queue[State] = queue.Queue()

    def broken(utterance: Utterance) -> None:
        raise ValueError(f"cannot show {utterance.text}")

    player = Player(
        script, VoiceSettings(engine), NullOutput(), on_sentence=broken, on_end=ended.put
    )
    player.start()
    assert ended.get(timeout=WAIT) == "stopped"
    assert player.error == "ValueError: cannot show River notes"


def test_stop_while_the_front_end_holds_a_sentence_keeps_its_place_and_ends() -> None:
    """An app whose loop is the one calling stop() cannot run on_sentence meanwhile."""
    script = build_script(article(ENGLISH))
    engine = choose_engine(Settings(engine="espeak-ng"))
    in_callback, release = threading.Event(), threading.Event()
    ended: queue.Queue[State] = queue.Queue()

    def busy(utterance: Utterance) -> None:
        if utterance.text == ENGLISH[0]:
            in_callback.set()
            release.wait(WAIT)

    player = Player(script, VoiceSettings(engine), NullOutput(), on_sentence=busy, on_end=ended.put)
    player.start()
    assert in_callback.wait(WAIT)
    assert player.stop() == script.utterances[2].position  # the callback is still held
    assert not player.wait(0)
    release.set()
    assert ended.get(timeout=WAIT) == "stopped"
