"""What one step shows: whole blocks, except that a long list or table goes one item or row
at a time. A unit is (block, part); a step is `size` units from the reading position."""

from __future__ import annotations

from reader.core.document import Block, ListBlock, Table
from reader.core.reading import Reading, ReadingPosition, item_offsets

LONG = 3  # lists and tables with more items or rows than this are read one per step

Unit = tuple[int, int]


def parts_of(block: Block) -> list[int]:
    """Where each part of `block` starts in its text: one part per item or row of a long
    list or table, else one part, the whole block."""
    if isinstance(block, ListBlock | Table):
        offsets = item_offsets(block)
        if len(offsets) > LONG:
            return offsets
    return [0]


def parts(reading: Reading, block: int) -> list[int]:
    return parts_of(reading.article.blocks[block])


def unit_at(reading: Reading, position: ReadingPosition) -> Unit:
    """The unit holding `position`."""
    starts = parts(reading, position.block)
    part = sum(1 for start in starts if start <= position.offset) - 1
    return (position.block, max(0, part))


def next_unit(reading: Reading, unit: Unit) -> Unit | None:
    block, part = unit
    if part + 1 < len(parts(reading, block)):
        return (block, part + 1)
    return (block + 1, 0) if block + 1 < reading.block_count else None


def previous_unit(reading: Reading, unit: Unit) -> Unit | None:
    block, part = unit
    if part > 0:
        return (block, part - 1)
    return (block - 1, len(parts(reading, block - 1)) - 1) if block > 0 else None


def step_units(reading: Reading, size: int) -> list[Unit]:
    """The units the current step shows: `size` of them from the position (fewer at the end)."""
    units = [unit_at(reading, reading.position)]
    while len(units) < size and (following := next_unit(reading, units[-1])):
        units.append(following)
    return units


def go(reading: Reading, unit: Unit) -> None:
    """Move the reading to the start of `unit`."""
    block, part = unit
    reading.go_to(block, parts(reading, block)[part])


def read_to(reading: Reading, size: int) -> ReadingPosition:
    """Just after the current step: what a reader of it has read up to."""
    following = next_unit(reading, step_units(reading, size)[-1])
    if following is None:
        return ReadingPosition(reading.block_count, 0)
    return ReadingPosition(following[0], parts(reading, following[0])[following[1]])
