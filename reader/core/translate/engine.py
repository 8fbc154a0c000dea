"""Run a package's CTranslate2 model: our sentence splitting, sentencepiece, batched decoding.

This does what `argostranslate.translate.apply_packaged_translation` does for one hypothesis
(same beam size, length penalty, unknown-word replacement and target prefix), but with our
own sentence splitter (argostranslate's default one downloads a model) and with every
sentence of a request in one `translate_batch` call. One `ctranslate2.Translator` per
package, loaded on first use and reused for the life of the process.

Output length is bounded: a sentence of n tokens may produce at most 32, 64, 128 or 256
tokens (the smallest bucket >= 2n + 16), which stops a looping model early. Sentences are
grouped by bucket, so a sentence's translation never depends on its neighbours.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.errors import ContentError, UsageError
from reader.core.safe_text import clean_line
from reader.core.translate.cache import TranslationCache
from reader.core.translate.installed import (
    InstalledPackage,
    Warn,
    installed_packages,
    installed_pairs_text,
)
from reader.core.translate.machinery import require_translation
from reader.core.translate.sentences import split_sentences

PIVOT = "en"
LENGTH_BUCKETS = (32, 64, 128, 256)
MAX_BATCH_SIZE = 32


def decoding_limit(source_tokens: int) -> int:
    """The most tokens a sentence of `source_tokens` tokens may translate into."""
    wanted = 2 * source_tokens + 16
    return next((b for b in LENGTH_BUCKETS if b >= wanted), LENGTH_BUCKETS[-1])


def decoding_options(package: InstalledPackage) -> dict[str, object]:
    """translate_batch options, as argostranslate uses them, for one best hypothesis."""
    return {
        "beam_size": int(os.environ.get("ARGOS_BEAM_SIZE", "4")),
        "num_hypotheses": 1,
        "length_penalty": 0.2,
        "replace_unknowns": True,
        "max_batch_size": MAX_BATCH_SIZE,
    }


class PackageEngine:
    """One package's model and tokenizer, loaded once; `translate` is thread-safe."""

    def __init__(self, package: InstalledPackage) -> None:
        self.package = package
        # Set together by _load: a sentencepiece.SentencePieceProcessor and a
        # ctranslate2.Translator (untyped, so Any; imported only when a translation runs).
        self._processor: Any = None
        self._translator: Any = None
        self._load_lock = threading.Lock()
        self.loads = 0
        self.sentences_translated = 0

    @property
    def loaded(self) -> bool:
        return self._translator is not None

    def _load(self) -> None:
        with self._load_lock:
            if self._translator is not None:
                return
            import ctranslate2
            import sentencepiece

            path = self.package.path
            try:
                processor = sentencepiece.SentencePieceProcessor(
                    model_file=str(path / "sentencepiece.model")
                )
                translator = ctranslate2.Translator(
                    str(path / "model"),
                    device=os.environ.get("ARGOS_DEVICE_TYPE", "cpu"),
                    inter_threads=int(os.environ.get("ARGOS_INTER_THREADS", "1")),
                    intra_threads=int(os.environ.get("ARGOS_INTRA_THREADS", "0")),
                )
            except (RuntimeError, OSError, ValueError) as error:
                raise ContentError(
                    f"cannot load the {self.package.pair} translation package: "
                    f"{clean_line(str(error))[:200]}",
                    f"reinstall it: reader languages install {self.package.from_code} "
                    f"{self.package.to_code}",
                ) from error
            self._processor = processor
            self._translator = translator
            self.loads += 1

    def decode(self, pieces: list[str]) -> str:
        """Pieces back to text, as argostranslate does (target prefix and first space cut)."""
        text = self._processor.decode_pieces(pieces).replace("▁", " ")
        prefix = self.package.target_prefix
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        return clean_line(text)

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Each text translated: split into sentences, all sentences in batched calls."""
        self._load()
        owners: list[int] = []
        sentences: list[str] = []
        for index, text in enumerate(texts):
            for sentence in split_sentences(text):
                owners.append(index)
                sentences.append(sentence)
        tokens = self._processor.encode(sentences, out_type=str) if sentences else []
        hypotheses = self.translate_tokens(tokens)
        pieces: list[list[str]] = [[] for _ in texts]
        for owner, hypothesis in zip(owners, hypotheses, strict=True):
            pieces[owner].extend(hypothesis)
        self.sentences_translated += len(tokens)
        return [self.decode(p) if p else "" for p in pieces]

    def translate_tokens(self, tokens: list[list[str]]) -> list[list[str]]:
        """The best hypothesis for each tokenised sentence, grouped by length bucket."""
        self._load()
        results: list[list[str]] = [[] for _ in tokens]
        buckets: dict[int, list[int]] = {}
        for i, sentence in enumerate(tokens):
            buckets.setdefault(decoding_limit(len(sentence)), []).append(i)
        options = decoding_options(self.package)
        prefix = self.package.target_prefix
        for limit, indices in sorted(buckets.items()):
            batch = [tokens[i] for i in indices]
            try:
                outputs = self._translator.translate_batch(
                    batch,
                    target_prefix=[[prefix]] * len(batch) if prefix else None,
                    max_decoding_length=limit,
                    **options,
                )
            except (RuntimeError, ValueError) as error:
                raise ContentError(
                    f"the {self.package.pair} model failed: {clean_line(str(error))[:200]}",
                    f"reinstall it: reader languages install {self.package.from_code} "
                    f"{self.package.to_code}",
                ) from error
            for i, output in zip(indices, outputs, strict=True):
                results[i] = list(output.hypotheses[0])
        return results


_ENGINES: dict[tuple[str, str], PackageEngine] = {}
_ENGINES_LOCK = threading.Lock()


def engine_for(package: InstalledPackage) -> PackageEngine:
    """The shared engine for `package` (one CTranslate2 translator per package)."""
    key = (str(package.path), package.version)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _ENGINES[key] = PackageEngine(package)
        return engine


def forget_engines() -> None:
    """Drop every loaded model (after packages change, and in tests)."""
    with _ENGINES_LOCK:
        _ENGINES.clear()


@dataclass
class Route:
    """A chain of packages from one language to another: one hop, or two through English."""

    packages: list[InstalledPackage]
    cache: TranslationCache | None = None

    @property
    def description(self) -> str:
        return " then ".join(p.pair for p in self.packages)

    def translate(self, texts: Sequence[str]) -> list[str]:
        """`texts` translated through every hop, cached per hop and per text."""
        current = list(texts)
        for package in self.packages:
            current = self._hop(package, current)
        return current

    def _hop(self, package: InstalledPackage, texts: list[str]) -> list[str]:
        wanted = list(dict.fromkeys(t for t in texts if t.strip()))
        done = self.cache.get_many(package.cache_key, wanted) if self.cache else {}
        missing = [t for t in wanted if t not in done]
        if missing:
            fresh = dict(zip(missing, engine_for(package).translate(missing), strict=True))
            if self.cache:
                self.cache.put_many(package.cache_key, fresh)
            done.update(fresh)
        return [done.get(t, t) for t in texts]


def find_route(
    source: str, target: str, cache: TranslationCache | None = None, warn: Warn | None = None
) -> Route:
    """The packages to go from `source` to `target`; ContentError when the translate extra is
    missing, UsageError naming the package to install. Unreadable packages go to `warn`."""
    require_translation()
    packages = installed_packages(warn)
    by_pair = {(p.from_code, p.to_code): p for p in packages}
    if (source, target) in by_pair:
        return Route([by_pair[(source, target)]], cache)
    first, second = by_pair.get((source, PIVOT)), by_pair.get((PIVOT, target))
    if PIVOT not in (source, target) and first and second:
        return Route([first, second], cache)
    if PIVOT not in (source, target) and (first or second):
        missing = f"{PIVOT} {target}" if first else f"{source} {PIVOT}"
        command = f"reader languages install {source} {target} (or {missing} to go through English)"
    else:
        command = f"reader languages install {source} {target}"
    raise UsageError(
        f"no translation package for {source} → {target} "
        f"(installed: {installed_pairs_text(packages)})",
        f"install one with: {command}",
    )
