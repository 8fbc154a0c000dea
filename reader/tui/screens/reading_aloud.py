"""Read aloud from the reader screen: its keys and the player's news, handed to `ReadAloud`
(reader.tui.speech)."""

from __future__ import annotations

from reader.tui.screens.screen_base import ScreenBase
from reader.tui.speech import SentenceSpoken, SpeechEnded, SpeechFailed


class ReadingAloud(ScreenBase):
    """The reader screen's read-aloud keys and messages."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The read-aloud moves act only while speaking, and never on a key typed into the
        prompt; otherwise their keys page and move as usual."""
        if action == "speech":
            return self.aloud.active and not self.prompt.has_focus_within
        return True

    def action_read_aloud(self) -> None:
        """Read aloud from the current paragraph; while reading, pause or resume."""
        if self.aloud.active:
            self.aloud.toggle_pause()
        else:
            self.aloud.start()

    def action_speech(self, command: str) -> None:
        if command == "pause":
            self.aloud.toggle_pause()
        else:
            self.aloud.move(command)

    def action_speech_rate(self, step: int) -> None:
        self.aloud.change_rate(step)

    def on_sentence_spoken(self, event: SentenceSpoken) -> None:
        self.aloud.sentence_spoken(event)

    def on_speech_ended(self, event: SpeechEnded) -> None:
        self.aloud.speech_ended(event)

    def on_speech_failed(self, event: SpeechFailed) -> None:
        self.aloud.speech_failed(event)
