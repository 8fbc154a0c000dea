"""Translation in line mode with a tiny real argos package (en -> xx): `T xx`, `v` through the
three views at the same place, `T` alone, `T off`, a missing package, and `--translate`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.document import Article, Code, Heading, Paragraph, number_links
from reader.core.formats.plain import plain_block
from reader.core.translate import engine
from reader.core.translate.archive import install_file
from reader.core.translate.article import translate_for_output
from tests.support.argos_tiny import cached_package, isolated_env
from tests.support.formats_sample import link, t
from tests.support.line import transcript


@pytest.fixture
def en_xx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The en -> xx package installed in a fresh argos directory."""
    for key, value in isolated_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    engine.forget_engines()
    install_file(cached_package("en", "xx", seed=0))
    yield
    engine.forget_engines()


def article() -> Article:
    made = Article(
        title="Trains and rain",
        language="en",
        blocks=[
            Paragraph([t("Rain is expected in the north, with sunny spells in the south.")]),
            Heading(2, [t("The museum opens at nine and closes late on Fridays.")]),
            Paragraph([t("Please read "), link("the whole article", "https://example.org/a")]),
            Code("for word in text:\n    print(word)", None),
        ],
    )
    number_links(made)
    return made


def lines(block: object, *, translation: bool = False) -> str:
    """The lines line mode reads for `block`; a `translation` in the interleaved view."""
    shown = plain_block(block, translation=translation)  # type: ignore[arg-type]
    return "".join(f"{line}\n" for line in shown)


def test_t_translates_and_v_switches_views_at_the_same_place(en_xx: None) -> None:
    original = article()
    translated = translate_for_output(original, "xx").blocks
    assert translated[0] != original.blocks[0]  # the tiny model really changes the text
    out = transcript("T xx", "v", "n", "v", "r", "v", "T", "T off", "v", article=original)
    assert out.split("Enter reads on; ? lists the commands.\n", 1)[1] == (
        lines(original.blocks[0])
        + "> T xx\n"
        + "Translating into xx ...\n"
        + "Machine-translated offline from en to xx (en → xx).\n"
        + lines(translated[0])
        + "> v\n"
        + "View: each block followed by its translation.\n"
        + lines(original.blocks[0])
        + "> n\n"
        + lines(translated[0], translation=True)
        + "> v\n"
        + "View: the original only.\n"
        + lines(original.blocks[0])
        + "> r\n"
        + lines(original.blocks[0])
        + "> v\n"
        + "View: the translation only.\n"
        + lines(translated[0])
        + "> T\n"
        + "Translating into xx, showing the translation only. v switches the view; "
        + "T off stops translating.\n"
        + "> T off\n"
        + "Translation off: the original.\n"
        + lines(original.blocks[0])
        + "> v\n"
        + "There is no translation to switch to: type T and a language code.\n"
        + ">\n"
    )


def test_interleaved_view_reads_each_block_then_its_translation_and_code_once(
    en_xx: None,
) -> None:
    original = article()
    translated = translate_for_output(original, "xx").blocks
    out = transcript("T xx", "v", "set step 9", "r", article=original)
    step = out.split("> r\n", 1)[1]
    shown = [original.blocks[0], translated[0], original.blocks[1], translated[1]]
    shown += [original.blocks[2], translated[2], original.blocks[3]]  # code is not translated
    marked = [lines(block, translation=i in (1, 3, 5)) for i, block in enumerate(shown)]
    assert step == "\n".join(marked) + ">\n"
    assert "Translation: " in marked[1] and "Translation: " in marked[3]
    assert marked[3].count("Heading 2:") == 0  # the translated heading is not announced again


def test_a_missing_language_package_is_one_line_saying_what_to_install(en_xx: None) -> None:
    out = transcript("T de", "r", article=article())
    assert (
        "> T de\nTranslating into de ...\nreader: no translation package for en → de "
        "(installed: en → xx) (install one with: reader languages install en de)\n> r\n"
    ) in out


def test_translate_option_opens_the_article_translated(en_xx: None) -> None:
    original = article()
    translated = translate_for_output(original, "xx")
    out = transcript(article=original, language="xx")
    assert out.startswith(
        "Translating into xx ...\nMachine-translated offline from en to xx (en → xx).\n"
        f"{translated.title}\n"
    )
    assert out.endswith(lines(translated.blocks[0]) + ">\n")
