"""Parse the command line and choose a mode: linear output or the full-screen app.

The mode is chosen BEFORE anything imports Textual, so plain output stays fast and a
non-terminal or `TERM=dumb` never gets a full-screen takeover.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, TypeVar

from reader import __version__
from reader.core.errors import EXIT_USAGE, ReaderError, UsageError
from reader.core.safe_text import clean_line

if TYPE_CHECKING:
    from reader.core.pipeline import Options

FORMAT_CHOICES = ("plain", "text", "markdown", "json", "html")
SUBCOMMANDS = ("themes", "languages")
EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 130

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
N = TypeVar("N", int, float)
_UNITS = {"": 1, "b": 1, "k": 10**3, "m": 10**6, "g": 10**9}
MAX_SIZE_LIMIT = 10**12  # 1 TB: past any page, and within what the OS can read at once


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and exit 2, like every other error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, "see 'reader --help'")


def parse_size(text: str) -> int:
    """Bytes from '20MB', '512k', '1.5GiB' or a plain number."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use e.g. 20MB or 500k)")
    number, unit = match.groups()
    unit = (unit or "").lower()
    binary = "i" in unit  # KiB, MiB, GiB
    factor = 1024 ** ("kmg".index(unit[0]) + 1) if binary else _UNITS[unit[:1]]
    size = float(number) * factor
    if not size <= MAX_SIZE_LIMIT:  # also catches an overflow to infinity
        raise argparse.ArgumentTypeError(f"too large: {text[:40]!r} (at most 1000GB)")
    return int(size)


def _positive(convert: Callable[[str], N], what: str) -> Callable[[str], N]:
    """An argparse type that accepts only numbers above zero."""

    def parse(text: str) -> N:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
        if not (math.isfinite(value) and value > 0):
            raise argparse.ArgumentTypeError(f"must be a finite number above 0: {text!r}")
        return value

    return parse


positive_float = _positive(float, "a number of seconds")
positive_int = _positive(int, "a whole number")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description="Read the article in a web page, in a calm full-screen reader or as "
        "clean linear text for screen readers.",
        epilog="Subcommands: 'reader themes' lists the themes; 'reader languages' manages "
        "offline translation packages. Exit codes: 0 ok, 2 usage, 3 fetch failed, "
        "4 content unreadable.",
    )
    parser.add_argument(
        "source",
        nargs="?",
        help="a URL, a bare domain (example.com/page means https), a file, a file:// URL, "
        "or - for standard input; none opens the welcome article",
    )
    out = parser.add_argument_group("output")
    out.add_argument(
        "--plain",
        action="store_true",
        help="print the article as linear text for screen readers and braille displays "
        "(the default when output is not a terminal or TERM=dumb)",
    )
    out.add_argument("--format", choices=FORMAT_CHOICES, help="print in this format")
    out.add_argument("--width", type=positive_int, help="wrap printed lines at N columns")
    out.add_argument("--full", action="store_true", help="the whole page's text, undistilled")
    out.add_argument(
        "--scale",
        type=int,
        choices=range(1, 5),
        metavar="{1,2,3,4}",
        help="text N times larger: large letters in the full-screen reader; printed plain text "
        "uses kitty's text-sizing protocol (OSC 66) where the terminal supports it",
    )
    language = parser.add_argument_group("translation (offline)")
    language.add_argument("--translate", metavar="LANG", help="translate the article into LANG")
    language.add_argument(
        "--from",
        dest="source_language",
        metavar="LANG",
        help="the article's language, when the page does not say it",
    )
    language.add_argument(
        "--translation-view",
        choices=("translation", "original", "interleaved"),
        default="translation",
        help="show the translation only (the default), the original, or each block followed "
        "by its translation",
    )
    fetch = parser.add_argument_group("fetching")
    fetch.add_argument(
        "--timeout", type=positive_float, default=20.0, help="seconds for the whole fetch (20)"
    )
    fetch.add_argument(
        "--max-size",
        type=parse_size,
        default=20_000_000,
        metavar="SIZE",
        help="largest page to read, decoded, e.g. 20MB (the default)",
    )
    fetch.add_argument(
        "--offline",
        action="store_true",
        help="read web pages from the offline cache only (pages you have read before)",
    )
    fetch.add_argument(
        "--extract-timeout",
        type=positive_float,
        default=10.0,
        metavar="S",
        help="seconds extraction (parsing, distilling, converting) may take before reader "
        "shows what it has read, with a note (10)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def wants_linear_output(args: argparse.Namespace) -> bool:
    """True when the article is printed rather than shown in the full-screen app."""
    if args.plain or args.format:
        return True
    if os.environ.get("TERM", "") == "dumb":
        return True
    return not (sys.stdout.isatty() and sys.stdin.isatty())


def wants_color() -> bool:
    """Colour only on a real terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return (
        sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM", "") != "dumb"
    )


def options_from(args: argparse.Namespace) -> Options:
    """The fetch and distillation options the command line asked for."""
    from reader.core.pipeline import Options

    return Options(
        timeout=args.timeout,
        max_size=args.max_size,
        full=args.full,
        offline=args.offline,
        extract_budget=args.extract_timeout,
    )


def warn(message: str) -> None:
    """A problem that does not stop reader (a damaged cache entry, say): one line on stderr."""
    print(f"reader: warning: {clean_line(message)}", file=sys.stderr)


def print_article(args: argparse.Namespace) -> int:
    from reader.core.formats import render
    from reader.core.pipeline import load_article

    fmt = args.format or "plain"
    plain = fmt in ("plain", "text")
    if args.scale and not plain:
        raise UsageError("--scale works with plain text only", "drop --format or --scale")
    article = load_article(args.source, options_from(args), warn)
    if args.translate:
        from reader.core.translate.article import translate_for_output

        article = translate_for_output(
            article, args.translate, args.source_language, args.translation_view
        )
    color = plain and wants_color()
    if args.scale and args.scale > 1:
        from reader.core.large_text.text_sizing import print_scaled

        print_scaled(
            lambda width: render(article, fmt, width=width, color=color),
            args.scale,
            width=args.width,
        )
        return 0
    text = render(article, fmt, width=args.width, color=color)
    write_stdout(text if text.endswith("\n") else text + "\n")
    return 0


def write_stdout(text: str) -> None:
    """Write to stdout, replacing what its encoding cannot show instead of failing."""
    stream = sys.stdout
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="replace")
    stream.write(text)
    stream.flush()


def run_app(args: argparse.Namespace) -> int:
    from reader.tui import run_tui

    # --translation-view has a default for printing; only an explicit --translate changes
    # the full-screen reader's saved view.
    return run_tui(
        args.source,
        options_from(args),
        language=args.translate,
        translation_view=args.translation_view if args.translate else None,
        translation_source=args.source_language,
        scale=args.scale,
    )


def dispatch(argv: list[str]) -> int:
    if argv and argv[0] in SUBCOMMANDS:
        return subcommand(argv[0])(argv[1:])
    args = build_parser().parse_args(argv)
    if args.source is not None and not args.source.strip():
        raise UsageError("the source is empty", "give a URL, a file or - for standard input")
    if wants_linear_output(args):
        return print_article(args)
    return run_app(args)


def subcommand(name: str) -> Callable[[list[str]], int]:
    if name == "themes":
        from reader.commands.themes import main as themes_main

        return themes_main
    from reader.commands.languages import main as languages_main

    return languages_main


def report(error: BaseException, debug: bool) -> None:
    if debug:
        traceback.print_exception(error)
    print(f"reader: {error}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run reader; returns the exit code (see the README's table)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        return dispatch(argv)
    except ReaderError as error:
        report(error, debug)
        return error.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (`reader --plain URL | head`): not an error.
        _silence_stdout()
        return 0
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except Exception as error:  # a bug: still one line unless --debug
        if debug:
            traceback.print_exception(error)
        # The exception's text may quote a page or a server: one clean line.
        detail = clean_line(f"{type(error).__name__}: {error}")
        print(
            f"reader: internal error: {detail} (run again with --debug and report the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
