"""Read a script aloud on a thread of its own, so no event loop ever waits for audio.

`Player` speaks from a position, calls `on_sentence` as each sentence starts (a front-end
highlights it and moves its reading position), and takes pause, resume, stop, next and
previous sentence or block, and faster or slower from any thread. Stopping leaves `position`
at the sentence that was being spoken. While one sentence plays, the next is already being
synthesised, so sentences follow each other without a gap.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from reader.core.errors import ReaderError
from reader.core.speech.engines import AudioEngine, Engine, ServiceEngine, Spoken
from reader.core.speech.outputs import Output
from reader.core.speech.script import Script, Utterance
from reader.core.speech.synthesis import Synthesis, SynthesisError
from reader.core.storage.settings import MAX_RATE, MIN_RATE
from reader.core.storage.state import ReadingPosition

State = Literal["idle", "speaking", "paused", "stopped", "finished"]
RATE_STEP = 10
_POLL = 0.05  # seconds between looks at a service that is speaking


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    """How to speak: the engine, the voice (None: the engine's default), the language and the
    rate in per cent of normal speed."""

    engine: Engine
    voice: str | None = None
    language: str | None = None
    rate: int = 100


class Player:
    """Speaks `script` with `voice` into `output` (service engines need none)."""

    def __init__(
        self,
        script: Script,
        voice: VoiceSettings,
        output: Output | None = None,
        *,
        on_sentence: Callable[[Utterance], None] | None = None,
        on_end: Callable[[State], None] | None = None,
    ) -> None:
        if isinstance(voice.engine, AudioEngine) and output is None:
            raise ValueError("an engine that makes audio needs an output")
        self.script = script
        self.voice = voice
        self.rate = voice.rate
        self.output = output
        self.on_sentence = on_sentence
        self.on_end = on_end
        self.error: str | None = None
        self._state: State = "idle"
        self._index = 0
        self._jumped = False
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._next: tuple[int, int, Synthesis] | None = None  # (index, rate, synthesis)

    # -- control (any thread) ----------------------------------------------------------------

    def start(self, position: ReadingPosition | None = None) -> None:
        """Start speaking at the sentence that holds `position` (the title by default)."""
        with self._cond:
            if self._thread is not None:
                raise RuntimeError("a player speaks once; make a new one")
            self._index = self.script.index_at(position or ReadingPosition(0, 0))
            self._state = "speaking"
            self._thread = threading.Thread(target=self._run, name="reader-speech", daemon=True)
        self._thread.start()

    @property
    def state(self) -> State:
        return self._state

    @property
    def index(self) -> int:
        """The utterance being spoken (or to be spoken next)."""
        return self._index

    @property
    def position(self) -> ReadingPosition:
        """The start of the sentence being spoken: where reading resumes after a stop."""
        utterances = self.script.utterances
        if not utterances:
            return ReadingPosition(0, 0)
        return utterances[min(self._index, len(utterances) - 1)].position

    def pause(self) -> None:
        with self._cond:
            if self._state == "speaking":
                self._state = "paused"
                self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            if self._state == "paused":
                self._state = "speaking"
                self._cond.notify_all()

    def toggle_pause(self) -> None:
        if self._state == "paused":
            self.resume()
        else:
            self.pause()

    def stop(self) -> ReadingPosition:
        """Stop; the position stays at the sentence that was being spoken.

        Returns at once, without waiting for the speaking thread (which may be waiting for a
        front-end's `on_sentence` to come back from its event loop); the sound stops within a
        chunk of audio (about 50 ms), and `wait()` tells when the thread has ended."""
        with self._cond:
            if self._state in ("idle", "speaking", "paused"):
                self._state = "stopped"
                self._cond.notify_all()
        return self.position

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until speaking ends (finished or stopped); True if it has."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def next_sentence(self) -> None:
        self._jump(self._index + 1)

    def previous_sentence(self) -> None:
        self._jump(self._index - 1)

    def next_block(self) -> None:
        if self.script.utterances:
            self._jump(self.script.next_block_start(min(self._index, self._last)))

    def previous_block(self) -> None:
        """To the start of this block when past its first sentence, else the previous one."""
        if not self.script.utterances:
            return
        index = min(self._index, self._last)
        start = self.script.block_start(index)
        self._jump(start if start < index or start == 0 else self.script.block_start(start - 1))

    def faster(self) -> int:
        """Speak faster from the next sentence on; the new rate."""
        self.rate = min(MAX_RATE, self.rate + RATE_STEP)
        return self.rate

    def slower(self) -> int:
        self.rate = max(MIN_RATE, self.rate - RATE_STEP)
        return self.rate

    @property
    def _last(self) -> int:
        return len(self.script.utterances) - 1

    def _jump(self, index: int) -> None:
        with self._cond:
            if self._state not in ("speaking", "paused"):
                return
            self._index = min(max(0, index), len(self.script.utterances))
            self._jumped = True
            self._cond.notify_all()

    # -- the speaking thread -----------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._speak_all()
        except Exception as error:  # an engine, a device or a callback failed: stop, say why
            known = isinstance(error, SynthesisError | OSError | ReaderError)
            self.error = str(error) if known else f"{type(error).__name__}: {error}"
            with self._cond:
                self._state = "stopped"
        finally:
            self._drop_next()
            if self.output is not None:
                self.output.close()
        if self.on_end is not None:
            self.on_end(self._state)

    def _speak_all(self) -> None:
        while True:
            with self._cond:
                if self._state == "stopped":
                    return
                if self._index >= len(self.script.utterances):
                    self._state = "finished"
                    return
                index = self._index
                self._jumped = False
            utterance = self.script.utterances[index]
            if self.on_sentence is not None:
                self.on_sentence(utterance)
            if isinstance(self.voice.engine, ServiceEngine):
                self._say_service(self.voice.engine, utterance)
            else:
                self._say_audio(index)
            with self._cond:
                if self._state == "stopped":
                    return
                if not self._jumped:
                    self._index = index + 1

    def _interrupted(self) -> bool:
        """Wait out a pause; True when a stop or a jump ends the sentence. Holds the lock."""
        while self._state == "paused" and not self._jumped:
            self._cond.wait()
        return self._state == "stopped" or self._jumped

    def _say_audio(self, index: int) -> None:
        synthesis = self._synthesis(index)
        output = self.output
        assert output is not None
        try:
            for chunk in synthesis.chunks():
                with self._cond:
                    if self._state != "speaking" or self._jumped:
                        # Paused, stopped or moved: what the device has queued is not heard.
                        output.interrupt()
                    if self._interrupted():
                        return
                output.write(chunk, synthesis.sample_rate)
                if self._next is None:
                    # Once this sentence is heard, make the next one while it plays.
                    self._prepare(index + 1)
        finally:
            synthesis.cancel()

    def _synthesis(self, index: int) -> Synthesis:
        """The audio of utterance `index`: the one made ahead if it is still right."""
        ready, self._next = self._next, None
        if ready is not None and ready[:2] == (index, self.rate):
            return ready[2]
        if ready is not None:
            ready[2].cancel()
        return self._synthesize(index)

    def _prepare(self, index: int) -> None:
        if index < len(self.script.utterances):
            self._next = (index, self.rate, self._synthesize(index))

    def _synthesize(self, index: int) -> Synthesis:
        engine = self.voice.engine
        assert isinstance(engine, AudioEngine)
        return engine.synthesize(self.script.utterances[index].text, self.voice.voice, self.rate)

    def _drop_next(self) -> None:
        ready, self._next = self._next, None
        if ready is not None:
            ready[2].cancel()

    def _say_service(self, engine: ServiceEngine, utterance: Utterance) -> None:
        """Say one sentence through a service; a pause cancels it and says it again after."""
        voice = self.voice
        spoken: Spoken | None = engine.say(utterance.text, voice.language, voice.voice, self.rate)
        while True:
            with self._cond:
                if self._state == "paused" and spoken is not None:
                    spoken.cancel()
                    spoken = None
                if self._interrupted():
                    if spoken is not None:
                        spoken.cancel()
                    return
            if spoken is None:
                spoken = engine.say(utterance.text, voice.language, voice.voice, self.rate)
            if spoken.finished.wait(_POLL) and spoken.error:
                raise SynthesisError(spoken.error)
            if spoken.finished.is_set() and self._state == "speaking":
                return
