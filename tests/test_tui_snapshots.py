"""A few pictures of the reader at 80x24 and 40x24 (pytest-textual-snapshot).

Update them with `pytest tests/test_tui_snapshots.py --snapshot-update` after a deliberate
change, and look at the SVGs before committing.
"""

from __future__ import annotations

from reader.core.storage.settings import Settings
from reader.tui import create_app
from tests.support.tui_helpers import every_block_article


def app_with_every_block():
    return create_app(None, None, Settings(theme="dark"), save=False, article=every_block_article())


def test_article_at_80_columns(snap_compare) -> None:
    assert snap_compare(app_with_every_block(), terminal_size=(80, 24))


def test_contents_pane_beside_the_article_at_80_columns(snap_compare) -> None:
    assert snap_compare(app_with_every_block(), terminal_size=(80, 24), press=["t"])


def test_article_at_40_columns(snap_compare) -> None:
    assert snap_compare(app_with_every_block(), terminal_size=(40, 24), press=["j"])


def test_links_pane_takes_the_whole_width_at_40_columns(snap_compare) -> None:
    assert snap_compare(app_with_every_block(), terminal_size=(40, 24), press=["l"])
