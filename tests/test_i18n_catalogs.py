"""The shipped catalogs: complete, current with the code, and faithful to each message's
placeholders, so no language shows an English gap, a stale message or a broken format."""

from __future__ import annotations

import re
import tokenize
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from reader.core.i18n import LOCALE_DIR, shipped_languages

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "de", "es", "hi", "ar", "zh_CN")
# {name}, {name!r}, {name:>3}; %(name)s; %d, %s.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[a-z]")


def catalog(language: str) -> Catalog:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "reader.po").open("rb") as po:
        return read_po(po, locale=language)


def template() -> Catalog:
    with (LOCALE_DIR / "reader.pot").open("rb") as pot:
        return read_po(pot)


def keys(messages: Catalog) -> set[tuple[object, str | None]]:
    return {(m.id, m.context) for m in messages if m.id}


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_every_language_the_readme_promises_is_shipped_and_compiled() -> None:
    assert set(shipped_languages()) == {"en", *LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    messages = catalog(language)
    assert not messages.fuzzy, f"{language}: the catalog header is marked fuzzy"
    untranslated = [m.id for m in messages if m.id and not all(forms(m))]
    fuzzy = [m.id for m in messages if m.id and m.fuzzy]
    assert untranslated == [], f"{language}: untranslated {untranslated}"
    assert fuzzy == [], f"{language}: fuzzy {fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_english_placeholders(language: str) -> None:
    messages = catalog(language)
    wrong = []
    for message in messages:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = placeholders(english[-1])
        assert all(placeholders(e) == expected for e in english), message.id
        for form in forms(message):
            if placeholders(form) != expected:
                wrong.append((message.id, form))
        if isinstance(message.id, tuple):
            assert len(forms(message)) == messages.num_plurals, message.id
    assert wrong == [], f"{language}: placeholders differ from English in {wrong}"


def test_the_template_holds_exactly_the_messages_in_the_code() -> None:
    extracted = Catalog()
    method_map = [("reader/**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, comment_tags=("TRANSLATORS:",)
    ):
        extracted.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    missing = keys(extracted) - keys(template())
    stale = keys(template()) - keys(extracted)
    hint = "run the two pybabel commands in the README's 'Interface languages'"
    assert missing == set(), f"messages not in reader.pot ({hint}): {missing}"
    assert stale == set(), f"messages no longer in the code ({hint}): {stale}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_is_updated_from_the_template(language: str) -> None:
    assert keys(catalog(language)) == keys(template())


def test_no_message_hides_inside_an_f_string() -> None:
    """pybabel cannot see `_()` inside an f-string, so such a message would stay English."""
    hidden = []
    for path in sorted((ROOT / "reader").rglob("*.py")):
        with path.open("rb") as source:
            for token in tokenize.tokenize(source.readline):
                f_string = token.type == tokenize.STRING and re.match(r"[rRbB]?[fF]", token.string)
                if f_string and re.search(r"\b(_|N_|ngettext|pgettext)\(", token.string):
                    hidden.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert hidden == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_the_current_po_file(language: str) -> None:
    """The .mo gettext reads was compiled from the .po as it is now (by the build hook)."""
    compiled = BytesIO()
    write_mo(compiled, catalog(language))
    mo = LOCALE_DIR / language / "LC_MESSAGES" / "reader.mo"
    assert mo.exists(), "reinstall (pip install -e .) to compile the catalogs"
    assert mo.read_bytes() == compiled.getvalue(), "reinstall (pip install -e .) to recompile"
