"""Slow work (fetching, translating) that ctrl+c can cancel without ending the session."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def run_cancellable(work: Callable[[], T]) -> T:
    """`work()` run in a daemon thread while this thread waits.

    Ctrl+c raises KeyboardInterrupt here at once; the thread is left to finish unseen and
    its result is dropped (a fetch ends at its timeout at the latest).
    """
    result: list[T] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def target() -> None:
        try:
            result.append(work())
        except BaseException as error:
            failure.append(error)
        finally:
            done.set()

    threading.Thread(target=target, name="reader-line-work", daemon=True).start()
    while not done.wait(0.1):
        pass
    if failure:
        raise failure[0]
    return result[0]
