"""Parse the command line and choose a mode: linear output, line mode or the full-screen app.

The mode is chosen BEFORE anything imports Textual, so plain output stays fast and a
non-terminal or `TERM=dumb` never gets a full-screen takeover.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader import __version__
from reader.commands.parsing import (
    Parser,
    add_fetch_limits,
    add_ui_language_argument,
    positive_float,
    positive_int,
)
from reader.core.errors import EXIT_USAGE, ReaderError, UsageError
from reader.core.i18n import _, choose_language, use_language
from reader.core.safe_text import clean_line

if TYPE_CHECKING:
    from reader.core.pipeline import Options

FORMAT_CHOICES = ("plain", "text", "markdown", "json", "html")
SUBCOMMANDS = ("themes", "languages", "list", "save", "voices")
EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    from reader.core.pipeline import Options
    from reader.core.translate.views import PRINTED_VIEWS

    parser = Parser(
        hint=_("see 'reader --help'"),
        prog="reader",
        description=_(
            "Read the article in a web page, in a calm full-screen reader or as "
            "clean linear text for screen readers."
        ),
        epilog=_(
            "Subcommands: 'reader themes' lists the themes; 'reader languages' manages "
            "offline translation packages; 'reader save URL' and 'reader list' keep a reading "
            "list; 'reader voices' lists the speech engines and voices. Exit codes: 0 ok, "
            "2 usage, 3 fetch failed, 4 content unreadable."
        ),
    )
    parser.add_argument(
        "source",
        nargs="?",
        help=_(
            "a URL, a bare domain (example.com/page means https), a file, a file:// URL, "
            "or - for standard input; none opens the welcome article"
        ),
    )
    out = parser.add_argument_group(_("output"))
    out.add_argument(
        "--plain",
        action="store_true",
        help=_(
            "print the article as linear text for screen readers and braille displays "
            "(the default when output is not a terminal)"
        ),
    )
    out.add_argument(
        "--line",
        action="store_true",
        help=_(
            "line mode for screen readers: a prompt, commands, and only new lines below "
            'the old ones (the default when TERM=dumb; also READER_MODE=line or mode = "line")'
        ),
    )
    out.add_argument("--format", choices=FORMAT_CHOICES, help=_("print in this format"))
    out.add_argument("--width", type=positive_int, help=_("wrap printed lines at N columns"))
    out.add_argument("--full", action="store_true", help=_("the whole page's text, undistilled"))
    out.add_argument(
        "--scale",
        type=int,
        choices=range(1, 5),
        metavar="{1,2,3,4}",
        help=_(
            "text N times larger: large letters in the full-screen reader; printed plain text "
            "uses kitty's text-sizing protocol (OSC 66) where the terminal supports it"
        ),
    )
    add_ui_language_argument(out)
    language = parser.add_argument_group(_("translation (offline)"))
    language.add_argument("--translate", metavar="LANG", help=_("translate the article into LANG"))
    language.add_argument(
        "--from",
        dest="source_language",
        metavar="LANG",
        help=_("the article's language, when the page does not say it"),
    )
    language.add_argument(
        "--translation-view",
        choices=PRINTED_VIEWS,
        default=PRINTED_VIEWS[0],
        help=_(
            "show the translation only (the default), the original, or each block followed "
            "by its translation"
        ),
    )
    aloud = parser.add_argument_group(_("read aloud (offline; see 'reader voices')"))
    aloud.add_argument(
        "--speak",
        action="store_true",
        help=_(
            "read the article aloud from the saved position, printing each block as it is "
            "spoken; ctrl+c stops and keeps the position"
        ),
    )
    aloud.add_argument(
        "--audio", metavar="FILE.wav", help=_("write the article read aloud to FILE")
    )
    fetch = parser.add_argument_group(_("fetching"))
    add_fetch_limits(fetch)
    fetch.add_argument(
        "--offline",
        action="store_true",
        help=_("read web pages from the offline cache only (pages you have read before)"),
    )
    fetch.add_argument(
        "--extract-timeout",
        type=positive_float,
        default=Options().extract_budget,
        metavar="S",
        help=_(
            "seconds extraction (parsing, distilling, converting) may take before reader "
            "shows what it has read, with a note (10)"
        ),
    )
    parser.add_argument("--debug", action="store_true", help=_("show tracebacks on errors"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"reader {__version__}",
        help=_("show reader's version and exit"),
    )
    return parser


def chosen_mode(args: argparse.Namespace) -> str:
    """ "print" (linear output), "line" (line mode) or "app" (the full-screen reader)."""
    if args.line:
        if args.plain or args.format:
            raise UsageError(_("--line cannot be combined with --plain or --format"), _("drop one"))
        if args.source == "-":
            raise UsageError(
                _(
                    "line mode reads its commands from standard input, so the page cannot "
                    "come from it"
                ),
                _("save the page to a file and give its name"),
            )
        return "line"
    if args.plain or args.format or not (sys.stdout.isatty() and sys.stdin.isatty()):
        return "print"
    if os.environ.get("TERM", "") == "dumb":
        return "line"
    return "line" if preferred_mode() == "line" else "app"


def preferred_mode() -> str:
    """READER_MODE if set to a mode, else the `mode` setting."""
    from reader.core.storage.settings_file import MODES, saved_mode

    wanted = os.environ.get("READER_MODE", "").strip().lower()
    if wanted in MODES:
        return wanted
    if wanted:
        warn(
            _("READER_MODE={mode} is not one of {choices}; ignoring it").format(
                mode=wanted, choices=", ".join(MODES)
            )
        )
    return saved_mode()


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
    # "reader:" starts every line reader writes to stderr, in every language (users grep it).
    warning = _("warning: {message}").format(message=clean_line(message))
    print(f"reader: {warning}", file=sys.stderr)


def print_article(args: argparse.Namespace) -> int:
    from reader.core.extract import extractor  # noqa: F401  (loaded before the freeze below)
    from reader.core.formats import render
    from reader.core.pipeline import load_article

    # Everything imported so far lives until exit: moved out of the collector's reach, the
    # collections that extraction's allocations trigger skip it (~10 ms less per run).
    gc.freeze()
    fmt = args.format or "plain"
    plain = fmt in ("plain", "text")
    if args.scale and not plain:
        raise UsageError(_("--scale works with plain text only"), _("drop --format or --scale"))
    article = load_article(args.source, options_from(args), warn)
    if args.translate:
        from reader.core.translate.article import translate_for_output

        article = translate_for_output(
            article, args.translate, args.source_language, args.translation_view, warn
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


def read_aloud(args: argparse.Namespace) -> int:
    """`--speak` and `--audio FILE.wav`: the article (translated if asked) read aloud."""
    from pathlib import Path

    from reader.core.pipeline import load_article
    from reader.core.speech.aloud import record, speak

    article = load_article(args.source, options_from(args), warn)
    if args.translate:
        from reader.core.translate.article import translate_for_output

        article = translate_for_output(article, args.translate, args.source_language)
    if args.audio:
        return record(article, Path(args.audio), warn)
    return speak(article, args.source, warn)


def write_stdout(text: str) -> None:
    """Write to stdout, replacing what its encoding cannot show instead of failing."""
    stream = sys.stdout
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="replace")
    stream.write(text)
    stream.flush()


def run_line_mode(args: argparse.Namespace) -> int:
    from reader.line import run_line

    return run_line(
        args.source,
        options_from(args),
        width=args.width,
        language=args.translate,
        translation_view=args.translation_view,
        translation_source=args.source_language,
    )


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
        raise UsageError(_("the source is empty"), _("give a URL, a file or - for standard input"))
    if args.speak or args.audio:
        return read_aloud(args)
    mode = chosen_mode(args)
    if mode == "print":
        return print_article(args)
    if mode == "line":
        return run_line_mode(args)
    return run_app(args)


def subcommand(name: str) -> Callable[[list[str]], int]:
    if name == "themes":
        from reader.commands.themes import main as themes_main

        return themes_main
    if name == "list":
        from reader.commands.reading_list import list_main

        return list_main
    if name == "save":
        from reader.commands.reading_list import save_main

        return save_main
    if name == "voices":
        from reader.commands.voices import main as voices_main

        return voices_main
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
        use_language(interface_language(argv))
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
        message = _("internal error: {detail} (run again with --debug and report the traceback)")
        print(f"reader: {message.format(detail=detail)}", file=sys.stderr)
        return EXIT_INTERNAL


def interface_language(argv: list[str]) -> str:
    """The language of reader's own words: `--ui-language`, else `ui_language` in
    settings.toml, else the locale, else English. Read before parsing, so help is translated."""
    option = None
    for i, word in enumerate(argv):
        if word == "--":
            break
        if word == "--ui-language" and i + 1 < len(argv):
            option = argv[i + 1]
        elif word.startswith("--ui-language="):
            option = word.partition("=")[2]
    if option:
        return choose_language(option, None, os.environ)
    from reader.core.storage.settings_file import ui_language_setting  # reads settings.toml

    return choose_language(None, ui_language_setting(), os.environ)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
