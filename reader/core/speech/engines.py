"""The speech engines reader can use, found at run time, and the voices they offer.

In this order: speech-dispatcher (the service Orca uses, so the user's own voice, rate and
language settings apply), espeak-ng, and piper when a piper voice file is configured. Each is
used through its own library or command; reader writes no synthesiser. Engines that make audio
for reader to play (espeak-ng, piper) are `AudioEngine`s and can also write a WAV file;
speech-dispatcher plays the audio itself and is a `ServiceEngine`.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import ContentError
from reader.core.i18n import _
from reader.core.speech.synthesis import Synthesis

if TYPE_CHECKING:
    from reader.core.storage.settings import Settings

NORMAL_RATE = 100  # per cent of the engine's normal speed
ESPEAK_NORMAL_WPM = 175
_ESPEAK_ALIASES = {"zh": "cmn", "zt": "yue", "nb": "nb", "no": "nb"}


class NoEngineError(ContentError):
    """No speech engine is installed: exit 4, naming the package to install."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message or _("no speech engine found"),
            _("install the espeak-ng package, e.g. apt install espeak-ng"),
        )


@dataclass(frozen=True, slots=True)
class Voice:
    """A voice an engine offers: the name to ask for it by, and its language code."""

    name: str
    language: str
    description: str = ""


def language_matches(voice_language: str, language: str) -> bool:
    """True when a voice for `voice_language` ("en-gb", "en_US") speaks `language` ("en")."""
    voice = voice_language.lower().replace("_", "-")
    wanted = language.lower().replace("_", "-")
    return voice == wanted or voice.startswith(wanted + "-") or wanted.startswith(voice + "-")


class Engine:
    """What every engine has: a name, and the voices it offers."""

    name = ""

    def voices(self) -> list[Voice]:
        raise NotImplementedError

    def voice_for(self, language: str) -> str | None:
        """The voice to ask for when speaking `language`, or None when there is none."""
        code = _ESPEAK_ALIASES.get(language, language)
        found = [v for v in self.voices() if language_matches(v.language, code)]
        return found[0].name if found else None


class AudioEngine(Engine):
    """An engine that hands reader the audio, to play or to write to a file."""

    def synthesize(self, text: str, voice: str | None, rate: int) -> Synthesis:
        raise NotImplementedError


class EspeakNg(AudioEngine):
    """espeak-ng, through its command (`--stdout` writes WAV as it speaks)."""

    name = "espeak-ng"

    def __init__(self, command: str) -> None:
        self.command = command
        self._voices: list[Voice] | None = None

    def voices(self) -> list[Voice]:
        if self._voices is None:
            self._voices = _espeak_voices(self.command)
        return self._voices

    def voice_for(self, language: str) -> str | None:
        # espeak-ng picks its best voice for a bare language code ("en" -> en-gb) itself.
        code = _ESPEAK_ALIASES.get(language, language)
        return code if super().voice_for(language) else None

    def synthesize(self, text: str, voice: str | None, rate: int) -> Synthesis:
        wpm = round(ESPEAK_NORMAL_WPM * rate / NORMAL_RATE)
        argv = [self.command, "--stdout", "-b", "1", "-s", str(wpm)]
        if voice:
            argv += ["-v", voice]
        return Synthesis(argv, text)


def _espeak_voices(command: str) -> list[Voice]:
    try:
        listing = subprocess.run(
            [command, "--voices"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    voices = []
    for line in listing.splitlines()[1:]:
        fields = line.split()
        # Pty Language Age/Gender VoiceName File [Other languages]; MBROLA voices need mbrola.
        if len(fields) >= 5 and not fields[4].startswith("mb/"):
            voices.append(Voice(fields[1], fields[1], fields[3].replace("_", " ")))
    return voices


class Piper(AudioEngine):
    """piper, through its command, with the voice file (`*.onnx`) the settings name."""

    name = "piper"

    def __init__(self, command: str, model: Path) -> None:
        self.command = command
        self.model = model
        config = _piper_config(model)
        self.sample_rate = int(config.get("audio", {}).get("sample_rate", 22050))
        language = config.get("language", {}).get("code") or config.get("espeak", {}).get(
            "voice", ""
        )
        self.language = str(language)

    def voices(self) -> list[Voice]:
        return [Voice(str(self.model), self.language, self.model.stem)]

    def synthesize(self, text: str, voice: str | None, rate: int) -> Synthesis:
        scale = NORMAL_RATE / max(rate, 1)
        argv = [self.command, "--model", str(self.model), "--output-raw"]
        argv += ["--length_scale", f"{scale:.3f}"]
        return Synthesis(argv, text, raw_rate=self.sample_rate)


def _piper_config(model: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class ServiceEngine(Engine):
    """An engine that plays the audio itself: reader sends text and waits for the end."""

    def say(self, text: str, language: str | None, voice: str | None, rate: int) -> Spoken:
        raise NotImplementedError


class Spoken:
    """One text being spoken by a service: wait for it to end, or cancel it."""

    def __init__(self) -> None:
        self.finished = threading.Event()
        self.error: str | None = None  # set when the service could not say it

    def cancel(self) -> None:
        raise NotImplementedError


class SpeechdLibrary(ServiceEngine):
    """speech-dispatcher through its Python binding (`speechd`)."""

    name = "speech-dispatcher"

    def __init__(self, speechd: Any) -> None:
        self.speechd = speechd
        self.client = speechd.SSIPClient("reader")
        self._voices: list[Voice] | None = None

    def voices(self) -> list[Voice]:
        if self._voices is None:
            found = self.client.list_synthesis_voices() or ()
            # (name, language, variant); language and variant may be None.
            self._voices = [Voice(str(v[0]), str(v[1] or ""), str(v[2] or "")) for v in found]
        return self._voices

    def voice_for(self, language: str) -> str | None:
        # The service chooses the user's voice for a language: ask for the language.
        return language if super().voice_for(language) or not self.voices() else None

    def say(self, text: str, language: str | None, voice: str | None, rate: int) -> Spoken:
        spoken = _SpeechdSpoken(self.client)
        if voice and voice != language:
            self.client.set_synthesis_voice(voice)
        elif language:
            self.client.set_language(language)
        if rate != NORMAL_RATE:
            self.client.set_rate(speechd_rate(rate))
        kinds = self.speechd.CallbackType
        self.client.speak(
            text,
            # Called on the binding's own thread, which must not send SSIP commands.
            callback=lambda *_, **__: spoken.finished.set(),
            event_types=(kinds.END, kinds.CANCEL),
        )
        return spoken


class _SpeechdSpoken(Spoken):
    def __init__(self, client: Any) -> None:
        super().__init__()
        self.client = client

    def cancel(self) -> None:
        self.client.cancel()
        self.finished.set()


class SpdSay(ServiceEngine):
    """speech-dispatcher through its `spd-say` command, when the binding is not installed."""

    name = "speech-dispatcher"

    def __init__(self, command: str) -> None:
        self.command = command
        self._voices: list[Voice] | None = None

    def voices(self) -> list[Voice]:
        if self._voices is None:
            try:
                listing = subprocess.run(
                    [self.command, "-L"], capture_output=True, text=True, timeout=10, check=False
                ).stdout
            except (OSError, subprocess.SubprocessError):
                listing = ""
            # NAME LANGUAGE VARIANT, right-aligned; a name may hold spaces.
            rows = [line.strip().rsplit(None, 2) for line in listing.splitlines()[1:]]
            self._voices = [Voice(*row) for row in rows if len(row) == 3]
        return self._voices

    def voice_for(self, language: str) -> str | None:
        return language if super().voice_for(language) or not self.voices() else None

    def say(self, text: str, language: str | None, voice: str | None, rate: int) -> Spoken:
        argv = [self.command, "--wait"]
        if voice and voice != language:
            argv += ["-y", voice]
        elif language:
            argv += ["-l", language]
        if rate != NORMAL_RATE:
            argv += ["-r", str(speechd_rate(rate))]
        return _SpdSaySpoken(self.command, [*argv, "--", text])


class _SpdSaySpoken(Spoken):
    def __init__(self, command: str, argv: list[str]) -> None:
        super().__init__()
        self.command = command
        self.cancelled = False
        self.process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, process_group=0
        )
        threading.Thread(target=self._wait, daemon=True).start()

    def _wait(self) -> None:
        code = self.process.wait()
        if code > 0 and not self.cancelled:
            self.error = _("spd-say failed (exit {code}); is speech-dispatcher running?").format(
                code=code
            )
        self.finished.set()

    def cancel(self) -> None:
        self.cancelled = True
        subprocess.run([self.command, "--cancel"], check=False, capture_output=True)
        self.process.kill()
        self.finished.set()


def speechd_rate(rate: int) -> int:
    """speech-dispatcher's rate (-100 to 100, 0 normal) for a rate in per cent (50 to 300)."""
    if rate >= NORMAL_RATE:
        return min(100, round((rate - NORMAL_RATE) / 2))
    return max(-100, round((rate - NORMAL_RATE) * 2))


# --- finding engines --------------------------------------------------------------------------


def find_engines(settings: Settings) -> list[Engine]:
    """Every engine installed, in the order reader prefers them."""
    found: list[Engine] = []
    service = _speech_dispatcher()
    if service is not None:
        found.append(service)
    espeak = shutil.which("espeak-ng")
    if espeak:
        found.append(EspeakNg(espeak))
    piper = _piper(settings)
    if piper is not None:
        found.append(piper)
    return found


def _speech_dispatcher() -> ServiceEngine | None:
    try:
        # Imported by name: the binding ships with speech-dispatcher, untyped, often absent.
        return SpeechdLibrary(importlib.import_module("speechd"))
    except Exception:  # not installed, or the service cannot be started
        pass
    command = shutil.which("spd-say")
    return SpdSay(command) if command else None


def _piper(settings: Settings) -> Piper | None:
    model = Path(settings.voice).expanduser() if settings.voice.endswith(".onnx") else None
    command = shutil.which("piper")
    if model is None or command is None or not model.is_file():
        return None
    return Piper(command, model)


def choose_engine(settings: Settings, *, audio_only: bool = False) -> Engine:
    """The engine to speak with: the `engine` setting if installed, else the first found.

    `audio_only` skips engines that cannot hand over audio (to write a file). Raises
    NoEngineError when there is none."""
    engines = [e for e in find_engines(settings) if isinstance(e, AudioEngine) or not audio_only]
    wanted = [e for e in engines if e.name == settings.engine]
    if wanted:
        return wanted[0]
    if engines:
        return engines[0]
    raise NoEngineError(
        _("no speech engine that can write audio found")
        if audio_only
        else _("no speech engine found")
    )


def pick_voice(engine: Engine, language: str | None, configured: str) -> tuple[str | None, str]:
    """The voice for speaking `language` with `engine`, and a warning ("" if none).

    The configured voice is kept when it speaks the language (or its language is unknown);
    otherwise a voice for the language; with none, the configured or default voice, and a
    warning that says so."""
    if not language:
        return configured or None, ""
    if configured:
        known = {voice.name: voice for voice in engine.voices()}
        voice = known.get(configured)
        if voice is None or language_matches(voice.language, language):
            return configured, ""
    chosen = engine.voice_for(language)
    if chosen:
        return chosen, ""
    warning = _("no {engine} voice for language {language!r}; using the default voice").format(
        engine=engine.name, language=language
    )
    return configured or None, warning
