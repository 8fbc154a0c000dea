"""The argument parser every reader command uses: argparse's own words (usage, headings,
errors) in the interface language, and errors as one line (exit 2) like every other error."""

from __future__ import annotations

import argparse
import gettext
import math
import re
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from reader.core.errors import UsageError
from reader.core.i18n import N_, _, ngettext, shipped_languages

# The messages argparse can show a reader user, as argparse spells them (Python 3.11 to 3.14);
# argparse looks each up through its module's `_` when it shows it. Its programming errors
# (conflicting options, bad nargs) and the subparser and deprecation messages reader never
# triggers are left to gettext.
ARGPARSE_MESSAGES = frozenset(
    {
        N_("usage: "),
        # TRANSLATORS: a section heading in --help (argparse adds it on Python 3.14 and later).
        N_("%(heading)s:"),
        N_("positional arguments"),
        N_("options"),
        N_("show this help message and exit"),
        # TRANSLATORS: an error about one option: %(argument_name)s is the option, e.g. --format.
        N_("argument %(argument_name)s: %(message)s"),
        N_("unrecognized arguments: %s"),
        N_("the following arguments are required: %s"),
        N_("one of the arguments %s is required"),
        N_("not allowed with argument %s"),
        N_("ignored explicit argument %r"),
        N_("expected one argument"),
        N_("expected at most one argument"),
        N_("expected at least one argument"),
        N_("ambiguous option: %(option)s could match %(matches)s"),
        # TRANSLATORS: %(type)s is a Python type name such as int, left as it is.
        N_("invalid %(type)s value: %(value)r"),
        N_("invalid choice: %(value)r (choose from %(choices)s)"),
        N_("invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)"),
    }
)


def _argparse_gettext(message: str) -> str:
    """argparse's `_`: its messages from reader's catalog, anything else as gettext has it."""
    return _(message) if message in ARGPARSE_MESSAGES else gettext.gettext(message)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    """argparse's `ngettext`, likewise."""
    if singular == "expected %s argument":
        return ngettext("expected %s argument", "expected %s arguments", n)
    return gettext.ngettext(singular, plural, n)


def _bind_argparse_to_reader_catalog() -> None:
    """Make argparse look its words up in reader's catalog.

    argparse imports `gettext as _` and `ngettext` into its module and calls them each time it
    builds a heading or an error (so on every Python from 3.2 to 3.14); rebinding the two
    names there is the one hook that reaches every message, including the nested ones such as
    "argument --format: invalid choice: ...". In English the messages are unchanged.
    """
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks the interface language (headings, -h help, argparse's own
    errors) and whose errors raise UsageError with `hint`."""

    def __init__(self, *, hint: str, **kwargs: Any) -> None:
        _bind_argparse_to_reader_catalog()
        super().__init__(**kwargs)
        self.hint = hint

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


# --- option types and options shared by `reader` and its subcommands ---------------------------

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
N = TypeVar("N", int, float)
_UNITS = {"": 1, "b": 1, "k": 10**3, "m": 10**6, "g": 10**9}
MAX_SIZE_LIMIT = 10**12  # 1 TB: past any page, and within what the OS can read at once


def parse_size(text: str) -> int:
    """Bytes from '20MB', '512k', '1.5GiB' or a plain number."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(
            _("not a size: {text!r} (use e.g. 20MB or 500k)").format(text=text)
        )
    number, unit = match.groups()
    unit = (unit or "").lower()
    binary = "i" in unit  # KiB, MiB, GiB
    factor = 1024 ** ("kmg".index(unit[0]) + 1) if binary else _UNITS[unit[:1]]
    size = float(number) * factor
    if not size <= MAX_SIZE_LIMIT:  # also catches an overflow to infinity
        raise argparse.ArgumentTypeError(
            _("too large: {text!r} (at most 1000GB)").format(text=text[:40])
        )
    return int(size)


def _positive(convert: Callable[[str], N], what: Callable[[], str]) -> Callable[[str], N]:
    """An argparse type that accepts only numbers above zero; `what` says what it wants."""

    def parse(text: str) -> N:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(what().format(text=text)) from None
        if not (math.isfinite(value) and value > 0):
            raise argparse.ArgumentTypeError(
                _("must be a finite number above 0: {text!r}").format(text=text)
            )
        return value

    return parse


positive_float = _positive(float, lambda: _("not a number of seconds: {text!r}"))
positive_int = _positive(int, lambda: _("not a whole number: {text!r}"))


def add_fetch_limits(parser: argparse._ActionsContainer) -> None:
    """`--timeout` and `--max-size`, with the pipeline's defaults (`Options`)."""
    from reader.core.pipeline import Options

    defaults = Options()
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=defaults.timeout,
        help=_("seconds for the whole fetch (20)"),
    )
    parser.add_argument(
        "--max-size",
        type=parse_size,
        default=defaults.max_size,
        metavar="SIZE",
        help=_("largest page to read, decoded, e.g. 20MB (the default)"),
    )
