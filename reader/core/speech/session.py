"""Start reading an article aloud: the one call every front-end makes.

`reading_player` builds the script from the article, finds the engine and the voice for the
article's language (warning once when there is none), picks the sound output and returns a
`Player` ready to `start(position)`. The full-screen app and line mode pass callbacks that
hop back to their own loop (`App.call_from_thread`): the player calls them on its thread.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.document import Article
from reader.core.errors import ContentError, UsageError
from reader.core.i18n import _
from reader.core.speech.engines import AudioEngine, choose_engine, pick_voice
from reader.core.speech.outputs import Output, default_output
from reader.core.speech.player import Player, State, VoiceSettings
from reader.core.speech.script import Script, Utterance, build_script
from reader.core.storage.settings import Settings

Warn = Callable[[str], None]


def article_language(article: Article) -> str | None:
    """The language the article is in (declared, else guessed), or None when unknown."""
    from reader.core.translate.article import source_language

    try:
        return source_language(article)
    except UsageError:
        return None


def voice_settings(
    settings: Settings, language: str | None, warn: Warn, **kw: bool
) -> VoiceSettings:
    """The engine, voice and rate to speak `language` with; warns once when no voice fits."""
    engine = choose_engine(settings, **kw)
    if settings.engine not in ("auto", engine.name):
        warn(f"the speech engine {settings.engine} is not available; using {engine.name}")
    voice, warning = pick_voice(engine, language, settings.voice)
    if warning:
        warn(warning)
    return VoiceSettings(engine, voice, language, settings.rate)


def article_script(article: Article, settings: Settings) -> Script:
    """The script of `article`; ContentError when there is nothing in it to say."""
    script = build_script(article, speak_code=settings.speak_code)
    if not script.utterances:
        raise ContentError(_("the article has no text to read aloud"))
    return script


def reading_player(
    article: Article,
    settings: Settings,
    warn: Warn,
    *,
    on_sentence: Callable[[Utterance], None] | None = None,
    on_end: Callable[[State], None] | None = None,
    output: Output | None = None,
    script: Script | None = None,
) -> Player:
    """A player for `article` (or its `script`, already built) with the user's engine, voice
    and rate, not yet started.

    Raises NoEngineError (exit 4) with no engine, ContentError with nothing to say or no way
    to play sound."""
    script = script or article_script(article, settings)
    voice = voice_settings(settings, article_language(article), warn)
    if output is None and isinstance(voice.engine, AudioEngine):
        output = default_output()
    return Player(script, voice, output, on_sentence=on_sentence, on_end=on_end)
