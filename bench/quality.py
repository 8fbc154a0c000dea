"""Quality benchmark: our pipeline vs raw readability-lxml vs trafilatura on the three corpora.

Run from the project root: `.venv/bin/python bench/quality.py` (options: --only, --worst N,
--ablate). Prints, per corpus and in one run, precision, recall, F1, accuracy, the share of
pages with F1 >= 0.9 and the median in-process ms per page of each extractor, and writes
bench/results/quality.json.

`--ablate` measures every switchable rule (reader/core/extract/rules.py): our F1 on each corpus
with that rule off, so each rule's delta per corpus; then the leave-one-corpus-out table: for
each held-out corpus, the rules chosen on the other two alone (kept when they help on both and
cost neither) and the effect of that choice measured on the held-out corpus.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from pathlib import Path

from bench.corpus import (
    CORPORA,
    CORPUS,
    CorpusPage,
    load_corpus,
    score_page,
    score_snippets,
    summarise,
    summarise_snippets,
)
from bench.extractors import EXTRACTORS

RESULTS = Path(__file__).resolve().parent / "results"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus folder")
    parser.add_argument("--only", choices=CORPORA, action="append")
    parser.add_argument("--extractors", default=",".join(EXTRACTORS))
    parser.add_argument("--worst", type=int, default=0, help="list our N worst pages")
    parser.add_argument("--ablate", action="store_true", help="rule deltas and leave-one-out")
    parser.add_argument("--output", type=Path, default=RESULTS / "quality.json")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)  # peers log tracebacks for pages they cannot parse
    names = [n for n in args.extractors.split(",") if n]
    corpora = {name: load_corpus(name, args.corpus) for name in args.only or CORPORA}
    report: dict[str, dict] = {}
    for corpus_name, pages in corpora.items():
        report[corpus_name] = _run(pages, names)
        _print_table(corpus_name, report[corpus_name])
        if args.worst and "ours" in report[corpus_name]:
            _print_worst(report[corpus_name], args.worst)
    if args.ablate:
        report["ablation"] = _ablate(corpora)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=1) + "\n", "utf-8")
    print(f"wrote {args.output}")
    return 0


def _score(page: CorpusPage, predicted: str):
    if page.corpus == "trafilatura":
        return score_snippets(predicted, page.present, page.absent)
    return score_page(predicted, page.truth)


def _summary(pages: list[CorpusPage], scores: list) -> dict[str, float]:
    if pages and pages[0].corpus == "trafilatura":
        return summarise_snippets(scores)
    return summarise(scores)


def _run(pages: list[CorpusPage], names: list[str]) -> dict[str, dict]:
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
            score = _score(page, predicted)
            scores[name].append(score)
            per_page[name][page.name] = round(score.f1, 4)
    results = {}
    for name in names:
        summary = _summary(pages, scores[name])
        summary["median_ms"] = statistics.median(times[name])
        results[name] = {**summary, "per_page_f1": per_page[name]}
    return results


def _ours_f1(pages: list[CorpusPage], disabled: set[str]) -> float:
    """Our F1 on `pages` with the rules in `disabled` switched off."""
    from reader.core.extract import rules

    rules.disabled.clear()
    rules.disabled.update(disabled)
    try:
        scores = [_score(page, EXTRACTORS["ours"](page.html, page.url)) for page in pages]
    finally:
        rules.disabled.clear()
    return _summary(pages, scores)["f1"]


def _ablate(corpora: dict[str, list[CorpusPage]]) -> dict:
    """Each rule's delta per corpus, and the leave-one-corpus-out table."""
    from reader.core.extract.rules import RULES

    names = list(corpora)
    full = {c: _ours_f1(pages, set()) for c, pages in corpora.items()}
    none = {c: _ours_f1(pages, set(RULES)) for c, pages in corpora.items()}
    deltas: dict[str, dict[str, float]] = {}
    print(f"\nrule deltas (F1 with all rules minus F1 with the rule off); {len(RULES)} rules")
    print(f"{'rule':<26} " + " ".join(f"{c:>12}" for c in names))
    for rule in RULES:
        deltas[rule] = {c: full[c] - _ours_f1(pages, {rule}) for c, pages in corpora.items()}
        print(f"{rule:<26} " + " ".join(f"{deltas[rule][c]:>+12.4f}" for c in names))
    print(f"{'all rules vs none':<26} " + " ".join(f"{full[c] - none[c]:>+12.4f}" for c in names))
    table: dict[str, dict] = {}
    print("\nleave one corpus out: rules kept on the other corpora, scored on the held-out one")
    print(f"{'held out':<12} {'kept':>5} {'F1 none':>8} {'F1 kept':>8} {'effect':>8} {'F1 all':>8}")
    for held in names:
        train = [c for c in names if c != held]
        kept = [r for r in RULES if all(deltas[r][c] >= 0 for c in train)]
        kept = [r for r in kept if sum(deltas[r][c] for c in train) > 0]
        score = _ours_f1(corpora[held], set(RULES) - set(kept))
        table[held] = {"kept": kept, "none": none[held], "kept_f1": score, "all": full[held]}
        print(
            f"{held:<12} {len(kept):>5} {none[held]:>8.4f} {score:>8.4f} "
            f"{score - none[held]:>+8.4f} {full[held]:>8.4f}"
        )
    return {"full": full, "none": none, "deltas": deltas, "leave_one_out": table}


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
