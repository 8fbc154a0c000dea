"""The footer: the keys that fit the width, chosen by priority, so Help is always shown.

Textual's own footer lays every key out in a row and lets the screen's edge cut the rest,
mid-word; this one leaves out whole keys, the least needed first (`keys.FOOTER_PRIORITY`),
and the command palette key when it does not fit.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.tui.keys import FOOTER_PRIORITY


def key_width(key_display: str, description: str) -> int:
    """Columns one footer key takes: " key " then "description "."""
    return cell_len(key_display) + 2 + cell_len(description) + 1


def fit_keys(widths: Sequence[tuple[str | None, int]], room: int) -> list[int]:
    """Which keys fit in `room` columns (their indexes, in the order shown): taken by
    priority, those in `FOOTER_PRIORITY` first, in its order, then the rest in order."""
    rank = {name: place for place, name in enumerate(FOOTER_PRIORITY)}
    order = sorted(range(len(widths)), key=lambda i: (rank.get(widths[i][0] or "", len(rank)), i))
    chosen: list[int] = []
    used = 0
    for index in order:
        if used + widths[index][1] <= room:
            chosen.append(index)
            used += widths[index][1]
    return sorted(chosen)


class KeyFooter(Footer):
    """The screen's shown keys that fit, by priority; never a key cut in two."""

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        room = self.app.size.width
        active = self.screen.active_bindings
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled, tooltip)
        keys = list(shown.values())
        displays = [self.app.get_key_display(binding) for binding, _, _ in keys]
        widths = [
            (binding.id, key_width(display, binding.description))
            for (binding, _, _), display in zip(keys, displays, strict=True)
        ]
        chosen = fit_keys(widths, room)
        for index in chosen:
            binding, enabled, tooltip = keys[index]
            yield FooterKey(
                binding.key,
                displays[index],
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is None or not self.show_command_palette:
            return
        _node, binding, enabled, tooltip = palette
        display = self.app.get_key_display(binding)
        used = sum(widths[index][1] for index in chosen)
        # Docked right after a one-column rule: shown only where it covers no other key.
        if len(chosen) == len(keys) and used + 1 + key_width(display, binding.description) <= room:
            yield FooterKey(
                binding.key,
                display,
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def on_resize(self, event: Resize) -> None:
        """Choose the keys again for the new width."""
        if self._bindings_ready:
            self.call_after_refresh(self.recompose)
