"""Articles built in Python for the format tests: one covering every block type, one hostile.

Shared by tests/test_formats_*.py; kept out of conftest.py so other areas' fixtures stay apart.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import strategies as st

from reader.core.document import (
    Article,
    Code,
    Figure,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Separator,
    Table,
    number_links,
)


def t(text: str) -> Inline:
    return Inline(text)


def link(text: str, url: str) -> Inline:
    return Inline(text, "link", url)


def sample_article() -> Article:
    """Every block kind, nested lists, a table, figures, a two-paragraph quote, a repeated link."""
    article = Article(
        title="The Analytical Engine, Explained",
        byline="Ada Lovelace",
        site_name="Example News",
        published="1843-09-01",
        language="en",
        description="Notes on the engine.",
        canonical_url="https://news.example/engine",
        url="https://news.example/engine?ref=home",
        notices=["Reading mode could not find the article; showing the page's main text."],
        blocks=[
            Paragraph(
                [
                    t("The engine weaves "),
                    Inline("algebraic patterns", "emphasis"),
                    t(" just as the "),
                    link("Jacquard loom", "https://en.wikipedia.org/wiki/Jacquard_machine"),
                    t(" weaves flowers and leaves. It is "),
                    Inline("not", "strong"),
                    t(" a calculator; see "),
                    Inline("Note G", "code"),
                    t("."),
                ]
            ),
            Heading(2, [t("How it works")]),
            Paragraph(
                [
                    t("Cards feed the mill and the store.\nA second line after a break,"),
                    t(" and the "),
                    link("loom again", "https://en.wikipedia.org/wiki/Jacquard_machine"),
                    t(" with a "),
                    link("second source", "https://www.fourmilab.ch/babbage/sketch.html"),
                    t("."),
                ]
            ),
            ListBlock(
                ordered=False,
                items=[
                    ListItem([t("The store holds numbers")]),
                    ListItem(
                        [t("The mill operates on them")],
                        children=[
                            ListBlock(
                                ordered=True,
                                start=3,
                                items=[
                                    ListItem([t("addition")]),
                                    ListItem(
                                        [t("multiplication")],
                                        children=[
                                            ListBlock(
                                                False, [ListItem([t("by repeated addition")])]
                                            )
                                        ],
                                    ),
                                ],
                            )
                        ],
                    ),
                    ListItem(
                        [t("Cards carry the program, written "), Inline("in advance", "emphasis")]
                    ),
                ],
            ),
            Heading(3, [t("A quotation")]),
            Quote(
                [
                    Paragraph(
                        [t("The Analytical Engine has no pretensions to originate anything.")]
                    ),
                    Paragraph([t("It can do whatever we know how to order it to perform.")]),
                ],
                cite="Note G",
            ),
            Code(
                'def bernoulli(n):\n    """Note G, line 1."""\n    return n  # ``` inside\n',
                "python",
            ),
            Figure(
                alt="A portrait of Ada Lovelace",
                caption=[t("Portrait by "), Inline("A. E. Chalon", "emphasis"), t(", 1840.")],
                src="https://news.example/img/ada.jpg",
            ),
            Figure(alt="", caption=[]),
            Table(
                header=[[t("Name")], [t("Born")], [t("Known for")]],
                rows=[
                    [[t("Ada Lovelace")], [t("1815")], [t("Note G")]],
                    [
                        [t("Charles Babbage")],
                        [t("1791")],
                        [link("the engine", "https://news.example/engine")],
                    ],
                    [[t("Luigi Menabrea")], [t("1809")], []],
                    [[t("Joseph Jacquard")], [t("1752")]],
                ],
                caption=[t("People in this story")],
            ),
            Separator(),
            Heading(2, [t("Pipes | stars * and [brackets]")]),
            Paragraph(
                [t("1. Not a list, # not a heading, <b>not html</b> & not &amp; an entity.")]
            ),
        ],
    )
    number_links(article)
    return article


# Every kind of terminal control a hostile page might carry: CSI colour and screen clearing,
# OSC 8 hyperlinks and OSC 52 clipboard writes (BEL and ST terminated), 8-bit C1 CSI/OSC,
# bare C0 controls, DEL, carriage return, and bidi overrides and isolates.
HOSTILE = (
    "A\x1b[31mred\x1b[0m\x1b[2J\x1b]8;;https://evil.example\x07click\x1b]8;;\x07"
    "\x1b]52;c;ZXZpbA==\x07\x1b]52;c;ZXZpbA==\x1b\\\x9b31m\x9d0;title\x9c\x07\x08\x00\x7f"
    "\r\u202eevil\u202c\u2066iso\u2069\x85Z"
)


def hostile_article() -> Article:
    """The same hostile string in every field and block kind, never passed through `clean`."""
    h = HOSTILE
    article = Article(
        title=h,
        byline=h,
        site_name=h,
        published=h,
        language=h,
        description=h,
        canonical_url="https://evil.example/" + h,
        url=h,
        notices=[h],
        blocks=[
            Heading(2, [Inline(h)]),
            Paragraph(
                [
                    Inline(h),
                    Inline(h, "emphasis"),
                    Inline(h, "strong"),
                    Inline(h, "code"),
                    Inline(h, "link", "https://evil.example/" + h),
                ]
            ),
            ListBlock(True, [ListItem([Inline(h)], [ListBlock(False, [ListItem([Inline(h)])])])]),
            Quote([Paragraph([Inline(h)])], cite=h),
            Code(h, h),
            Figure(alt=h, caption=[Inline(h)], src=h),
            Table(header=[[Inline(h)]], rows=[[[Inline(h)], [Inline(h)]]], caption=[Inline(h)]),
            Separator(),
        ],
    )
    number_links(article)
    return article


GOLDEN_DIR = Path(__file__).parent.parent / "golden"


def assert_matches_golden(name: str, text: str) -> None:
    """Compare `text` with tests/golden/`name`.

    To regenerate after an intended change, run with UPDATE_GOLDEN=1, then read the diff:
        UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_formats_*.py
    """
    path = GOLDEN_DIR / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"output differs from {path}"


# Hypothesis strategies: random articles of any block structure, links numbered.
words = st.text(alphabet="ab <>&\"'\n*|[]", max_size=12)
runs = st.lists(
    st.one_of(
        st.builds(Inline, words, st.sampled_from(["text", "emphasis", "strong", "code"])),
        st.builds(Inline, words, st.just("link"), st.sampled_from(["https://a.example/", "https://b.example/x"])),
    ),
    max_size=4,
)  # fmt: skip
lists = st.deferred(
    lambda: st.builds(
        ListBlock,
        st.booleans(),
        st.lists(st.builds(ListItem, runs, st.lists(lists, max_size=1)), min_size=1, max_size=3),
        st.integers(0, 20),
    )
)
leaf_blocks = st.one_of(
    st.builds(Heading, st.integers(1, 6), runs),
    st.builds(Paragraph, runs),
    lists,
    st.builds(Code, words, st.one_of(st.none(), st.just("python"))),
    st.builds(Figure, words, runs, st.one_of(st.none(), st.just("https://a.example/i.png"))),
    st.builds(Table, st.lists(runs, max_size=3), st.lists(st.lists(runs, max_size=3), max_size=3),
              runs),
    st.builds(Separator),
)  # fmt: skip
blocks = st.one_of(
    leaf_blocks, st.builds(Quote, st.lists(leaf_blocks, max_size=3), st.one_of(st.none(), words))
)


articles = st.builds(
    lambda title, body: _numbered(Article(title=title, blocks=body, byline=title or None)),
    words,
    st.lists(blocks, max_size=6),
)


def _numbered(article: Article) -> Article:
    number_links(article)
    return article
