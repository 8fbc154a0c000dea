"""Cost curve of pathological pages: does doubling the page at most double reader's time?

    .venv/bin/python bench/pipeline_cost.py [--only attributes ...] [--points 6] [--peer-timeout 60]

For each pathological shape (one element with many attributes, a paragraph of `<br>` lines, a
table of cells, a page of links) the page doubles in size from a small start to just under the
default 20 MB cap. Each size runs, each in a fresh process, `reader --plain` (the whole pipeline,
default --extract-timeout) and two peers on the same file in the same run: a plain lxml parse
(libxml2 alone) and readability-lxml's `Document(...).summary()`. Prints wall time and peak
memory (max RSS of that process) per size, and the time ratio to the previous size; writes
bench/results/pipeline_cost.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.hostile_pages import (  # noqa: E402
    a_million_links,
    many_attributes,
    many_line_breaks,
    many_table_cells,
)

# shape -> (builder, count at the first size): the last size is first * 2**(points-1)
SHAPES: dict[str, tuple[Callable[[int], bytes], int]] = {
    "attributes": (many_attributes, 10_000),  # 320,000 at 6 points: 3 MB
    "line_breaks": (many_line_breaks, 120_000),  # 3.84M at 6 points: 19 MB
    "table_cells": (many_table_cells, 56_000),  # 1.79M at 6 points: 19.5 MB
    "links": (a_million_links, 16_000),  # 512,000 at 6 points: 19.8 MB
}
PEERS = {
    "lxml_parse": "import sys, lxml.html\n"
    "lxml.html.document_fromstring(open(sys.argv[1], 'rb').read())",
    "readability": "import sys\nfrom readability import Document\n"
    "Document(open(sys.argv[1], encoding='utf-8', errors='replace').read()).summary()",
}


def measure(command: list[str], timeout: float) -> dict[str, object]:
    """Wall time and peak RSS of one process (its own rusage, from wait4); None on timeout."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                os.kill(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = os.waitstatus_to_exitcode(status)
                return {
                    "seconds": None,
                    "peak_mb": round(usage.ru_maxrss / 1024),
                    "exit": "timeout",
                }
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        notes = [
            line.strip()
            for line in out.read().decode("utf-8", "replace").splitlines()
            if line.startswith("Note:")
        ]
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "exit": process.returncode,
        "notes": notes,
    }


def run_shape(name: str, points: int, peer_timeout: float) -> list[dict[str, object]]:
    build, first = SHAPES[name]
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.html"
        for step in range(points):
            count = first * 2**step
            path.write_bytes(build(count))
            row: dict[str, object] = {"count": count, "bytes": path.stat().st_size}
            reader = [sys.executable, "-m", "reader", "--plain", "--max-size", "100MB", str(path)]
            row["reader"] = measure(reader, timeout=600)
            for peer, code in PEERS.items():
                row[peer] = measure([sys.executable, "-c", code, str(path)], peer_timeout)
            rows.append(row)
            _print_row(name, rows)
    return rows


def _print_row(name: str, rows: list[dict[str, object]]) -> None:
    row = rows[-1]
    previous = rows[-2] if len(rows) > 1 else None
    cells = []
    for who in ("reader", *PEERS):
        result = row[who]
        assert isinstance(result, dict)
        seconds = result["seconds"]
        ratio = ""
        if previous is not None and seconds is not None:
            before = previous[who]["seconds"]  # type: ignore[index]
            ratio = f" x{seconds / before:.1f}" if before else ""
        shown = "timeout" if seconds is None else f"{seconds:.2f} s{ratio}"
        cells.append(f"{who} {shown:>16} {result['peak_mb']:>5} MB")
    print(
        f"  {name:12} {row['count']:>9,} {row['bytes'] / 1e6:6.1f} MB  " + " | ".join(cells),
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", choices=sorted(SHAPES), help="shapes to run")
    parser.add_argument("--points", type=int, default=6, help="sizes per shape (doubling)")
    parser.add_argument("--peer-timeout", type=float, default=60, help="seconds per peer run")
    parser.add_argument("--out", default="pipeline_cost.json", help="file in bench/results/")
    args = parser.parse_args()
    print("shape        count      size   reader --plain | lxml parse | readability-lxml")
    report = {name: run_shape(name, args.points, args.peer_timeout) for name in args.only or SHAPES}
    out = ROOT / "bench" / "results" / Path(args.out).name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
