"""Quality benchmark: our pipeline vs raw readability-lxml vs trafilatura on both corpora.

Run from the project root: `.venv/bin/python bench/quality.py` (options: --corpus, --only,
--worst N). Prints precision, recall, F1, accuracy, the share of pages with F1 >= 0.9 and the
median in-process ms per page for each extractor, and writes bench/results/quality.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from pathlib import Path

from bench.corpus import CORPUS, load_corpus, score_page, summarise
from bench.extractors import EXTRACTORS

RESULTS = Path(__file__).resolve().parent / "results"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus folder")
    parser.add_argument("--only", choices=["mozilla", "scrapinghub"], action="append")
    parser.add_argument("--extractors", default=",".join(EXTRACTORS))
    parser.add_argument("--worst", type=int, default=0, help="list our N worst pages")
    parser.add_argument("--output", type=Path, default=RESULTS / "quality.json")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)  # peers log tracebacks for pages they cannot parse
    names = [n for n in args.extractors.split(",") if n]
    report: dict[str, dict] = {}
    for corpus_name in args.only or ["scrapinghub", "mozilla"]:
        pages = load_corpus(corpus_name, args.corpus)
        report[corpus_name] = _run(pages, names)
        _print_table(corpus_name, report[corpus_name])
        if args.worst and "ours" in report[corpus_name]:
            _print_worst(report[corpus_name], args.worst)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=1) + "\n", "utf-8")
    print(f"wrote {args.output}")
    return 0


def _run(pages: list, names: list[str]) -> dict[str, dict]:
    """Score every extractor on every page; extractors take turns on each page, so a busy
    machine slows them alike and the median times stay comparable."""
    for name in names:
        EXTRACTORS[name](pages[0].html, pages[0].url)  # warm-up: imports and caches
    scores: dict[str, list] = {n: [] for n in names}
    times: dict[str, list[float]] = {n: [] for n in names}
    per_page: dict[str, dict[str, float]] = {n: {} for n in names}
    for page in pages:
        for name in names:
            start = time.perf_counter()
            try:
                predicted = EXTRACTORS[name](page.html, page.url)
            except Exception:
                predicted = ""
            times[name].append((time.perf_counter() - start) * 1000)
            score = score_page(predicted, page.truth)
            scores[name].append(score)
            per_page[name][page.name] = round(score.f1, 4)
    results = {}
    for name in names:
        summary = summarise(scores[name])
        summary["median_ms"] = statistics.median(times[name])
        results[name] = {**summary, "per_page_f1": per_page[name]}
    return results


def _print_table(corpus_name: str, results: dict[str, dict]) -> None:
    pages = next(iter(results.values()))["pages"] if results else 0
    print(f"\n{corpus_name} ({pages} pages)")
    print(
        f"{'extractor':<18} {'precision':>9} {'recall':>7} {'F1':>7} {'acc':>6} "
        f"{'F1>=0.9':>8} {'ms/page':>8}"
    )
    for name, r in results.items():
        print(
            f"{name:<18} {r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>7.4f} "
            f"{r['accuracy']:>6.3f} {r['share_f1_0.9']:>8.3f} {r['median_ms']:>8.1f}"
        )


def _print_worst(results: dict[str, dict], count: int) -> None:
    ours = results["ours"]["per_page_f1"]
    others = {n: r["per_page_f1"] for n, r in results.items() if n != "ours"}
    for page, f1 in sorted(ours.items(), key=lambda kv: kv[1])[:count]:
        peers = " ".join(f"{n}={o.get(page, 0):.3f}" for n, o in others.items())
        print(f"  {page:<40} ours={f1:.3f} {peers}")


if __name__ == "__main__":
    sys.exit(main())
