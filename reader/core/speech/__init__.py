"""Read an article aloud, offline, with the speech engines the user already has.

Textual-free: `build_script` turns an `Article` into sentences tied to reading positions,
`choose_engine` finds speech-dispatcher, espeak-ng or piper, and `Player` speaks on a thread
of its own, reporting each sentence as it starts. Front-ends call `reading_player`.
"""

from reader.core.speech.engines import NoEngineError, choose_engine, find_engines, pick_voice
from reader.core.speech.outputs import NullOutput, WavFileOutput, default_output
from reader.core.speech.player import Player, VoiceSettings
from reader.core.speech.script import Script, Utterance, build_script
from reader.core.speech.session import reading_player

__all__ = [
    "NoEngineError",
    "NullOutput",
    "Player",
    "Script",
    "Utterance",
    "VoiceSettings",
    "WavFileOutput",
    "build_script",
    "choose_engine",
    "default_output",
    "find_engines",
    "pick_voice",
    "reading_player",
]
