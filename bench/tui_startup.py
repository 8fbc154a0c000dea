"""Full-screen reader speed: start-up to article text, and opening and scrolling a 1 MB article.

Run from the project root: `.venv/bin/python bench/tui_startup.py [--runs N] [--tmux]`.

- start-up: from constructing the app to the welcome article's text drawn (headless Pilot),
  against a bare Textual app showing the same article as plain text in a Static;
  with `--tmux`, also the installed `reader` against that bare app as a script, each in a
  real terminal (tmux), timed until the text appears in `capture-pane`.
- 1 MB article: time to show it (to the first frame drawn after asking) and to page down 60
  times once it is laid out, for the
  reader's lazy Line-API view against Textual's Markdown widget and a plain Static holding the
  same text, in the same run. Results are medians and ratios (peer / reader: above 1 means
  the reader is faster), written to bench/results/tui_startup.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from reader.core.document import Article, Heading, Inline, Paragraph, number_links
from reader.core.formats import render
from reader.core.pipeline import Options, load_article
from reader.core.storage.settings import Settings
from reader.tui import create_app

RESULTS = Path(__file__).resolve().parent / "results"
SIZE = (100, 30)
PAGES = 60


def megabyte_article() -> Article:
    """About 1 MB of text: 250 sections of 13 paragraphs with a link in each section."""
    sentence = "The river keeps carving the canyon wall a little deeper every passing year. "
    blocks = []
    for section in range(250):
        blocks.append(Heading(2, [Inline(f"Section {section + 1}")]))
        for number in range(13):
            runs = [Inline(f"[{section}.{number}] " + sentence * 4)]
            if number == 0:
                runs += [
                    Inline("see ", "text"),
                    Inline("the survey", "link", f"https://x.invalid/{section}"),
                ]
            blocks.append(Paragraph(runs))
    article = Article(title="One megabyte", site_name="Bench", blocks=blocks)
    number_links(article)
    return article


class PeerApp(App[None]):
    """A bare Textual app that shows one widget in a scrolling container."""

    def __init__(self, widget_factory: Callable[[], Static | Markdown]) -> None:
        super().__init__()
        self.widget_factory = widget_factory

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="scroll"):
            yield self.widget_factory()


async def time_reader_startup() -> float:
    start = time.perf_counter()
    app = create_app(None, Options(), Settings(theme="dark"), save=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.get_screen_reader()
        while screen is None or screen.fetching or screen.article is None:
            await pilot.pause(0.001)
            screen = app.get_screen_reader()
        await pilot.pause()
        elapsed = time.perf_counter() - start
        assert "Welcome" in app.export_screenshot()
    return elapsed


async def time_static_startup() -> float:
    start = time.perf_counter()
    article = load_article(None, Options())  # the same work the reader does
    text = render(article, "plain")
    app = PeerApp(lambda: Static(text))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
        assert "Welcome" in app.export_screenshot()
    return elapsed


def record_paints(app: App) -> list[float]:
    """The times at which `app` draws a frame (headless apps still compose every frame)."""
    paints: list[float] = []
    draw = app._display

    def display(*args: object, **kwargs: object) -> None:
        paints.append(time.perf_counter())
        draw(*args, **kwargs)  # type: ignore[arg-type]

    app._display = display  # type: ignore[method-assign]
    return paints


async def first_paint_after(
    start: float, paints: list[float], ready: Callable[[], bool] = lambda: True
) -> float:
    """Seconds from `start` to the first frame drawn once `ready()` holds (content mounted)."""
    while not ready():
        await asyncio.sleep(0.001)
    since = start if not paints or paints[-1] <= start else time.perf_counter()
    while not any(p >= since for p in paints):
        await asyncio.sleep(0.001)
    return next(p for p in paints if p >= since) - start


async def time_reader_big(article: Article) -> tuple[float, float]:
    app = create_app(None, Options(), Settings(theme="dark"), save=False, article=Article())
    paints = record_paints(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.get_screen_reader()
        assert screen is not None
        start = time.perf_counter()
        screen.show_article(article)
        opened = await first_paint_after(start, paints)
        view = screen.article_view
        while not view.fully_laid_out:  # scroll a finished layout, like the peers
            await pilot.pause(0.01)
        await pilot.pause()
        start = time.perf_counter()
        for _ in range(PAGES):
            await pilot.press("pagedown")
        scrolled = time.perf_counter() - start
        assert view.top_line > 0
    return opened, scrolled


async def time_peer_big(widget_factory: Callable[[], Static | Markdown]) -> tuple[float, float]:
    app = PeerApp(lambda: Static(""))
    paints = record_paints(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scroll = app.query_one("#scroll", VerticalScroll)
        await scroll.remove_children()
        start = time.perf_counter()
        widget = widget_factory()
        await scroll.mount(widget)
        # Markdown mounts one widget per block after parsing: wait until it has some.
        is_markdown = isinstance(widget, Markdown)
        opened = await first_paint_after(
            start, paints, lambda: not is_markdown or bool(widget.children)
        )
        await pilot.pause()
        scroll.focus()
        start = time.perf_counter()
        for _ in range(PAGES):
            await pilot.press("pagedown")
        scrolled = time.perf_counter() - start
        assert scroll.scroll_y > 0
    return opened, scrolled


def median_of(runs: int, measure: Callable[[], Awaitable[object]]) -> list[object]:
    return [asyncio.run(measure()) for _ in range(runs)]


def tmux_startup(command: str, text: str) -> float | None:
    """Seconds from starting `command` in a fresh 100x30 tmux until `text` is on screen."""
    tmux = shutil.which("tmux")
    if tmux is None:
        return None
    socket = f"bench-{os.getpid()}"
    run = [tmux, "-L", socket]
    start = time.perf_counter()
    subprocess.run(
        [*run, "-f", os.devnull, "new-session", "-d", "-x", "100", "-y", "30", command], check=True
    )
    try:
        while time.perf_counter() - start < 60:
            screen = subprocess.run([*run, "capture-pane", "-p"], capture_output=True, text=True)
            if text in screen.stdout:
                return time.perf_counter() - start
            time.sleep(0.01)
        return None
    finally:
        subprocess.run([*run, "kill-server"], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tmux", action="store_true", help="also time the installed command")
    parser.add_argument(
        "--markdown-runs", type=int, default=1, help="runs of the (slow) Markdown peer"
    )
    args = parser.parse_args()
    results: dict[str, object] = {"size": SIZE, "runs": args.runs, "pages": PAGES}

    reader_start = [asyncio.run(time_reader_startup()) for _ in range(args.runs)]
    static_start = [asyncio.run(time_static_startup()) for _ in range(args.runs)]
    results["startup_seconds"] = {
        "reader": statistics.median(reader_start),
        "static_peer": statistics.median(static_start),
    }
    results["startup_ratio_peer_over_reader"] = statistics.median(static_start) / statistics.median(
        reader_start
    )

    article = megabyte_article()
    text = render(article, "plain")
    markdown = render(article, "markdown")
    results["article_chars"] = len(text)
    big: dict[str, dict[str, float]] = {}
    for name, measure in (
        ("reader", lambda: time_reader_big(article)),
        ("static_peer", lambda: time_peer_big(lambda: Static(text))),
        ("markdown_peer", lambda: time_peer_big(lambda: Markdown(markdown))),
    ):
        count = args.runs if name != "markdown_peer" else args.markdown_runs
        runs = [asyncio.run(measure()) for _ in range(count)]
        big[name] = {
            "open_seconds": statistics.median(r[0] for r in runs),
            f"{PAGES}_page_downs_seconds": statistics.median(r[1] for r in runs),
        }
        print(name, big[name], flush=True)
    results["megabyte"] = big
    for peer in ("static_peer", "markdown_peer"):
        results[f"open_ratio_{peer}_over_reader"] = (
            big[peer]["open_seconds"] / big["reader"]["open_seconds"]
        )
        key = f"{PAGES}_page_downs_seconds"
        results[f"scroll_ratio_{peer}_over_reader"] = big[peer][key] / big["reader"][key]

    if args.tmux:
        reader = str(Path(sys.executable).with_name("reader"))
        with tempfile.TemporaryDirectory() as home:
            env = " ".join(
                f"{name}={home}/{name}"
                for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
            )
            ours = tmux_startup(f"env {env} {reader}", "Welcome to reader")
        peer_script = (
            "from textual.app import App\n"
            "from textual.widgets import Static\n"
            "from reader.core.formats import render\n"
            "from reader.core.pipeline import Options, load_article\n"
            "text = render(load_article(None, Options()), 'plain')\n"
            "class Peer(App):\n"
            "    def compose(self):\n"
            "        yield Static(text)\n"
            "Peer().run()\n"
        )
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
            script.write(peer_script)
        try:
            peer = tmux_startup(f"{sys.executable} {script.name}", "Welcome to reader")
        finally:
            os.unlink(script.name)
        results["tmux_startup_seconds"] = {"reader": ours, "static_peer": peer}
        if ours and peer:
            results["tmux_startup_ratio_peer_over_reader"] = peer / ours

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "tui_startup.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
