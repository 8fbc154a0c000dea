"""Speed benchmark: whole-process plain output against peers, in-process time, peak memory.

Run from the project root: `.venv/bin/python bench/speed.py [--pages N]`. Pages come from both
shared corpora and are written to a temporary folder for the command-line tools. Tools take
turns on each page so that a busy machine slows them alike; results are medians and ratios,
and go to bench/results/speed.json.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from readability import Document

import reader
from bench.corpus import load_corpus
from reader.core.document import Page
from reader.core.extract.extractor import extract

RESULTS = Path(__file__).resolve().parent / "results"
BIN = Path(sys.executable).parent
BARE_READABILITY = (
    "import sys, lxml.html\n"
    "from readability import Document\n"
    "html = open(sys.argv[1], encoding='utf-8').read()\n"
    "print(lxml.html.fromstring(Document(html).summary()).text_content())\n"
)


def commands(path: Path) -> dict[str, tuple[list[str], Path | None]]:
    """Each tool's command line for one page, and the file to feed on stdin (if any)."""
    reader = BIN / "reader"
    tools: dict[str, tuple[list[str], Path | None]] = {
        "reader --plain": (
            [str(reader), "--plain", str(path)]
            if reader.exists()
            else [sys.executable, "-m", "reader", "--plain", str(path)],
            None,
        ),
        "readability-lxml script": ([sys.executable, "-c", BARE_READABILITY, str(path)], None),
        "trafilatura CLI": ([str(BIN / "trafilatura")], path),
    }
    w3m = shutil.which("w3m")
    if w3m:
        tools["w3m -dump"] = ([w3m, "-dump", "-T", "text/html", str(path)], None)
    return tools


# Linux keeps a process's peak RSS across fork and exec, so a child of this (large) process
# would report our peak; a small launcher process measures the tool instead.
PEAK_RSS = (
    "import resource, subprocess, sys\n"
    "feed = open(sys.argv[1], 'rb') if sys.argv[1] else subprocess.DEVNULL\n"
    "subprocess.run(sys.argv[2:], stdin=feed, stdout=subprocess.DEVNULL,"
    " stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def run_process(argv: list[str], stdin: Path | None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user and system, from the child's own rusage: other
    programs on a busy machine do not inflate it) and exit status of one child process."""
    with open(stdin or os.devnull, "rb") as feed:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        return elapsed, usage.ru_utime + usage.ru_stime, child.returncode


def peak_rss_mib(argv: list[str], stdin: Path | None) -> float:
    """Peak resident memory of one run of `argv`, measured from a small launcher."""
    launcher = [sys.executable, "-c", PEAK_RSS, str(stdin or ""), *argv]
    out = subprocess.run(launcher, capture_output=True, text=True, check=True).stdout
    return int(out.split()[-1]) / 1024


def compile_bytecode() -> None:
    """Write reader's bytecode as an installed package holds it (pip compiles at install, as
    it did for the peers). Without it an editable install run with PYTHONDONTWRITEBYTECODE
    set compiles every module of reader from source in every process: ~60 ms no user pays."""
    compileall.compile_dir(Path(reader.__file__).parent, quiet=1)


def whole_process(paths: list[Path]) -> dict[str, dict[str, float]]:
    compile_bytecode()
    names = list(commands(paths[0]))
    times: dict[str, list[float]] = {n: [] for n in names}
    cpu: dict[str, list[float]] = {n: [] for n in names}
    failures: dict[str, int] = dict.fromkeys(names, 0)
    for path in paths:
        for name, (argv, stdin) in commands(path).items():
            elapsed, used, code = run_process(argv, stdin)
            times[name].append(elapsed * 1000)
            cpu[name].append(used * 1000)
            failures[name] += code != 0
    largest = max(paths, key=lambda p: p.stat().st_size)
    peaks = {name: peak_rss_mib(*cmd) for name, cmd in commands(largest).items()}
    base = statistics.median(times["trafilatura CLI"])
    return {
        name: {
            "median_ms": statistics.median(times[name]),
            "median_cpu_ms": statistics.median(cpu[name]),
            "ratio_to_trafilatura_cli": statistics.median(times[name]) / base,
            "peak_rss_mib_largest_page": peaks[name],
            "failed_runs": failures[name],
        }
        for name in names
    }


def pipeline(html: str, url: str) -> object:
    """Our whole in-process pipeline: Page -> Article (parse, metadata, distil, blocks)."""
    return extract(Page(url=url, text=html))


def raw_readability(html: str, url: str) -> object:
    """Raw readability-lxml as its users call it: the summary HTML of the page."""
    return Document(html).summary()


def in_process(pages: list, rounds: int) -> dict[str, dict[str, float]]:
    """Median ms per page (CPU time of the process, and wall time) and peak traced memory for
    our pipeline and raw readability-lxml. CPU time counts our worker thread too and is not
    inflated by other programs on a busy machine, so it is the figure the ratio uses."""
    extractors = {"ours": pipeline, "readability-lxml": raw_readability}
    for extractor in extractors.values():
        extractor(pages[0].html, pages[0].url)  # warm-up
    cpu: dict[str, list[float]] = {n: [] for n in extractors}
    wall: dict[str, list[float]] = {n: [] for n in extractors}
    for _ in range(rounds):
        for page in pages:
            for name, extractor in extractors.items():
                start, start_cpu = time.perf_counter(), time.process_time()
                extractor(page.html, page.url)
                cpu[name].append((time.process_time() - start_cpu) * 1000)
                wall[name].append((time.perf_counter() - start) * 1000)
    peaks: dict[str, float] = {}
    for name, extractor in extractors.items():
        peak = 0
        for page in pages:
            tracemalloc.start()
            extractor(page.html, page.url)
            peak = max(peak, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        peaks[name] = peak / 2**20
    base = statistics.median(cpu["readability-lxml"])
    return {
        name: {
            "median_cpu_ms": statistics.median(cpu[name]),
            "median_wall_ms": statistics.median(wall[name]),
            "ratio_to_readability": statistics.median(cpu[name]) / base,
            "peak_traced_mib": peaks[name],
        }
        for name in extractors
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, default=20, help="pages per corpus for whole processes (default 20)"
    )
    parser.add_argument("--rounds", type=int, default=2, help="in-process rounds (default 2)")
    parser.add_argument("--output", type=Path, default=RESULTS / "speed.json")
    args = parser.parse_args(argv)
    pages, every_page = [], []
    for corpus in ("scrapinghub", "mozilla"):
        every = load_corpus(corpus)
        every_page += every
        step = max(1, len(every) // args.pages)
        pages += every[::step][: args.pages]
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as folder:
        paths = []
        for i, page in enumerate(pages):
            path = Path(folder) / f"page{i:03}.html"
            path.write_text(page.html, "utf-8")
            paths.append(path)
        processes = whole_process(paths)
    inproc = in_process(every_page, args.rounds)  # in-process runs are cheap: every page
    print(
        f"Whole process, {len(pages)} pages (median wall ms, ratio to the trafilatura CLI,"
        " median CPU ms, peak RSS on the largest page)"
    )
    for name, r in processes.items():
        failed = f"  ({r['failed_runs']} failed)" if r["failed_runs"] else ""
        print(
            f"  {name:<24} {r['median_ms']:8.1f} ms  x{r['ratio_to_trafilatura_cli']:.2f}"
            f"  {r['median_cpu_ms']:8.1f} ms CPU  {r['peak_rss_mib_largest_page']:7.1f} MiB{failed}"
        )
    ours, peer = processes["reader --plain"], processes["readability-lxml script"]
    ratio = ours["median_ms"] / peer["median_ms"]
    cpu_ratio = ours["median_cpu_ms"] / peer["median_cpu_ms"]
    print(
        f"  reader --plain / readability-lxml script: x{ratio:.2f} wall, x{cpu_ratio:.2f} CPU"
        " (same pages, same run)"
    )
    print(
        f"In process, {len(every_page)} pages x {args.rounds} rounds "
        "(median CPU ms, ratio to readability-lxml, median wall ms, peak traced memory)"
    )
    for name, r in inproc.items():
        print(
            f"  {name:<24} {r['median_cpu_ms']:8.1f} ms  x{r['ratio_to_readability']:.2f}"
            f"  {r['median_wall_ms']:8.1f} ms wall  {r['peak_traced_mib']:7.1f} MiB"
        )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "whole_process": processes,
        "reader_plain_to_readability_script": ratio,
        "reader_plain_to_readability_script_cpu": cpu_ratio,
        "in_process": inproc,
        "whole_process_pages": len(pages),
        "in_process_pages": len(every_page),
    }
    args.output.write_text(json.dumps(report, indent=1) + "\n", "utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
