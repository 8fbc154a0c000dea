"""Snapshots of the reader at text scale 1 and 3 in a light and a dark theme (80x24).

Regenerate after an intended change with `pytest tests/test_bigtext_snapshots.py
--snapshot-update` and look at the report before committing.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from reader.core.storage.settings import Settings
from reader.tui import create_app
from tests.support.tui_helpers import every_block_article


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("theme", ["light", "high-contrast-dark"])
@pytest.mark.parametrize("scale", [1, 3])
def test_article_at_scale_in_theme(snap_compare, theme: str, scale: int) -> None:
    settings = Settings(theme=theme, scale=scale, width=0, margin=2)
    app = create_app(None, settings=settings, save=False, article=every_block_article())
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
