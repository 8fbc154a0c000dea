"""`reader save URL` and `reader list ...`: the reading list from the command line.

`reader save` fetches the page, checks it reads as an article, and keeps it pinned in the page
cache so `reader --offline URL` opens it later. `reader list` prints the list as plain text (a
numbered entry of three short lines each, no table to read across) or JSON; `done`, `undone`
and `remove` act on entries by their number or address.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import sys
from collections.abc import Iterator
from typing import NoReturn

from reader.core.errors import ReaderError, UsageError
from reader.core.storage.history import describe_time
from reader.core.storage.page_cache import PageCache
from reader.core.storage.reading_list import (
    ReadingList,
    SavedArticle,
    remove_saved,
    save_for_later,
    with_progress,
)
from reader.core.storage.state import State

LIST_USAGE = """\
reader list [--all] [--json]      the articles saved to read (--all: done ones too)
reader list done N [N ...]        mark articles done (N: the number shown, or the address)
reader list undone N [N ...]      put done articles back on the list
reader list remove N [N ...]      take articles off the list (the cache may then drop them)"""
ACTIONS = ("done", "undone", "remove")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message, f"see '{self.prog} --help'")


def build_save_parser() -> argparse.ArgumentParser:
    from reader.cli import parse_size, positive_float
    from reader.core.pipeline import Options

    defaults = Options()
    parser = _Parser(
        prog="reader save",
        description="Fetch a web page and put it on your reading list; the page is kept in "
        "the offline cache until you remove it, so 'reader --offline URL' opens it anywhere.",
        epilog="Exit codes: 0 saved, 2 usage, 3 fetch failed, 4 content unreadable, "
        "1 the reading list cannot be written.",
    )
    parser.add_argument(
        "url", help="the web page (a bare domain such as example.com/page means https)"
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=defaults.timeout,
        help="seconds for the whole fetch (20)",
    )
    parser.add_argument(
        "--max-size",
        type=parse_size,
        default=defaults.max_size,
        metavar="SIZE",
        help="largest page to read, decoded, e.g. 20MB (the default)",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="save a page you have read before from the offline cache, without the network",
    )
    return parser


def build_list_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader list",
        usage=LIST_USAGE,
        description="Your reading list: the articles you saved for later, newest first, with "
        "how far you have read each. Their pages stay in the offline cache until removed.",
    )
    parser.add_argument("action", nargs="?", choices=ACTIONS, help="what to do with articles N")
    parser.add_argument(
        "entries", nargs="*", metavar="N", help="an article's number (as listed) or address"
    )
    parser.add_argument("--all", action="store_true", help="include articles marked done")
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    return parser


@contextlib.contextmanager
def open_list() -> Iterator[ReadingList]:
    """The user's reading list, its warnings printed when done with it."""
    from reader.cli import warn

    saved = ReadingList()
    try:
        yield saved
    finally:
        saved.close()
        for message in saved.warnings:
            warn(message)


def _require_writable(saved: ReadingList) -> None:
    if not saved.persistent:
        reason = saved.warnings.pop() if saved.warnings else "cannot open it"
        raise ReaderError(
            f"cannot save to the reading list: {reason}", "check that the data folder is writable"
        )


def save_main(argv: list[str]) -> int:
    """Run `reader save` with `argv` (the words after 'save'); returns the exit code."""
    from reader.cli import warn
    from reader.core.extract.extractor import extract
    from reader.core.pipeline import Options, load_page
    from reader.core.sources.resolve import resolve_source

    args = build_save_parser().parse_args(argv)
    url = resolve_source(args.url)
    if not url.startswith(("http://", "https://")):
        raise UsageError(
            "only web pages can be saved to the reading list", "give an http(s) address"
        )
    with open_list() as saved:
        _require_writable(saved)
        options = Options(
            timeout=args.timeout, max_size=args.max_size, offline=args.offline, use_cache=False
        )
        page = load_page(url, options, warn)
        article = extract(page)
        with PageCache() as cache:
            result = save_for_later(
                saved, cache, article.url or page.url, article.title, page=page, asked_url=url
            )
            for message in cache.warnings:
                warn(message)
        if result.article is None:
            reason = saved.warnings.pop() if saved.warnings else "not saved"
            raise ReaderError(f"cannot save to the reading list: {reason}", "try again")
        entry = result.article
        if result.new:
            print(f"Saved as number {entry.number}: {entry.title}")
        else:
            print(f"Already on the list as number {entry.number}, copy refreshed: {entry.title}")
        if result.offline:
            print("Kept for offline reading: reader --offline " + entry.shown_url)
        else:
            print("The page could not be kept for offline reading (see the warning above).")
    return 0


def list_main(argv: list[str]) -> int:
    """Run `reader list` with `argv` (the words after 'list'); returns the exit code."""
    args = build_list_parser().parse_args(argv)
    if args.action is None and args.entries:
        raise UsageError(
            f"unknown action {args.entries[0]!r}", "use done, undone or remove, or no action"
        )
    if args.action is not None and not args.entries:
        raise UsageError(
            f"say which articles: reader list {args.action} N",
            "N is the number 'reader list' shows",
        )
    with open_list() as saved:
        if args.action is not None:
            return _act(saved, args.action, args.entries)
        with State() as state:
            articles = with_progress(saved.articles(include_done=args.all), state)
        if args.json:
            data = {"articles": [article_json(a) for a in articles], "warnings": saved.warnings}
            sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        else:
            done = 0 if args.all else len(saved.articles(include_done=True)) - len(articles)
            sys.stdout.write(format_list(articles, include_done=args.all, done=done))
    return 0


def _act(saved: ReadingList, action: str, refs: list[str]) -> int:
    """Apply `action` to each entry named in `refs`; every one must exist before any changes."""
    _require_writable(saved)
    articles: list[SavedArticle] = []
    for ref in refs:
        article = saved.find(ref)
        if article is None:
            raise UsageError(
                f"nothing on the reading list is numbered or addressed {ref!r}",
                "see the numbers with 'reader list --all'",
            )
        articles.append(article)
    with PageCache() if action == "remove" else contextlib.nullcontext() as cache:
        for article in articles:
            if cache is not None:
                done = remove_saved(saved, cache, article)
                message = f"Removed number {article.number}: {article.title}"
            else:
                done = saved.set_done(article.number, action == "done")
                state = "done" if action == "done" else "back on the list"
                message = f"Marked {state}, number {article.number}: {article.title}"
            if not done:
                reason = saved.warnings.pop() if saved.warnings else "not saved"
                raise ReaderError(f"cannot change the reading list: {reason}", "try again")
            print(message)
    return 0


def format_list(articles: list[SavedArticle], *, include_done: bool = False, done: int = 0) -> str:
    """The list as plain text: a heading line, then per article its number and title, its
    address, and its progress and when it was saved, each entry followed by a blank line.
    `done`: how many articles marked done are left out."""
    hidden = f"{done} marked done: see them with reader list --all" if done else ""
    if not articles:
        if done:
            return f"Nothing left to read on your reading list ({hidden}).\n"
        return "Your reading list is empty. Save an article with: reader save URL\n"
    count = len(articles)
    what = "saved article" if include_done else "article to read"
    lines = [f"Reading list: {count} {what}{'' if count == 1 else 's'}", ""]
    for article in articles:
        lines.append(f"{article.number}. {article.title}")
        lines.append(f"   {article.shown_url}")
        lines.append(f"   {article.progress}, saved {describe_time(article.added)}")
        lines.append("")
    if hidden:
        lines.append(f"Also {hidden}.")
    lines.append("Open one with: reader URL (add --offline without a network)")
    lines.append("Mark one done: reader list done N; remove one: reader list remove N")
    return "\n".join(lines) + "\n"


def article_json(article: SavedArticle) -> dict[str, object]:
    """One saved article as a JSON-ready dict; times in UTC, ISO 8601."""
    return {
        "number": article.number,
        "title": article.title,
        "url": article.shown_url,
        "saved": _iso(article.added),
        "done": None if article.done is None else _iso(article.done),
        "percent_read": article.percent,
        "progress": article.progress,
    }


def _iso(when: float) -> str:
    return datetime.datetime.fromtimestamp(when, datetime.UTC).isoformat(timespec="seconds")
