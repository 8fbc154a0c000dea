"""Read aloud on the command line: `reader --speak` and `reader --audio FILE.wav`.

`--speak` reads from the saved reading position and prints each block as it starts, so a
braille display shows what is heard; ctrl+c stops and saves the position at the sentence that
was being spoken. `--audio` writes the whole article as one WAV file, with a progress bar on
stderr when stderr is a terminal.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from reader.core.document import Article
from reader.core.errors import ContentError, UsageError
from reader.core.i18n import _
from reader.core.reading import Reading, position_key
from reader.core.safe_text import clean_line
from reader.core.speech.engines import AudioEngine
from reader.core.speech.outputs import WavFileOutput
from reader.core.speech.script import Utterance
from reader.core.speech.session import (
    Warn,
    article_language,
    article_script,
    reading_player,
    voice_settings,
)
from reader.core.storage.settings import Settings, load_settings
from reader.core.storage.state import ReadingPosition, State

_BAR = 30


def _settings(warn: Warn) -> Settings:
    settings, warnings = load_settings()
    for warning in warnings:
        warn(warning)
    return settings


def speak(article: Article, source: str | None, warn: Warn) -> int:
    """Read `article` aloud from its saved position, printing each block as it starts."""
    settings = _settings(warn)
    script = article_script(article, settings)
    key = position_key(article, source)
    with State() as state:
        for warning in state.warnings:
            warn(warning)
        shown: list[int] = []
        reading = Reading(article)

        def save(position: ReadingPosition, *, finished: bool = False) -> None:
            progress = reading.progress_after(position.block) if finished else None
            percent = (progress or reading.progress(position)).percent
            state.save_position(key, position, percent)

        def started(utterance: Utterance) -> None:
            if shown and shown[-1] == utterance.block:
                return
            shown.append(utterance.block)
            lines = script.lines.get(utterance.block, [])
            sys.stdout.write("".join(clean_line(line) + "\n" for line in lines) + "\n")
            sys.stdout.flush()
            if utterance.block >= 0:
                save(utterance.position)

        player = reading_player(article, settings, warn, on_sentence=started, script=script)
        player.start(state.position(key))
        try:
            while not player.wait(0.2):
                pass
        except KeyboardInterrupt:
            save(player.stop())
            player.wait(1)  # the sound stops and the player closes before reader exits
            said = _("stopped; the reading position is saved")
            print(f"reader: {said}", file=sys.stderr)
            raise
        save(player.position, finished=player.state == "finished")
    if player.error:
        raise ContentError(
            _("speech stopped: {reason}").format(reason=player.error),
            _("check the sound device and 'reader voices'"),
        )
    return 0


def record(article: Article, path: Path, warn: Warn) -> int:
    """Write the whole of `article`, read aloud, to the WAV file `path`."""
    if path.suffix.lower() != ".wav":
        raise UsageError(
            _("not a .wav file name: {path}").format(path=path), _("give a name ending in .wav")
        )
    settings = _settings(warn)
    script = article_script(article, settings)
    voice = voice_settings(settings, article_language(article), warn, audio_only=True)
    engine = voice.engine
    assert isinstance(engine, AudioEngine)
    partial = path.with_name(path.name + ".part")
    output = WavFileOutput(partial, paced=False)
    progress = _progress_bar if sys.stderr.isatty() else None
    total = len(script.utterances)
    try:
        for done, utterance in enumerate(script.utterances):
            synthesis = engine.synthesize(utterance.text, voice.voice, voice.rate)
            for chunk in synthesis.chunks(1 << 16):
                output.write(chunk, synthesis.sample_rate)
            if progress:
                progress(done + 1, total)
        output.close()
        os.replace(partial, path)
    except BaseException as error:
        with contextlib.suppress(OSError, ContentError):
            output.close()
        with contextlib.suppress(OSError):
            partial.unlink()
        if isinstance(error, OSError):
            raise UsageError(
                _("cannot write {path} ({reason})").format(
                    path=path, reason=error.strerror or error
                ),
                _("choose a folder you can write to"),
            ) from error
        raise
    finally:
        if progress:
            sys.stderr.write("\n")
    return 0


def _progress_bar(done: int, total: int) -> None:
    filled = _BAR * done // total
    bar = "#" * filled + "-" * (_BAR - filled)
    sys.stderr.write(f"\rWriting audio [{bar}] {100 * done // total:3d}% ({done}/{total})")
    sys.stderr.flush()
