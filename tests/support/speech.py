"""Read-aloud test helpers: articles to speak and a look at the samples of a WAV file."""

from __future__ import annotations

import array
import os
import wave
from dataclasses import dataclass
from pathlib import Path

from reader.core.document import Article, Heading, Inline, Paragraph

ENGLISH = [
    "Rivers carve canyons slowly, grain by grain.",
    "The water carries sand that scours the rock.",
    "Floods move the largest stones in a single night.",
    "Over millions of years the canyon grows deeper.",
]


def article(paragraphs: list[str], *, title: str = "River notes", language: str = "en") -> Article:
    """An article with a heading and one paragraph per string."""
    blocks = [Heading(2, [Inline("Canyons")]), *(Paragraph([Inline(p)]) for p in paragraphs)]
    return Article(title=title, blocks=blocks, language=language)


@dataclass(frozen=True)
class WavFacts:
    sample_rate: int
    samples: int
    peak: int  # the largest absolute sample value
    data: bytes

    @property
    def seconds(self) -> float:
        return self.samples / self.sample_rate


def wav_facts(path: Path) -> WavFacts:
    """The sample rate, length, peak level and samples of a 16-bit mono WAV file."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        data = wav.readframes(wav.getnframes())
        rate = wav.getframerate()
    samples = array.array("h", data)
    return WavFacts(rate, len(samples), max((abs(s) for s in samples), default=0), data)


def use_espeak_ng() -> None:
    """Settings that choose espeak-ng, so a machine that also has speech-dispatcher (which
    plays by itself, past any test sink) still speaks through the sink."""
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "reader" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('engine = "espeak-ng"\n', encoding="utf-8")
