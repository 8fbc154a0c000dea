"""WCAG contrast: the arithmetic against known values, and every shipped theme file passing."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.themes import (
    COLOR_KEYS,
    CONTRAST_RULES,
    contrast_ratio,
    load_themes,
    parse_theme,
    relative_luminance,
    shipped_themes_dir,
)

THEMES_DIR = Path(__file__).resolve().parent.parent / "themes"
SHIPPED = sorted(THEMES_DIR.glob("*.toml"))
REQUIRED = {
    "light",
    "dark",
    "sepia",
    "high-contrast-dark",
    "high-contrast-light",
    "yellow-on-black",
    "terminal",
}


def test_luminance_of_white_black_and_grey_matches_wcag() -> None:
    assert relative_luminance((1.0, 1.0, 1.0)) == pytest.approx(1.0)
    assert relative_luminance((0.0, 0.0, 0.0)) == pytest.approx(0.0)
    # #777777: sRGB 0.4667 -> linear 0.1845 (WCAG formula)
    assert relative_luminance((0x77 / 255,) * 3) == pytest.approx(0.1845, abs=1e-4)


@pytest.mark.parametrize(
    ("fg", "bg", "expected"),
    [
        ("#777777", "#ffffff", 4.48),  # the classic "just fails AA" grey
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#0000ff", "#ffffff", 8.59),
        ("#595959", "#ffffff", 7.0),
    ],
)
def test_contrast_ratio_matches_known_wcag_values(fg: str, bg: str, expected: float) -> None:
    assert contrast_ratio(fg, bg) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(bg, fg) == pytest.approx(expected, abs=0.01)


def test_transparent_text_is_blended_over_the_background_before_measuring() -> None:
    # 50% white over black is #808080 (128): the ratio must be that grey's, not white's 21:1.
    assert contrast_ratio("#ffffff80", "#000000") == pytest.approx(
        contrast_ratio("#808080", "#000000"), abs=0.01
    )
    assert contrast_ratio("#ffffff80", "#000000") < 6


def test_every_required_theme_is_shipped_and_the_package_finds_them() -> None:
    assert {p.stem for p in SHIPPED} >= REQUIRED
    assert (
        shipped_themes_dir().resolve() == THEMES_DIR
        or (shipped_themes_dir() / "dark.toml").is_file()
    )
    assert set(load_themes(include_user=False).names()) >= REQUIRED


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_theme_file_meets_every_contrast_rule(path: Path) -> None:
    theme = parse_theme(path.read_text(encoding="utf-8"), stem=path.stem, source="shipped")
    assert theme.name == path.stem
    assert theme.description
    assert set(theme.colors) == set(COLOR_KEYS), "shipped themes spell out every colour"
    if theme.ansi:
        assert theme.name == "terminal"
        assert theme.contrast() == []  # the terminal's palette cannot be measured
        return
    results = theme.contrast()
    assert len(results) == len(CONTRAST_RULES)
    failures = [(r.rule.label, round(r.ratio, 2), r.rule.minimum) for r in results if not r.passed]
    assert failures == []
    by_label = {r.rule.label: r.ratio for r in results}
    assert by_label["body text"] >= 7.0
    assert by_label["links"] >= 4.5 and by_label["headings"] >= 4.5
    assert by_label["focus indicator"] >= 3.0 and by_label["borders"] >= 3.0
