"""reader's own words about images and tables, shared by the formats (and their plurals)."""

from __future__ import annotations

from reader.core.i18n import _, format_number, ngettext


def image_text(alt: str) -> str:
    """The announcement of an image: its description, or that it has none."""
    return _("Image: {description}").format(description=alt) if alt else _("Image, no description")


def column_name(number: int) -> str:
    """The name of a table column that has no header cell."""
    return _("Column {number}").format(number=format_number(number))


def table_summary(columns: int, rows: int) -> str:
    """`Table with 3 columns and 2 rows:`, in the interface language's plural forms."""
    columns_text = ngettext("{count} column", "{count} columns", columns)
    rows_text = ngettext("{count} row", "{count} rows", rows)
    # TRANSLATORS: {columns} is "3 columns" and {rows} is "2 rows", translated above.
    return _("Table with {columns} and {rows}:").format(
        columns=columns_text.format(count=format_number(columns)),
        rows=rows_text.format(count=format_number(rows)),
    )
