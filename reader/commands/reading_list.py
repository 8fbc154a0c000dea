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

from reader.commands.parsing import Parser, add_fetch_limits, add_ui_language_argument
from reader.core.errors import ReaderError, UsageError
from reader.core.i18n import _, ngettext
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

ACTIONS = ("done", "undone", "remove")


def list_usage() -> str:
    """The forms of `reader list`, each with what it does, aligned."""
    forms = [
        ("reader list [--all] [--json]", _("the articles saved to read (--all: done ones too)")),
        (
            "reader list done N [N ...]",
            _("mark articles done (N: the number shown, or the address)"),
        ),
        ("reader list undone N [N ...]", _("put done articles back on the list")),
        (
            "reader list remove N [N ...]",
            _("take articles off the list (the cache may then drop them)"),
        ),
    ]
    return "\n".join(f"{form:<34}{what}" for form, what in forms)


def _hint(prog: str) -> str:
    return _("see '{command} --help'").format(command=prog)


def build_save_parser() -> argparse.ArgumentParser:
    parser = Parser(
        hint=_hint("reader save"),
        prog="reader save",
        description=_(
            "Fetch a web page and put it on your reading list; the page is kept in the offline "
            "cache until you remove it, so 'reader --offline URL' opens it anywhere."
        ),
        epilog=_(
            "Exit codes: 0 saved, 2 usage, 3 fetch failed, 4 content unreadable, "
            "1 the reading list cannot be written."
        ),
    )
    parser.add_argument(
        "url", help=_("the web page (a bare domain such as example.com/page means https)")
    )
    add_fetch_limits(parser)
    parser.add_argument(
        "--offline",
        action="store_true",
        help=_("save a page you have read before from the offline cache, without the network"),
    )
    add_ui_language_argument(parser)
    return parser


def build_list_parser() -> argparse.ArgumentParser:
    parser = Parser(
        hint=_hint("reader list"),
        prog="reader list",
        usage=list_usage(),
        description=_(
            "Your reading list: the articles you saved for later, newest first, with how far "
            "you have read each. Their pages stay in the offline cache until removed."
        ),
    )
    parser.add_argument("action", nargs="?", choices=ACTIONS, help=_("what to do with articles N"))
    parser.add_argument(
        "entries", nargs="*", metavar="N", help=_("an article's number (as listed) or address")
    )
    parser.add_argument("--all", action="store_true", help=_("include articles marked done"))
    parser.add_argument("--json", action="store_true", help=_("print the list as JSON"))
    add_ui_language_argument(parser)
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
        reason = saved.warnings.pop() if saved.warnings else _("cannot open it")
        raise ReaderError(
            _("cannot save to the reading list: {reason}").format(reason=reason),
            _("check that the data folder is writable"),
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
            _("only web pages can be saved to the reading list"), _("give an http(s) address")
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
            reason = saved.warnings.pop() if saved.warnings else _("not saved")
            raise ReaderError(
                _("cannot save to the reading list: {reason}").format(reason=reason), _("try again")
            )
        entry = result.article
        if result.new:
            said = _("Saved as number {number}: {title}")
        else:
            said = _("Already on the list as number {number}, copy refreshed: {title}")
        print(said.format(number=entry.number, title=entry.title))
        if result.offline:
            command = "reader --offline " + entry.shown_url
            print(_("Kept for offline reading: {command}").format(command=command))
        else:
            print(_("The page could not be kept for offline reading (see the warning above)."))
    return 0


def list_main(argv: list[str]) -> int:
    """Run `reader list` with `argv` (the words after 'list'); returns the exit code."""
    args = build_list_parser().parse_args(argv)
    if args.action is None and args.entries:
        raise UsageError(
            _("unknown action {action!r}").format(action=args.entries[0]),
            _("use done, undone or remove, or no action"),
        )
    if args.action is not None and not args.entries:
        raise UsageError(
            _("say which articles: {command}").format(command=f"reader list {args.action} N"),
            _("N is the number 'reader list' shows"),
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
                _("nothing on the reading list is numbered or addressed {ref!r}").format(ref=ref),
                _("see the numbers with 'reader list --all'"),
            )
        articles.append(article)
    with PageCache() if action == "remove" else contextlib.nullcontext() as cache:
        for article in articles:
            if cache is not None:
                done = remove_saved(saved, cache, article)
                message = _("Removed number {number}: {title}")
            else:
                done = saved.set_done(article.number, action == "done")
                message = (
                    _("Marked done, number {number}: {title}")
                    if action == "done"
                    else _("Marked back on the list, number {number}: {title}")
                )
            if not done:
                reason = saved.warnings.pop() if saved.warnings else _("not saved")
                raise ReaderError(
                    _("cannot change the reading list: {reason}").format(reason=reason),
                    _("try again"),
                )
            print(message.format(number=article.number, title=article.title))
    return 0


def format_list(articles: list[SavedArticle], *, include_done: bool = False, done: int = 0) -> str:
    """The list as plain text: a heading line, then per article its number and title, its
    address, and its progress and when it was saved, each entry followed by a blank line.
    `done`: how many articles marked done are left out."""
    hidden = (
        _("{count} marked done: see them with reader list --all").format(count=done) if done else ""
    )
    if not articles:
        if done:
            return (
                _("Nothing left to read on your reading list ({hidden}).").format(hidden=hidden)
                + "\n"
            )
        return _("Your reading list is empty. Save an article with: reader save URL") + "\n"
    count = len(articles)
    if include_done:
        heading = ngettext(
            "Reading list: {count} saved article", "Reading list: {count} saved articles", count
        )
    else:
        heading = ngettext(
            "Reading list: {count} article to read", "Reading list: {count} articles to read", count
        )
    lines = [heading.format(count=count), ""]
    for article in articles:
        lines.append(f"{article.number}. {article.title}")
        lines.append(f"   {article.shown_url}")
        saved = _("{progress}, saved {when}").format(
            progress=article.progress, when=describe_time(article.added)
        )
        lines.append(f"   {saved}")
        lines.append("")
    if hidden:
        lines.append(_("Also {hidden}.").format(hidden=hidden))
    lines.append(_("Open one with: reader URL (add --offline without a network)"))
    lines.append(_("Mark one done: reader list done N; remove one: reader list remove N"))
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
