"""Pages whose cost could grow faster than their size: the extraction budget bounds the whole
pipeline, and what was read in time is shown with a notice. Scaled down from the full sizes in
bench/fuzz_pipeline.py and bench/pipeline_cost.py; no test asserts on wall-clock time."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from reader.core.document import Page, Paragraph, Table, runs_text
from reader.core.extract.budget import cut_at_tag, markup_text, run_in_time
from reader.core.extract.extractor import (
    MAX_DISTIL_ELEMENTS,
    MAX_TAGS,
    TEXT_ONLY,
    TOO_LARGE,
    TOO_MUCH_MARKUP,
    extract,
    page_text_blocks,
)
from reader.core.extract.html_tree import MAX_ATTRIBUTES, limit_attributes, parse_html
from tests.support.hostile_pages import (
    PEAK_RSS_MB,
    many_attributes,
    many_line_breaks,
    many_table_cells,
)


def test_one_element_with_100k_attributes_keeps_the_first_thousand_and_reads_on() -> None:
    """libxml2 compares each attribute with every earlier one (100k: 17 s); the attributes
    past MAX_ATTRIBUTES are dropped before parsing, quoted "<" and ">" included."""
    for value in ("1", '"<b>"'):
        html = many_attributes(100_000).replace(b"=1", b"=" + value.encode()).decode()
        root = parse_html(html + "<p>Text after the element.</p>")
        assert root is not None
        first, after = root.find("body")
        assert len(first.attrib) == MAX_ATTRIBUTES and first.text == "t"
        assert after.text == "Text after the element."


def test_limit_attributes_leaves_ordinary_pages_alone() -> None:
    page = "<p class='a' id=b data-x=\"<c>\">One</p>" * 1000 + "<img alt='" + "w " * 5000 + "'>"
    assert limit_attributes(page, MAX_ATTRIBUTES) is page


def test_a_paragraph_of_200k_line_breaks_reads_in_full() -> None:
    html = many_line_breaks(200_000).decode()
    article = extract(Page(url="file:///lines.html", text=html), time_budget=None)
    assert article.notices == [TOO_LARGE]
    assert [runs_text(block.runs) for block in article.blocks] == ["\n".join(["a"] * 200_000)]


def test_a_tree_too_large_to_distil_shows_its_main_text_with_a_notice() -> None:
    html = many_table_cells(MAX_DISTIL_ELEMENTS + 10_000).decode()
    article = extract(Page(url="file:///cells.html", text=html), time_budget=None)
    assert article.notices == [TOO_LARGE]
    (table,) = article.blocks
    assert isinstance(table, Table) and len(table.rows) == (MAX_DISTIL_ELEMENTS + 10_000) // 10


def test_conversion_past_its_deadline_keeps_what_it_read() -> None:
    html = "<body>" + "".join(f"<p>Paragraph {i}.</p>" for i in range(20_000)) + "</body>"
    root = parse_html(html)
    assert root is not None
    blocks, converter = page_text_blocks(root, "file:///p.html", seconds=0)
    assert converter.out_of_time
    assert 0 < len(blocks) < 20_000
    assert all(isinstance(b, Paragraph) for b in blocks)
    assert runs_text(blocks[0].runs) == "Paragraph 0."  # type: ignore[union-attr]


def test_markup_past_the_tag_cap_is_cut_with_a_notice_and_bounded_memory(tmp_path: Path) -> None:
    """A table of 1.5 times the tag cap in cells, in its own process, whose peak memory is
    checked; the last cells are past the cut."""
    page = tmp_path / "cells.html"
    cells = MAX_TAGS * 3 // 4
    page.write_bytes(
        many_table_cells(cells).replace(b"<td>c</td></tr></table>", b"<td>LAST</td></tr></table>")
    )
    code = (
        "import resource, sys\n"
        "from reader.cli import main\n"
        "status = main(['--plain', sys.argv[1]])\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "print('PEAK', peak, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(page)], capture_output=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert TOO_MUCH_MARKUP in out and TOO_LARGE in out
    assert out.count("c") > MAX_TAGS // 4 and "LAST" not in out
    peak_mb = int(result.stderr.decode().rsplit("PEAK", 1)[1])
    assert peak_mb < PEAK_RSS_MB


def test_cut_at_tag_cuts_before_the_tag_over_the_limit() -> None:
    assert cut_at_tag("<a><b><c>", 5) is None
    assert cut_at_tag("x<a>y<b>z<c>", 2) == "x<a>y"


def test_markup_text_drops_scripts_tags_and_unclosed_scripts() -> None:
    page = "<p>One &amp; two<script>var s = '<p>';</script><br>three<style>p{}</style><script>x"
    text = markup_text(page)
    assert "One & two" in text and "three" in text
    assert "var s" not in text and "p{}" not in text and "<" not in text


def test_work_that_overruns_is_stopped_not_left_running() -> None:
    started = threading.Event()
    runners: list[threading.Thread] = []

    def forever() -> None:
        runners.append(threading.current_thread())
        started.set()
        while True:
            pass

    assert run_in_time(forever, 0.2) is None
    assert started.is_set()
    runners[0].join(timeout=30)
    assert not runners[0].is_alive()
    # The next stage gets a new worker and its result.
    assert run_in_time(threading.current_thread, 30) not in (None, (runners[0],))
    assert run_in_time(lambda: 42, 30) == (42,)


def test_stages_abandoned_before_their_worker_starts_end_cleanly(monkeypatch) -> None:
    """A budget already spent: each stage is given up at once, maybe before its worker has
    taken it. No error escapes, no worker thread reports an exception, and every abandoned
    worker ends."""
    escaped: list[object] = []
    monkeypatch.setattr(threading, "excepthook", escaped.append)
    for _ in range(50):
        assert run_in_time(lambda: sum(range(10_000)), 0) in (None, (49_995_000,))
    assert run_in_time(lambda: 2, 30) == (2,)
    workers = [t for t in threading.enumerate() if t.name == "reader-extract"]
    for _ in range(300):  # a hang guard, not a timing assertion
        if sum(t.is_alive() for t in workers) <= 1:  # the one idle worker stays
            break
        for worker in workers:
            worker.join(timeout=0.1)
    assert sum(t.is_alive() for t in workers) <= 1
    assert escaped == []


def test_stages_share_one_worker_instead_of_a_thread_each() -> None:
    """A new thread per stage costs more than the hand-off (lxml keeps names per thread)."""
    before = threading.active_count()
    runners = {run_in_time(threading.current_thread, 30) for _ in range(5)}
    assert len(runners) == 1 and (threading.current_thread(),) not in runners
    assert threading.active_count() <= before + 1


def test_stages_from_two_threads_at_once_do_not_wait_for_each_other() -> None:
    """Two extractions at once (the full-screen reader loading while another runs) each get a
    worker: the first stage below ends only once the second has run."""
    second_ran = threading.Event()
    results: list[tuple[bool] | None] = []
    first = threading.Thread(
        target=lambda: results.append(run_in_time(lambda: second_ran.wait(30), 60))
    )
    first.start()
    assert run_in_time(second_ran.set, 30) == (None,)
    first.join(timeout=60)
    assert results == [(True,)]


def test_a_forked_child_process_still_runs_stages() -> None:
    """The parent's idle worker does not exist in a forked child; the child starts its own."""
    assert run_in_time(lambda: 1, 30) == (1,)  # the parent now holds an idle worker
    pid = os.fork()
    if pid == 0:  # the child: exit status 0 only when the stage ran
        os._exit(0 if run_in_time(lambda: 5, 30) == (5,) else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_work_that_finishes_in_time_gives_its_result() -> None:
    assert run_in_time(lambda: 42, 30) == (42,)
    assert run_in_time(lambda: 1 // 0, 30) is None


def test_text_past_the_tag_cap_is_still_shown_when_nothing_before_it_reads() -> None:
    """A page of empty elements past the cap, with its only prose at the end."""
    html = "<span></span><br><i></i>" * (MAX_TAGS // 4) + "<p>The only words, at the end.</p>"
    article = extract(Page(url="file:///empty.html", text=html), time_budget=None)
    assert article.notices == [TEXT_ONLY]
    assert [runs_text(block.runs) for block in article.blocks] == ["The only words, at the end."]


def test_limit_attributes_never_cuts_across_an_end_tag() -> None:
    """A comparison and a stray apostrophe in a script make script and prose look like one
    start tag of 1,600 attributes: left alone, so the script still ends where it ends."""
    script = "<script>if (a <b) { " + "x = y; " * 600 + "} // don't</script>"
    page = script + "<p>" + "w " * 50 + "it's " + "word " * 1000 + "</p>"
    assert limit_attributes(page, MAX_ATTRIBUTES) is page
