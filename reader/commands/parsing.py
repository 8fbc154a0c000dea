"""The argument parser every reader command uses: its own words in the interface language,
and errors as one line (exit 2) like every other error."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from reader.core.errors import UsageError
from reader.core.i18n import _, shipped_languages


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with a translated `usage:` heading."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose headings and -h help are translated and whose errors raise
    UsageError with `hint` (argparse's own error texts stay English)."""

    def __init__(self, *, hint: str, **kwargs: Any) -> None:
        super().__init__(add_help=False, formatter_class=_HelpFormatter, **kwargs)
        self.hint = hint
        # argparse names its two default groups with gettext's global domain, not reader's.
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("show this help message and exit"))

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.hint)


def add_ui_language_argument(parser: argparse._ActionsContainer) -> None:
    """`--ui-language`, which the CLI reads before parsing (see `cli.interface_language`)."""
    parser.add_argument(
        "--ui-language",
        metavar="LANG",
        help=_(
            "the language of reader's own words: {languages}; the default is ui_language "
            "in settings.toml, else the locale"
        ).format(languages=", ".join(shipped_languages())),
    )
