"""The interface language: gettext catalogs shipped in reader/locale, one active language a run.

reader's own words (announcements, headers, errors, help) go through `_`, `ngettext` and
`pgettext`; the article's text never does. The CLI picks the language once at start-up with
`choose_language` (option, then setting, then the locale, then English) and `use_language`.
Until then, and for any message a catalog lacks, the interface speaks English. A catalog is
read on the first translated message, so a run that never speaks pays nothing for it.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

DOMAIN = "reader"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
ENGLISH = "en"
# Tags that name a shipped catalog under another name. Traditional Chinese (zh_TW, zh_HK,
# zh_Hant) is deliberately absent: a reader of it is better served by English than zh_CN.
_ALIASES = {"zh": "zh_CN", "zh_Hans": "zh_CN", "zh_Hans_CN": "zh_CN", "zh_SG": "zh_CN"}
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[_-]([A-Za-z]{4}))?(?:[_-]([A-Za-z]{2}|\d{3}))?")
_RTL = frozenset({"ar", "fa", "he", "ur"})

_language = ENGLISH
_catalog: gettext.NullTranslations | None = None


def shipped_languages() -> tuple[str, ...]:
    """English plus every language with a compiled catalog in the package, sorted."""
    compiled = (p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(sorted({ENGLISH, *compiled}))


def match_language(tag: str) -> str | None:
    """The shipped language for a locale or language tag (`fr_CA.UTF-8`, `zh-Hans`, `C`),
    or None when reader has no catalog for it."""
    tag = tag.strip().split(".")[0].split("@")[0]
    if tag in ("C", "POSIX"):
        return ENGLISH
    parsed = _TAG.fullmatch(tag)
    if not parsed:
        return None
    language, script, region = parsed.groups()
    language = language.lower()
    full = "_".join(
        part for part in (language, script and script.title(), region and region.upper()) if part
    )
    shipped = shipped_languages()
    for candidate in (full, _ALIASES.get(full), f"{language}_{region.upper()}" if region else None):
        if candidate in shipped:
            return candidate
    if language == "zh" and full not in _ALIASES:  # zh_TW, zh_Hant: not Simplified Chinese
        return None
    base = _ALIASES.get(language, language)
    return base if base in shipped else None


def language_from_environment(environ: Mapping[str, str]) -> str:
    """The language gettext would choose from the environment, else English.

    GNU gettext's order: the locale is the first set of LC_ALL, LC_MESSAGES and LANG; when it
    is C or POSIX the interface is English, otherwise LANGUAGE (a colon-separated list of
    preferences) comes first and the locale after it.
    """
    locale = next((environ[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(n)), "")
    if locale.split(".")[0].split("@")[0] in ("", "C", "POSIX"):
        return ENGLISH
    preferences = [p for p in environ.get("LANGUAGE", "").split(":") if p]
    for tag in [*preferences, locale]:
        if tag and (found := match_language(tag)):
            return found
    return ENGLISH


def choose_language(option: str | None, setting: str | None, environ: Mapping[str, str]) -> str:
    """The interface language: `--ui-language`, else `ui_language` in settings.toml, else the
    locale, else English. Raises UsageError for an option reader has no catalog for."""
    if option:
        found = match_language(option)
        if found is None:
            from reader.core.errors import UsageError

            raise UsageError(
                _("no interface in the language {language!r}").format(language=option),
                _("choose one of {languages}").format(languages=", ".join(shipped_languages())),
            )
        return found
    if setting and (found := match_language(setting)):
        return found
    return language_from_environment(environ)


def use_language(language: str) -> None:
    """Make `language` (a shipped one, see `choose_language`) the interface language."""
    global _language, _catalog
    _language, _catalog = language, None


def active_language() -> str:
    """The interface language now in use, e.g. "fr" or "zh_CN"."""
    return _language


def is_right_to_left() -> bool:
    """True when the interface language is written right to left (Arabic)."""
    return _language.split("_")[0] in _RTL


def _translations() -> gettext.NullTranslations:
    global _catalog
    if _catalog is None:
        _catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    return _catalog


def _(message: str) -> str:
    """`message` in the interface language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the number `n`, by the interface language's plural rules."""
    return _translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the interface language, where `context` tells translators what it is."""
    return _translations().pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for translation where it is defined; `_` translates it where shown."""
    return message


def format_number(n: int) -> str:
    """A whole number as the interface language writes it (`12 345` in French).

    Digits are Western in every shipped language (CLDR's default for each); the group
    separator is the catalog's. Indian grouping (Hindi 1,00,000) is not done: reader's numbers
    (minutes, rows, columns) stay well below it.
    """
    separator = pgettext("thousands separator", ",")
    text = str(abs(n))
    groups = [text[max(i - 3, 0) : i] for i in range(len(text), 0, -3)][::-1]
    return ("-" if n < 0 else "") + separator.join(groups)


def _month_name(month: int) -> str:
    """The name of month 1-12 as it stands in a long date (`novembre`, `11月`)."""
    names = (
        pgettext("month in a date", "January"),
        pgettext("month in a date", "February"),
        pgettext("month in a date", "March"),
        pgettext("month in a date", "April"),
        pgettext("month in a date", "May"),
        pgettext("month in a date", "June"),
        pgettext("month in a date", "July"),
        pgettext("month in a date", "August"),
        pgettext("month in a date", "September"),
        pgettext("month in a date", "October"),
        pgettext("month in a date", "November"),
        pgettext("month in a date", "December"),
    )
    return names[month - 1]


def format_date(day: date) -> str:
    """A date in words as the interface language writes it (`24 novembre 2026`): read aloud
    well, and never dependent on the process's C locale."""
    # TRANSLATORS: a long date; {month} is the month as translated in "month in a date".
    pattern = pgettext("long date", "{day} {month} {year}")
    return pattern.format(day=day.day, month=_month_name(day.month), year=day.year)
