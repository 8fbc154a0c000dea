"""Full-size hostile translation packages: how fast `reader languages install` refuses them.

    .venv/bin/python -m bench.fuzz_packages [--keep]

The scaled-down cases are tests in tests/test_translate_archive.py; here they run at the sizes
the adversarial run used: one 10 MB member listed 6,500 times (a 0.5 MB file that declares
65 GB; refused after 153 s before the directory was checked first), a member whose header
declares 3.9 GB (it used to install), a real 600 MB bomb, and a member whose header understates
its 600 MB. Each install runs in a fresh process with its own package folders; the bench
reports exit code, seconds, peak RSS and the message, and writes
bench/results/fuzz_packages.json. The peer is the archive itself: bytes on disk against bytes
declared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from tests.support.argos_tiny import build_package, isolated_env
from tests.support.hostile_archives import rebuilt, with_declared_size, with_duplicate_entries

RESULTS = Path(__file__).resolve().parent / "results"
MB = 1_000_000


def build_cases(work: Path) -> dict[str, Path]:
    package = build_package(work / "package")
    zeros = rebuilt(package, work / "zeros.argosmodel", README_md=bytes(10 * MB))
    bomb = rebuilt(package, work / "bomb.argosmodel", README_md=bytes(600 * MB))
    return {
        "65 GB through 6,500 duplicate entries": with_duplicate_entries(
            zeros, work / "duplicates.argosmodel", "README.md", 6_500
        ),
        "a member declaring 3.9 GB": with_declared_size(
            package, work / "declared.argosmodel", "model.bin", 3_900_000_000
        ),
        "a real 600 MB member": bomb,
        "a header understating a 600 MB member": with_declared_size(
            bomb, work / "understated.argosmodel", "README.md", 1_000
        ),
    }


def declared_bytes(path: Path) -> int:
    with zipfile.ZipFile(path) as zipf:
        return sum(info.file_size for info in zipf.infolist())


def install(path: Path, work: Path) -> dict[str, object]:
    home = Path(tempfile.mkdtemp(dir=work))
    env = {**os.environ, **isolated_env(home)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "reader", "languages", "install", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    installed = Path(env["ARGOS_PACKAGES_DIR"])
    shutil.rmtree(home, ignore_errors=True)
    return {
        "exit": done.returncode,
        "seconds": round(seconds, 2),
        "peak_rss_mb_at_least": round(max(peak, before) / 1024),
        "message": done.stderr.strip()[:300],
        "installed": installed.exists() and any(installed.iterdir()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the built archives")
    parser.add_argument("--output", type=Path, default=RESULTS / "fuzz_packages.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reader-bench-packages-"))
    results = {}
    try:
        for name, path in build_cases(work).items():
            result = install(path, work)
            result["file_mb"] = round(path.stat().st_size / MB, 2)
            result["declared_mb"] = round(declared_bytes(path) / MB)
            results[name] = result
            print(
                f"{name:<42} {result['file_mb']:>8} MB on disk, {result['declared_mb']:>7} MB "
                f"declared: exit {result['exit']} in {result['seconds']} s\n    {result['message']}"
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"wrote {args.output}")
    failed = [n for n, r in results.items() if r["exit"] != 4 or r["installed"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
