"""The time budget of one extraction: a deadline every stage checks, and stages run in time.

`--extract-timeout` bounds the whole of parsing, distilling and block conversion, not only
readability: a stage past the deadline stops, and the article shows what was read, with a
notice. A stage that cannot check the clock itself (libxml2's parse, readability) runs in a
daemon thread that is abandoned (and, for Python code, stopped) when its time is up.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
DEFAULT_BUDGET = 10.0
"""Seconds extraction may take by default (`--extract-timeout`)."""
_TAG = re.compile(r"<[^<>]*>")  # [^<>]: each scan stops at the next "<", so this is linear
_BLOCK_END = re.compile(
    r"<(?:/?(?:p|div|h[1-6]|li|tr|table|section|article|blockquote|pre|ul|ol)\b|br)[^<>]*>",
    re.IGNORECASE,
)
_HIDDEN = ("script", "style", "template", "noscript", "svg")


class Deadline:
    """A point in (monotonic) time; None means no limit."""

    def __init__(self, seconds: float | None) -> None:
        self.end = None if seconds is None else time.monotonic() + seconds

    def left(self, at_least: float = 0.0) -> float | None:
        """Seconds to the deadline (never below `at_least`), or None without a limit."""
        if self.end is None:
            return None
        return max(at_least, self.end - time.monotonic())

    def passed(self) -> bool:
        return self.end is not None and time.monotonic() >= self.end


class _Stopped(BaseException):
    """Raised inside an abandoned worker so it stops using the processor."""


class _Job(Generic[T]):
    """One piece of work handed to a worker, and how it ended."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        self.result: list[T] = []
        self.finished = False
        self.state = threading.Lock()  # a stop is sent only before `finished`, so it lands in it
        self.done = threading.Lock()  # held until the work has ended
        self.done.acquire()

    def run(self) -> None:
        with contextlib.suppress(Exception, RecursionError):
            self.result.append(self.work())
        with self.state:
            self.finished = True
        self.done.release()


class _Worker:
    """A daemon thread that runs the jobs handed to it, one at a time, until it is stopped."""

    def __init__(self) -> None:
        self.job: _Job[Any] | None = None
        self.ready = threading.Lock()  # released when `job` is set (to None: end the thread)
        self.ready.acquire()
        serving = threading.Lock()  # released once a stop would land inside `_serve`'s try
        serving.acquire()
        self.thread = threading.Thread(
            target=self._serve, args=(serving,), name="reader-extract", daemon=True
        )
        self.thread.start()
        serving.acquire()

    def _serve(self, serving: threading.Lock) -> None:
        try:
            serving.release()
            while True:
                self.ready.acquire()
                if self.job is None:
                    return
                self.job.run()
        except _Stopped:
            pass

    def hand(self, job: _Job[Any] | None) -> None:
        self.job = job
        self.ready.release()

    def stop(self) -> None:
        """Stop the job running now, and the thread with it (the None ends a thread whose job
        ended between the check and the stop, or that has not yet taken its job)."""
        _stop(self.thread)
        self.job = None
        if self.ready.locked():  # the thread took its job; else it will take the None
            self.ready.release()


_idle: list[_Worker] = []
"""Workers waiting for a job: one, unless several threads extract at once. A thread per stage
would cost more than the hand-off: lxml keeps a name dictionary per thread."""
os.register_at_fork(after_in_child=_idle.clear)  # a child process has none of these threads


def run_in_time(work: Callable[[], T], seconds: float | None) -> tuple[T] | None:
    """`(work(),)`, or None when it is still running after `seconds` (or raised).

    The work runs in a daemon worker thread; one that overruns is asked to stop (it stops at
    its next line of Python; C code such as libxml2's parse runs to its end, without the GIL)
    and is replaced. A worker that finished in time waits for the next piece of work.
    """
    if seconds is None:
        return (work(),)
    job = _Job(work)
    try:
        worker = _idle.pop()
    except IndexError:
        worker = _Worker()
    worker.hand(job)
    if not job.done.acquire(timeout=seconds):
        with job.state:
            if not job.finished:
                worker.stop()
                return None
    _idle.append(worker)
    return (job.result[0],) if job.result else None


def _stop(thread: threading.Thread) -> None:
    """Raise `_Stopped` in `thread` at its next Python instruction (CPython's async raise)."""
    import ctypes  # only an overrunning stage needs it: ~4 ms less to start every reader

    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread.ident), ctypes.py_object(_Stopped)
        )


def cut_at_tag(page: str, limit: int) -> str | None:
    """`page` cut just before its `limit`-th tag, or None when it has fewer tags.

    A parsed element costs about 300 bytes of memory however small its markup: a 20 MB page
    of table cells would need gigabytes. Counting is one C-level pass; finding the cut
    point walks tag by tag only when there are too many.
    """
    if page.count("<") <= limit:
        return None
    position = -1
    for _ in range(limit):
        position = page.find("<", position + 1)
    return page[:position]


def markup_text(page: str) -> str:
    """The text of an HTML page without parsing it: scripts and styles dropped, tags removed,
    block ends read as blank lines, entities decoded. Linear in the page's size; used when
    the parse itself outlasts the budget."""
    lowered = page.lower()
    kept: list[str] = []
    position = 0
    found = {name: lowered.find(f"<{name}") for name in _HIDDEN}
    while True:
        for name, at in found.items():  # each name's next start, searched once per pass
            if 0 <= at < position:
                found[name] = lowered.find(f"<{name}", position)
        starts = [(at, name) for name, at in found.items() if at >= 0]
        if not starts:
            break
        start, name = min(starts)
        kept.append(page[position:start])
        end = lowered.find(f"</{name}", start)
        if end < 0:
            position = len(page)
            break
        position = lowered.find(">", end) + 1 or len(page)
    kept.append(page[position:])
    text = _BLOCK_END.sub("\n\n", "".join(kept))
    import html  # only this fallback needs the entity table (~1 ms at every start)

    return html.unescape(_TAG.sub(" ", text))
