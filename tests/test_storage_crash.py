"""Saved data survives a writer killed mid-write and two readers writing at the same time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from reader.core.storage.page_cache import PageCache
from reader.core.storage.settings import load_settings
from reader.core.storage.state import ReadingPosition, State
from tests.support.storage_writer import page_text, url

WRITER = Path(__file__).parent / "support" / "storage_writer.py"


def start_writer(prefix: str, start: int, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), prefix, str(start), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def assert_rounds_saved(prefix: str, rounds: range, state: State, cache: PageCache) -> None:
    history = {entry.url for entry in state.history()}
    for i in rounds:
        assert url(prefix, i) in history, f"history of round {i} lost"
        assert state.position(url(prefix, i)) == ReadingPosition(i, i * 10)
        page = cache.get(url(prefix, i))
        assert page is not None, f"cached page of round {i} lost"
        assert page.text == page_text(prefix, i)


def test_killing_a_writer_mid_write_loses_nothing_saved_before() -> None:
    saved_up_to = -1
    for kill_after in (5, 17, 31):  # three kills at different points in the write cycle
        writer = start_writer("kill", saved_up_to + 1, 0)
        assert writer.stdout is not None
        last = saved_up_to
        deadline = time.monotonic() + 60
        while last < kill_after and time.monotonic() < deadline:
            line = writer.stdout.readline()
            if not line:
                break
            last = int(line)
        os.kill(writer.pid, signal.SIGKILL)  # no cleanup, no atexit, no flush
        writer.wait()
        assert writer.returncode == -signal.SIGKILL, writer.stderr.read()  # type: ignore[union-attr]
        writer.stdout.close()
        writer.stderr.close()  # type: ignore[union-attr]
        assert last >= kill_after, "the writer did not get far enough before the deadline"
        saved_up_to = last

        settings, warnings = load_settings()
        assert warnings == []
        assert int(settings.keymap["counter-kill"]) >= saved_up_to
        with State() as state, PageCache() as cache:
            assert state.warnings == [] and cache.warnings == []
            assert_rounds_saved("kill", range(saved_up_to + 1), state, cache)


def test_two_readers_writing_at_once_both_keep_everything() -> None:
    rounds = 25
    writers = [start_writer(prefix, 0, rounds) for prefix in ("left", "right")]
    # A third party reads while both write, as a second reader window would.
    with State() as state:
        while any(w.poll() is None for w in writers):
            state.history(limit=10)
            time.sleep(0.01)
        assert state.warnings == []
    for writer in writers:
        out, err = writer.communicate()
        assert writer.returncode == 0, err
        assert out.split() == [str(i) for i in range(rounds)]
    settings, warnings = load_settings()
    assert warnings == []
    # Settings are one file: the last save wins, and it is always a whole, valid file.
    assert settings.keymap.keys() & {"counter-left", "counter-right"}
    with State() as state, PageCache() as cache:
        for prefix in ("left", "right"):
            assert_rounds_saved(prefix, range(rounds), state, cache)
        assert len(state.history()) == 2 * rounds
