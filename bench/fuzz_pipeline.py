"""Long hostile-input run for issue 6: full-size pathological pages and many fuzzed documents.

    .venv/bin/python bench/fuzz_pipeline.py [--examples 2000] [--timeout 900] [--only NAME ...]

Part 1 runs every pathological page of tests/hostile_pages.py at full size (50 MB of text, a
million links, 10,000 levels, and within the 20 MB cap: 1.5M attributes on one element, 3.9M
`<br>`, 1.8M table cells, 500k links, which must stay within --extract-timeout plus
SLACK_SECONDS and PEAK_RSS_MB) through the whole pipeline (file -> decode -> extract ->
plain, markdown and json), each in a fresh process so its peak memory (max RSS) is its own, with
a timeout that counts as a hang. Part 2 feeds generated and mutated HTML (tests/hostile_fuzz.py)
to the pipeline in this process and keeps going after a failure. A failure is any exception
but ReaderError, a control character in an output, or a hang. Prints cases run, failures,
worst time and peak memory; writes bench/results/fuzz_pipeline.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FORMATS = ("plain", "markdown", "json")


def run_one_page(name: str) -> dict[str, object]:
    """Child process: build page `name`, read it from a file, render it; report as JSON."""
    from reader.core.errors import ReaderError
    from reader.core.formats import render
    from reader.core.pipeline import Options, load_article
    from tests.support.hostile_pages import AT_SIZE_CAP_CASES, HOSTILE_CASES, unsafe_in_output

    raw = {**HOSTILE_CASES, **AT_SIZE_CAP_CASES}[name]()
    result: dict[str, object] = {"case": name, "bytes": len(raw)}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_bytes(raw)
        del raw
        started = time.perf_counter()
        try:
            options = Options(max_size=path.stat().st_size + 1, use_cache=False)
            article = load_article(str(path), options)
            result["extract_s"] = round(time.perf_counter() - started, 2)
            sizes = {}
            problems = []
            for fmt in FORMATS:
                output = render(article, fmt)
                sizes[fmt] = len(output)
                problems += unsafe_in_output(fmt, output)
            result.update(
                outcome="article",
                notices=article.notices,
                blocks=len(article.blocks),
                links=len(article.links),
                output_chars=sizes,
                unsafe=sorted(set(problems)),
                failed=bool(problems),
            )
        except ReaderError as error:
            result.update(outcome=f"{type(error).__name__}: {error}", failed="\n" in str(error))
        except BaseException:
            result.update(outcome="crash", traceback=traceback.format_exc()[-2000:], failed=True)
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def _over_bounds(result: dict[str, object]) -> str:
    """What a page within the default size cap exceeded of the README's bounds, or ""."""
    from reader.core.pipeline import Options
    from tests.support.hostile_pages import PEAK_RSS_MB, SLACK_SECONDS

    limit = Options().extract_budget + SLACK_SECONDS
    seconds = float(result.get("extract_s", result.get("seconds", 0)))  # type: ignore[arg-type]
    peak = float(result.get("peak_rss_mb", 0))  # type: ignore[arg-type]
    over = []
    if seconds > limit:
        over.append(f"took {seconds:.1f} s, over {limit:g} s")
    if peak > PEAK_RSS_MB:
        over.append(f"peak {peak:.0f} MB, over {PEAK_RSS_MB} MB")
    return ", ".join(over)


def run_pages(names: list[str], timeout: float) -> list[dict[str, object]]:
    from tests.support.hostile_pages import AT_SIZE_CAP_CASES

    results = []
    for name in names:
        command = [sys.executable, "-m", "bench.fuzz_pipeline", "--child", name]
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, cwd=ROOT
            )
        except subprocess.TimeoutExpired:
            result = {"case": name, "outcome": f"hang: no result after {timeout:.0f} s"}
            result.update(failed=True, seconds=round(time.perf_counter() - started, 1))
        else:
            lines = done.stdout.strip().splitlines()
            if done.returncode == 0 and lines:
                result = json.loads(lines[-1])
            else:
                result = {"case": name, "outcome": f"process died ({done.returncode})"}
                result.update(failed=True, stderr=done.stderr[-2000:])
        if name in AT_SIZE_CAP_CASES:
            over = _over_bounds(result)
            if over:
                result.update(failed=True, outcome=f"{over}; {result['outcome']}")
        results.append(result)
        print(
            f"  {name:32} {result.get('seconds', '?'):>7} s "
            f"{result.get('peak_rss_mb', '?'):>6} MB  {'FAIL ' if result['failed'] else ''}"
            f"{str(result['outcome'])[:70]}",
            flush=True,
        )
    return results


@dataclass
class FuzzStats:
    cases: int = 0
    reader_errors: int = 0
    worst_s: float = 0.0
    failures: list[dict[str, str]] = field(default_factory=list)


def run_fuzz(examples: int, hang_seconds: int) -> dict[str, object]:
    """Generated and mutated documents through extract and render, counting failures."""
    from hypothesis import HealthCheck, given, settings

    from reader.core.document import Page
    from reader.core.errors import ReaderError
    from reader.core.extract.extractor import extract
    from reader.core.formats import render
    from reader.core.sources.charset import decode_document
    from tests.support.hostile_fuzz import (
        generated_documents,
        mutated_bytes,
        mutated_documents,
        seed_pages,
    )
    from tests.support.hostile_pages import unsafe_in_output

    stats = FuzzStats()

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"hang: no result after {hang_seconds} s")

    signal.signal(signal.SIGALRM, expire)

    def check(kind: str, document: str | bytes) -> None:
        stats.cases += 1
        started = time.perf_counter()
        signal.alarm(hang_seconds)
        try:
            text = document if isinstance(document, str) else decode_document(document).text
            article = extract(Page(url="https://fuzz.example/a", text=text))
            for fmt in FORMATS:
                bad = unsafe_in_output(fmt, render(article, fmt))
                if bad:
                    failure = {"kind": kind, "error": f"{fmt}: {bad}", "input": text[:300]}
                    stats.failures.append(failure)
        except ReaderError:
            stats.reader_errors += 1
        except BaseException as error:  # a failure to count, not to stop on
            failure = {"kind": kind, "error": repr(error)[:300], "input": repr(document)[:300]}
            stats.failures.append(failure)
        finally:
            signal.alarm(0)
        stats.worst_s = max(stats.worst_s, time.perf_counter() - started)

    def fuzz_test(kind: str):  # type: ignore[no-untyped-def]
        def test(document: str | bytes) -> None:
            check(kind, document)

        return test

    seeds = seed_pages()
    config = settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    for kind, strategy in (
        ("generated", generated_documents()),
        ("mutated", mutated_documents(seeds)),
        ("mutated-bytes", mutated_bytes(seeds)),
    ):
        given(strategy)(config(fuzz_test(kind)))()
    return {
        "cases": stats.cases,
        "failures": len(stats.failures),
        "reader_errors": stats.reader_errors,
        "worst_s": round(stats.worst_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "failure_samples": stats.failures[:10],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="per fuzz strategy")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per pathological page")
    parser.add_argument("--only", nargs="*", help="pathological cases to run (default all)")
    parser.add_argument("--no-pages", action="store_true", help="skip the pathological pages")
    parser.add_argument("--no-fuzz", action="store_true", help="skip the fuzzing")
    parser.add_argument("--out", default="fuzz_pipeline.json", help="file in bench/results/")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one_page(args.child)))
        return 0

    from tests.support.hostile_pages import AT_SIZE_CAP_CASES, HOSTILE_CASES

    report: dict[str, object] = {}
    if not args.no_pages:
        names = args.only or [*HOSTILE_CASES, *AT_SIZE_CAP_CASES]
        print(f"Pathological pages at full size ({len(names)}), one process each:")
        pages = run_pages(names, args.timeout)
        report["pages"] = pages
        timed = [p for p in pages if isinstance(p.get("seconds"), int | float)]
        worst = max(timed, key=lambda p: float(p["seconds"]))  # type: ignore[arg-type]
        biggest = max(pages, key=lambda p: float(p.get("peak_rss_mb", 0)))  # type: ignore[arg-type]
        failed = [p["case"] for p in pages if p["failed"]]
        print(
            f"pages: {len(pages)} run, {len(failed)} failed {failed}; worst time "
            f"{worst['seconds']} s ({worst['case']}); peak memory {biggest.get('peak_rss_mb')} MB "
            f"({biggest['case']})"
        )
    if not args.no_fuzz:
        print(f"Fuzzing: {args.examples} examples per strategy (generated, mutated, bytes) ...")
        fuzz = run_fuzz(args.examples, hang_seconds=int(min(args.timeout, 120)))
        report["fuzz"] = fuzz
        print(
            f"fuzz: {fuzz['cases']} cases run, {fuzz['failures']} failed, "
            f"{fuzz['reader_errors']} ended in a ReaderError; worst time {fuzz['worst_s']} s; "
            f"peak memory {fuzz['peak_rss_mb']} MB"
        )
        for sample in fuzz["failure_samples"]:  # type: ignore[attr-defined]
            print("  FAIL", sample)
    out = ROOT / "bench" / "results" / Path(args.out).name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"written {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
