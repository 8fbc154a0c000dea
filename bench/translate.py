"""Translation benchmark: reader's article translation vs CTranslate2 called directly.

Run from the project root: `.venv/bin/python bench/translate.py` (options: --paragraphs,
--repeats, --d-model, --layers). No network and no downloaded model: it builds a real argos
package at run time (sentencepiece + a CTranslate2 transformer with seeded random weights,
see tests/argos_tiny.py), installs it into a temporary ARGOS_PACKAGES_DIR and measures:

- throughput: the same sentences, the same model and the same decoding options, through
  `translate_for_output` (segmenting, sentence splitting, cache lookups and writes,
  composing the Article) against a direct loop (sentencepiece encode, `translate_batch`,
  decode). The ratio is direct time / reader time; the goal is at least 0.9.
- time to the first visible paragraph: `iter_translated` from the top of the article with
  the first screenful (6 blocks) translated first, with the model loaded and from cold.
- a second open of the same article (served from the disk cache).

Writes bench/results/translate.json.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
VISIBLE_BLOCKS = 6


def build_article(paragraphs: int):
    """An article of `paragraphs` paragraphs of two or three sentences, plus headings."""
    from reader.core.document import Article, Heading, Inline, Paragraph, number_links
    from tests.support.argos_tiny import TRAINING_TEXT

    sentences = [s for s in TRAINING_TEXT.splitlines() if s]
    blocks = []
    for i in range(paragraphs):
        if i % 8 == 0:
            blocks.append(Heading(2, [Inline(f"Part {i // 8 + 1}: {sentences[i % 12][:-1]}")]))
        count = 2 + i % 2
        text = " ".join(sentences[(i * 5 + k) % len(sentences)] for k in range(count))
        # A unique number per paragraph keeps the cache from deduplicating the work.
        runs = [Inline(f"{text[:-1]} on day {i}. ")]
        if i % 5 == 0:
            runs.append(Inline("Read the report", "link", url=f"https://example.org/{i}"))
            runs.append(Inline(" today."))
        blocks.append(Paragraph(runs))
    article = Article(title="A long article", language="en", blocks=blocks)
    number_links(article)
    return article


_DIRECT: dict[str, tuple] = {}


def direct(package_dir: Path, sentences: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds for the bare CTranslate2 pipeline on `sentences` (model loaded)."""
    import ctranslate2
    import sentencepiece

    from reader.core.translate.engine import LENGTH_BUCKETS, MAX_BATCH_SIZE

    if str(package_dir) not in _DIRECT:
        _DIRECT[str(package_dir)] = (
            sentencepiece.SentencePieceProcessor(
                model_file=str(package_dir / "sentencepiece.model")
            ),
            ctranslate2.Translator(
                str(package_dir / "model"),
                device="cpu",
                inter_threads=1,
                intra_threads=int(os.environ["ARGOS_INTRA_THREADS"]),
            ),
        )
    processor, translator = _DIRECT[str(package_dir)]
    start, cpu = time.perf_counter(), time.process_time()
    tokens = processor.encode(sentences, out_type=str)
    buckets: dict[int, list[int]] = {}
    for i, t in enumerate(tokens):
        limit = next(b for b in LENGTH_BUCKETS if b >= 2 * len(t) + 16 or b == 256)
        buckets.setdefault(limit, []).append(i)
    outputs: list[list[str]] = [[] for _ in tokens]
    for limit, indices in buckets.items():
        results = translator.translate_batch(
            [tokens[i] for i in indices],
            beam_size=4,
            length_penalty=0.2,
            replace_unknowns=True,
            max_batch_size=MAX_BATCH_SIZE,
            max_decoding_length=limit,
        )
        for i, r in zip(indices, results, strict=True):
            outputs[i] = r.hypotheses[0]
    [processor.decode_pieces(o) for o in outputs]
    return time.perf_counter() - start, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=1, help="CTranslate2 threads for both sides (1)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "translate.json")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="reader-bench-translate-"))
    for key, sub in (("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache")):
        os.environ[key] = str(work / sub)
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    os.environ["ARGOS_INTRA_THREADS"] = str(args.threads)  # the same threads on both sides

    from reader.core.translate import engine
    from reader.core.translate.archive import install_file
    from reader.core.translate.article import (
        iter_translated,
        segments,
        translate_for_output,
    )
    from reader.core.translate.cache import TranslationCache
    from reader.core.translate.installed import find_package
    from reader.core.translate.sentences import split_sentences
    from tests.support.argos_tiny import build_package

    archive = build_package(
        work / "build", d_model=args.d_model, layers=args.layers, ffn=4 * args.d_model
    )
    package = install_file(archive)
    article = build_article(args.paragraphs)
    texts = [article.title, *segments(article.blocks)]
    sentences = [s for text in texts for s in split_sentences(text)]

    engine.engine_for(package).translate(["Warm up the model."])  # load once, as in use
    direct(package.path, ["Warm up the model."])
    direct_times, reader_times = [], []
    for i in range(args.repeats):
        if i % 2:  # alternate the order so neither side always runs second
            direct_times.append(direct(package.path, sentences))
        os.environ["XDG_CACHE_HOME"] = str(work / f"cache-{i}")  # a cold translation cache
        before = engine.engine_for(package).sentences_translated
        start, cpu = time.perf_counter(), time.process_time()
        translate_for_output(article, "xx")
        reader_times.append((time.perf_counter() - start, time.process_time() - cpu))
        # The same work on both sides: every sentence went through the model once.
        assert engine.engine_for(package).sentences_translated - before == len(sentences)
        if not i % 2:
            direct_times.append(direct(package.path, sentences))

    start = time.perf_counter()
    translate_for_output(article, "xx")  # the same cache as the last run: all hits
    cached = time.perf_counter() - start

    def first_visible() -> float:
        os.environ["XDG_CACHE_HOME"] = str(work / f"cache-first-{time.perf_counter_ns()}")
        route = engine.Route([find_package("en", "xx")], TranslationCache())
        begin = time.perf_counter()
        chunks = iter_translated(article.blocks, route.translate, visible=VISIBLE_BLOCKS)
        next(chunks)
        chunks.close()
        return time.perf_counter() - begin

    warm_first = min(first_visible() for _ in range(args.repeats))
    engine.forget_engines()
    cold_first = first_visible()

    # The fastest run of each is the one least disturbed by other processes on the machine.
    reader_s, direct_s = min(t[0] for t in reader_times), min(t[0] for t in direct_times)
    # CPU time (all threads of this process) is less disturbed by other processes than wall
    # time on a shared machine: the ratio of CPU times shows reader's own overhead.
    reader_cpu, direct_cpu = min(t[1] for t in reader_times), min(t[1] for t in direct_times)
    report = {
        "model": {"d_model": args.d_model, "layers": args.layers, "vocab": 96},
        "threads": args.threads,
        "article": {
            "blocks": len(article.blocks),
            "segments": len(texts),
            "sentences": len(sentences),
        },
        "reader_seconds_best": round(reader_s, 4),
        "direct_ctranslate2_seconds_best": round(direct_s, 4),
        "throughput_ratio": round(direct_s / reader_s, 3),
        "cpu_time_ratio": round(direct_cpu / reader_cpu, 3),
        "reader_sentences_per_second": round(len(sentences) / reader_s, 1),
        "direct_sentences_per_second": round(len(sentences) / direct_s, 1),
        "first_visible_blocks_seconds_warm": round(warm_first, 4),
        "first_visible_blocks_seconds_cold": round(cold_first, 4),
        "second_open_cached_seconds": round(cached, 4),
    }
    print(f"article: {len(article.blocks)} blocks, {len(sentences)} sentences")
    print(f"model: d_model {args.d_model}, {args.layers} layers (random weights)")
    print(
        f"reader (cold cache)   {reader_s * 1000:8.1f} ms  {len(sentences) / reader_s:7.1f} sent/s"
    )
    print(
        f"direct CTranslate2    {direct_s * 1000:8.1f} ms  {len(sentences) / direct_s:7.1f} sent/s"
    )
    print(f"throughput ratio      {direct_s / reader_s:8.3f}  (goal >= 0.9; wall time)")
    print(f"CPU time ratio        {direct_cpu / reader_cpu:8.3f}  (direct CPU s / reader CPU s)")
    print(f"first {VISIBLE_BLOCKS} blocks, warm  {warm_first * 1000:8.1f} ms")
    print(f"first {VISIBLE_BLOCKS} blocks, cold  {cold_first * 1000:8.1f} ms  (with model load)")
    print(f"second open (cached)  {cached * 1000:8.1f} ms")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
