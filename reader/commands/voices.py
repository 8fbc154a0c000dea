"""`reader voices`: the speech engines found, in the order reader uses them, and their voices."""

from __future__ import annotations

import argparse
import sys

from reader.commands.parsing import Parser, add_ui_language_argument
from reader.core.i18n import _
from reader.core.safe_text import clean_line


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        hint=_("see 'reader voices --help'"),
        prog="reader voices",
        description=_(
            "List the speech engines reader can read aloud with (speech-dispatcher, "
            "espeak-ng, piper), the one it uses, and their voices. Choose with the settings "
            "engine, voice and rate."
        ),
    )
    parser.add_argument(
        "language", nargs="?", help=_("list only the voices for this language, e.g. de")
    )
    add_ui_language_argument(parser)
    return parser


def main(argv: list[str]) -> int:
    """Run `reader voices` with `argv` (the words after 'voices'); returns the exit code."""
    from reader.core.speech.engines import NoEngineError, find_engines, language_matches
    from reader.core.storage.settings import load_settings

    args = build_parser().parse_args(argv)
    settings, warnings = load_settings()
    for warning in warnings:
        message = _("warning: {message}").format(message=clean_line(warning))
        print(f"reader: {message}", file=sys.stderr)
    engines = find_engines(settings)
    if not engines:
        raise NoEngineError()
    in_use = next((e for e in engines if e.name == settings.engine), engines[0])
    lines = [_("Engines, in the order reader uses them:")]
    for engine in engines:
        lines.append(f"  {engine.name}" + ("  " + _("(in use)") if engine is in_use else ""))
    for engine in engines:
        voices = [
            voice
            for voice in engine.voices()
            if not args.language or language_matches(voice.language, args.language)
        ]
        heading = _("{engine} voices ({count}): name, language, description").format(
            engine=engine.name, count=len(voices)
        )
        lines += ["", heading]
        rows = [
            [clean_line(v.name), clean_line(v.language), clean_line(v.description)] for v in voices
        ]
        width = max((len(row[0]) for row in rows), default=0)
        for name, language, description in rows:
            lines.append(f"  {name.ljust(width)}  {language:<10} {description}".rstrip())
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
