"""Line mode, command by command: transcripts of the sample articles, commands in and the exact
output out. Every transcript is checked to hold no ESC or other control character."""

from __future__ import annotations

import textwrap
from pathlib import Path

from reader.core.document import Article, ListBlock, ListItem, Paragraph, Table, number_links
from reader.core.pipeline import Options
from reader.line.commands import COMMANDS, parse
from tests.support.formats_sample import hostile_article, link, sample_article, t
from tests.support.line import transcript

HEADER = """\
The Analytical Engine, Explained
By Ada Lovelace
Example News
Published 1 September 1843
1 min read
Note: Reading mode could not find the article; showing the page's main text.
13 blocks, 3 headings, 3 links. Enter reads on; ? lists the commands.
The engine weaves algebraic patterns just as the Jacquard loom [1] weaves flowers and leaves. \
It is not a calculator; see Note G.
"""


def expect(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def test_opening_prints_the_header_and_the_first_block_and_enter_reads_on() -> None:
    out = transcript("", "n", "", "q", article=sample_article())
    assert out == HEADER + expect(
        """
        >
        Heading 2: How it works
        > n
        Cards feed the mill and the store.
        A second line after a break, and the loom again [1] with a second source [2].
        >
        List, 3 items:
        - The store holds numbers
        - The mill operates on them
          3. addition
          4. multiplication
            - by repeated addition
        - Cards carry the program, written in advance
        > q
        """
    )


def test_every_block_kind_is_announced_in_words() -> None:
    out = transcript("t 2", "n", "n", "n", "n", "n", "n", "n", "n", "n", article=sample_article())
    assert out == HEADER + expect(
        """
        > t 2
        Heading 3: A quotation
        > n
        Quote:
        The Analytical Engine has no pretensions to originate anything.

        It can do whatever we know how to order it to perform.
        Source: Note G
        End of quote.
        > n
        Code, python:
        def bernoulli(n):
            \"\"\"Note G, line 1.\"\"\"
            return n  # ``` inside
        End of code.
        > n
        Image: A portrait of Ada Lovelace
        Caption: Portrait by A. E. Chalon, 1840.
        > n
        Image, no description
        > n
        Table with 3 columns and 4 rows:
        Caption: People in this story
        Row 1: Name: Ada Lovelace; Born: 1815; Known for: Note G
        > n
        Row 2: Name: Charles Babbage; Born: 1791; Known for: the engine [3]
        > n
        Row 3: Name: Luigi Menabrea; Born: 1809; Known for: (empty)
        > n
        Row 4: Name: Joseph Jacquard; Born: 1752; Known for: (empty)
        End of table.
        > n
        Section break.
        >
        """
    )


def test_a_long_list_is_read_one_item_per_step() -> None:
    items = [ListItem([t(f"Item number {n}")]) for n in range(1, 6)]
    article = Article(title="Steps", blocks=[ListBlock(True, items), Paragraph([t("After.")])])
    out = transcript("n", "p", "r", "end", "p", article=article)
    assert out == expect(
        """
        Steps
        1 min read
        2 blocks, 0 headings, 0 links. Enter reads on; ? lists the commands.
        List, 5 items:
        1. Item number 1
        > n
        2. Item number 2
        > p
        List, 5 items:
        1. Item number 1
        > r
        List, 5 items:
        1. Item number 1
        > end
        After.
        > p
        5. Item number 5
        End of list.
        >
        """
    )


def test_a_table_row_under_a_cell_spanning_rows_reads_that_cell_again() -> None:
    table = Table(
        [[t("Light")], [t("North")], [t("West")]],
        [[[t("Old Head")], [t("51.6")], [t("8.5")]], [[t("51.7")], [t("8.6")]]],
        row_spans={(1, 0): 2},
    )
    out = transcript("n", article=Article(title="Lights", blocks=[table, Paragraph([t("End.")])]))
    assert "Row 1: Light: Old Head; North: 51.6; West: 8.5\n" in out
    assert "Row 2: Light: Old Head; North: 51.7; West: 8.6\nEnd of table.\n" in out


def test_previous_repeat_top_and_end_and_the_two_ends_of_the_article() -> None:
    out = transcript("p", "n", "r", "p", "end", "n", "top", article=sample_article())
    assert out == HEADER + expect(
        """
        > p
        Top of the article.
        > n
        Heading 2: How it works
        > r
        Heading 2: How it works
        > p
        The engine weaves algebraic patterns just as the Jacquard loom [1] weaves flowers and \
leaves. It is not a calculator; see Note G.
        > end
        1. Not a list, # not a heading, <b>not html</b> & not &amp; an entity.
        > n
        End of the article. Type top to start again, or b to go back.
        > top
        The engine weaves algebraic patterns just as the Jacquard loom [1] weaves flowers and \
leaves. It is not a calculator; see Note G.
        >
        """
    )


def test_headings_next_previous_and_of_one_level() -> None:
    out = transcript(
        "h", "h", "h", "h", "H", "H", "H", "h2", "h2", "H3", "h3", article=sample_article()
    )
    assert out == HEADER + expect(
        """
        > h
        Heading 2: How it works
        > h
        Heading 3: A quotation
        > h
        Heading 2: Pipes | stars * and [brackets]
        > h
        No more headings below.
        > H
        Heading 3: A quotation
        > H
        Heading 2: How it works
        > H
        No more headings above.
        > h2
        Heading 2: Pipes | stars * and [brackets]
        > h2
        No level-2 heading below.
        > H3
        Heading 3: A quotation
        > h3
        No level-3 heading below.
        >
        """
    )


def test_a_heading_level_outside_1_to_6_is_explained() -> None:
    out = transcript("h 9", "H x", article=sample_article())
    assert out.endswith(
        "> h 9\nThere is no heading level 9: levels go from 1 to 6, as in h2.\n"
        "> H x\nThere is no heading level x: levels go from 1 to 6, as in h2.\n>\n"
    )


def test_contents_numbers_the_headings_and_t_with_a_number_goes_there() -> None:
    out = transcript("t", "t 3", "t 9", "contents 1", article=sample_article())
    assert out == HEADER + expect(
        """
        > t
        Contents, 3 headings:
        1. Heading 2: How it works
        2. Heading 3: A quotation
        3. Heading 2: Pipes | stars * and [brackets]
        Type t and a number to go there.
        > t 3
        Heading 2: Pipes | stars * and [brackets]
        > t 9
        There is no heading 9; this article has 3 headings.
        > contents 1
        Heading 2: How it works
        >
        """
    )


def test_links_are_listed_with_their_addresses_and_one_is_shown_by_number() -> None:
    out = transcript("l", "l 2", "l 9", "g", "g 7", article=sample_article())
    assert out == HEADER + expect(
        """
        > l
        Links, 3:
        [1] Jacquard loom: https://en.wikipedia.org/wiki/Jacquard_machine
        [2] second source: https://www.fourmilab.ch/babbage/sketch.html
        [3] the engine: https://news.example/engine
        Type g and a number to follow one.
        > l 2
        [2] second source: https://www.fourmilab.ch/babbage/sketch.html
        > l 9
        There is no link 9; this article has 3 links.
        > g
        Which link? Type g and its number, for example g 3.
        > g 7
        There is no link 7; this article has 3 links.
        >
        """
    )


def test_links_that_are_not_web_pages_are_not_followed() -> None:
    article = Article(
        title="Links",
        url="https://a.example/page",
        blocks=[
            Paragraph(
                [
                    link("script", "javascript:alert(1)"),
                    t(" and "),
                    link("a file", "file:///etc/passwd"),
                ]
            )
        ],
    )
    number_links(article)
    out = transcript("g 1", "g 2", article=article)
    assert out.endswith(
        expect(
            """
            > g 1
            Link 1 is a javascript: link and is not followed.
            > g 2
            Link 2 is a file: link and is not followed.
            >
            """
        )
    )


def test_where_am_i_says_title_heading_path_block_and_progress() -> None:
    out = transcript("w", "t 2", "w", "end", "w", article=sample_article())
    assert out == HEADER + expect(
        """
        > w
        The Analytical Engine, Explained
        Before the first heading.
        Block 1 of 13, 14% read, 1 minute left.
        > t 2
        Heading 3: A quotation
        > w
        The Analytical Engine, Explained
        Under Heading 2: How it works; Heading 3: A quotation.
        Block 5 of 13, 44% read, 1 minute left.
        > end
        1. Not a list, # not a heading, <b>not html</b> & not &amp; an entity.
        > w
        The Analytical Engine, Explained
        Under Heading 2: Pipes | stars * and [brackets].
        Block 13 of 13, 100% read, nothing left to read.
        >
        """
    )


def test_find_forward_next_match_and_backward() -> None:
    out = transcript("/", "/ENGINE", "/", "/", "?loom", "/zeppelin", "/", article=sample_article())
    assert out == HEADER + expect(
        """
        > /
        Nothing to find yet: type / and a word, for example /engine.
        > /ENGINE
        Match 1 of 3 for "ENGINE", block 1 of 13:
        The engine weaves algebraic patterns just as the Jacquard loom [1] weaves flowers and \
leaves. It is not a calculator; see Note G.
        > /
        Match 2 of 3 for "ENGINE", block 6 of 13:
        Quote:
        The Analytical Engine has no pretensions to originate anything.

        It can do whatever we know how to order it to perform.
        Source: Note G
        End of quote.
        > /
        Match 3 of 3 for "ENGINE", block 10 of 13:
        Row 2: Name: Charles Babbage; Born: 1791; Known for: the engine [3]
        > ?loom
        Match 2 of 2 for "loom", block 3 of 13:
        Cards feed the mill and the store.
        A second line after a break, and the loom again [1] with a second source [2].
        > /zeppelin
        No matches for "zeppelin".
        > /
        No matches for "zeppelin".
        >
        """
    )


def test_set_width_wraps_lines_and_set_step_shows_several_blocks() -> None:
    out = transcript(
        "set", "set width 40", "r", "set step 2", "n", "p", "set step 0", "set", "set tone 3",
        article=sample_article(),
    )  # fmt: skip
    assert out == HEADER + expect(
        """
        > set
        Settings: width 0 (lines are not wrapped), step 1.
        > set width 40
        Lines wrap at 40 columns.
        > r
        The engine weaves algebraic patterns
        just as the Jacquard loom [1] weaves
        flowers and leaves. It is not a
        calculator; see Note G.
        > set step 2
        Each step shows 2 blocks.
        > n
        Cards feed the mill and the store.
        A second line after a break, and the
        loom again [1] with a second source [2].

        List, 3 items:
        - The store holds numbers
        - The mill operates on them
          3. addition
          4. multiplication
            - by repeated addition
        - Cards carry the program, written in
          advance
        > p
        The engine weaves algebraic patterns
        just as the Jacquard loom [1] weaves
        flowers and leaves. It is not a
        calculator; see Note G.

        Heading 2: How it works
        > set step 0
        step takes 1 to 50, for example set step 3.
        > set
        Settings: width 40, step 2.
        > set tone 3
        There is no setting tone; try set width 80 or set step 3.
        >
        """
    )


def test_an_unknown_command_says_what_was_not_understood_and_to_type_help() -> None:
    out = transcript("zz top", article=sample_article())
    assert out.endswith("> zz top\nNot understood: zz top. Type ? for the list of commands.\n>\n")


def test_help_lists_every_command() -> None:
    out = transcript("?", "help", article=sample_article())
    listing = out.split("> ?\n", 1)[1].split("> help\n")[0]
    lines = listing.splitlines()
    assert lines[0] == "Commands (a letter or a word, then Enter):"
    assert lines[1:] == [f"{command.usage}: {command.help}" for command in COMMANDS]
    assert "Enter, n or next: the next block" in lines
    assert out.count("Commands (a letter or a word, then Enter):") == 2


def test_commands_parse_as_letters_words_and_find_prefixes() -> None:
    assert parse("") == ("n", "")
    assert parse("  NEXT ") == ("next", "")
    assert parse("T de") == ("T", "de")
    assert parse("t 3") == ("t", "3")
    assert parse("h2") == ("h", "2")
    assert parse("H3") == ("H", "3")
    assert parse("/two words") == ("/", "two words")
    assert parse("?word") == ("?", "word")
    assert parse("?") == ("help", "")


def test_q_quits_and_nothing_after_it_runs() -> None:
    out = transcript("q", "n", "n", article=sample_article())
    assert out == HEADER + "> q\n"


def test_the_end_of_input_quits_like_ctrl_d() -> None:
    assert transcript(article=sample_article()) == HEADER + ">\n"


def test_a_hostile_article_never_puts_a_control_character_on_the_terminal() -> None:
    commands = ["n"] * 10 + ["h", "H", "t", "l", "l 1", "w", "/red", "?evil", "r", "set step 9"]
    out = transcript(*commands, "top", "n", article=hostile_article())
    assert "Heading 2: Aredclick" in out


def test_the_full_page_shows_what_reading_mode_left_out_and_x_again_the_article(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Mill</title></head><body><main><article><h1>Mill</h1>"
        + "<p>The mill grinds the grain into flour, slowly and steadily, every day. </p>" * 4
        + "</article></main><footer>Footer text reading mode leaves out.</footer></body></html>"
    )
    out = transcript("x", "end", "x", source=str(page), options=Options(use_cache=False))
    full, _, back = out.partition("> x\nFull page off: the article only.\n")
    assert "Full page on: the whole page's text.\nLoading " in full
    assert "> end\nFooter text reading mode leaves out.\n" in full
    assert "Footer text" not in back
    assert back.startswith(f"Loading {page} ...\nMill\n")
