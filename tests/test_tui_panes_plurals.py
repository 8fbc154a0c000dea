"""Pilot tests: counts in the app's messages take the right plural form ("1 match", "3
matches"), in English and in the interface language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.core.document import Article, Paragraph, number_links
from reader.core.i18n import ENGLISH, use_language
from tests.support.formats_sample import link, t
from tests.support.tui_helpers import make_app, message_text, show


def article(remotes: int, links: int) -> Article:
    blocks = [Paragraph([t(f"Paragraph {n} about remote work.")]) for n in range(remotes)]
    blocks += [Paragraph([link(f"link {n}", f"https://example.org/{n}")]) for n in range(links)]
    result = Article(title="Counts", url="https://example.org/counts", blocks=blocks)
    number_links(result)
    return result


@pytest.fixture
def french() -> Iterator[None]:
    use_language("fr")
    yield
    use_language(ENGLISH)


async def find(remotes: int, links: int, *keys: str) -> str:
    shown = article(remotes, links)
    app = make_app(article=shown)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, shown)
        await pilot.press(*keys)
        await pilot.pause()
        return message_text(screen)


@pytest.mark.parametrize(
    ("remotes", "expected"),
    [(1, "1 match for 'remote': n next"), (3, "3 matches for 'remote': n next")],
)
async def test_find_says_match_or_matches(remotes: int, expected: str) -> None:
    assert (await find(remotes, 0, "slash", *"remote", "enter")).startswith(expected)


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        (1, "There is no link 5; this article has 1 link."),
        (2, "There is no link 5; this article has 2 links."),
    ],
)
async def test_a_missing_link_number_counts_links_in_the_right_form(
    links: int, expected: str
) -> None:
    assert await find(1, links, "5", "enter") == expected


async def test_french_find_uses_the_french_singular(french: None) -> None:
    message = await find(1, 0, "slash", *"remote", "enter")
    assert message.startswith("1 occurrence de 'remote'")
