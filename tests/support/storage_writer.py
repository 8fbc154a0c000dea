"""A writer process for the storage crash and concurrency tests (run as a script, not a test).

Usage: python storage_writer.py PREFIX START COUNT  (COUNT 0 = until killed)

Each round i saves settings, adds a history entry and a reading position, and caches a page,
then prints i: a printed number means everything of that round was committed. Any storage
warning is printed to stderr and the process exits 1.
"""

from __future__ import annotations

import itertools
import sys

from reader.core.document import Page
from reader.core.storage.page_cache import PageCache
from reader.core.storage.settings import load_settings, save_settings
from reader.core.storage.state import ReadingPosition, State


def url(prefix: str, i: int) -> str:
    return f"https://example.test/{prefix}/{i}"


def page_text(prefix: str, i: int) -> str:
    return f"<title>{prefix} {i}</title>" + f"<p>paragraph {i} of {prefix}</p>" * 200


def main(prefix: str, start: int, count: int) -> int:
    state = State()
    cache = PageCache()
    rounds = itertools.count(start) if count == 0 else range(start, start + count)
    for i in rounds:
        settings, warnings = load_settings()
        if warnings:
            print(*warnings, sep="\n", file=sys.stderr)
            return 1
        settings.keymap[f"counter-{prefix}"] = str(i)
        save_settings(settings)
        ok = state.add_history(url(prefix, i), f"{prefix} {i}")
        ok &= state.save_position(url(prefix, i), ReadingPosition(i, i * 10))
        ok &= cache.put(Page(url=url(prefix, i), text=page_text(prefix, i)), url(prefix, i))
        if not ok or state.warnings or cache.warnings:
            print(*state.warnings, *cache.warnings, sep="\n", file=sys.stderr)
            return 1
        print(i, flush=True)
    state.close()
    cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
