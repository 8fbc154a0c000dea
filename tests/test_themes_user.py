"""User themes from <config dir>/themes: loaded, checked, warned about, never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.themes import default_theme_name, load_themes, user_themes_dir


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    directory = user_themes_dir()
    directory.mkdir(parents=True)
    return directory


def test_user_theme_dir_follows_the_config_directory(config_home: Path, tmp_path: Path) -> None:
    assert config_home == tmp_path / "reader" / "themes"


def test_a_good_user_theme_loads_after_the_shipped_ones_without_warnings(config_home: Path) -> None:
    (config_home / "ink.toml").write_text(
        'description = "Ink"\ndark = false\n[colors]\nbackground = "#ffffff"\ntext = "#000000"\n'
        'link = "#0000cc"\nfocus = "#0000cc"\n'
    )
    catalogue = load_themes()
    assert catalogue.warnings == []
    theme = catalogue.get("ink")
    assert theme is not None and theme.source == "user" and not theme.dark
    assert catalogue.names()[-1] == "ink"
    assert theme.colors["heading"] == "#000000"  # missing slots fall back to related ones
    assert theme.passes


def test_a_low_contrast_user_theme_loads_with_a_warning_naming_the_ratio(
    config_home: Path,
) -> None:
    (config_home / "fog.toml").write_text(
        'name = "fog"\n[colors]\nbackground = "#ffffff"\ntext = "#777777"\n'
    )
    catalogue = load_themes()
    assert "fog" in catalogue.names()
    assert not catalogue.get("fog").passes
    body = [w for w in catalogue.warnings if "body text" in w]
    assert body and "4.48:1" in body[0] and "7:1" in body[0] and "fog" in body[0]


def test_translucent_user_text_is_judged_after_blending(config_home: Path) -> None:
    # White at 40% over black blends to a dim grey: it must fail, though #ffffff would pass.
    (config_home / "dim.toml").write_text('[colors]\nbackground = "#000000"\ntext = "#ffffff66"\n')
    catalogue = load_themes()
    assert any("dim" in w and "body text" in w for w in catalogue.warnings)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[colors\nbackground =", "not valid TOML"),
        ('[colors]\nbackground = "#ffffff"\n', "missing colour text"),
        ('[colors]\nbackground = "white"\ntext = "#000"\n', "not a #rrggbb colour"),
        ('[colors]\nbackground = "#fff"\ntext = "#000"\nsparkle = "#000"\n', "unknown colour"),
        ('name = "Bad Name!"\n[colors]\nbackground = "#fff"\ntext = "#000"\n', "lower-case"),
        ('[colors]\nbackground = "#ffffff80"\ntext = "#000"\n', "opaque"),
    ],
)
def test_an_unusable_user_theme_is_skipped_with_a_warning(
    config_home: Path, content: str, reason: str
) -> None:
    (config_home / "broken.toml").write_text(content)
    catalogue = load_themes()
    assert "broken" not in catalogue.names()
    assert len(catalogue.warnings) == 1
    assert "broken.toml was skipped" in catalogue.warnings[0]
    assert reason in catalogue.warnings[0]
    assert "dark" in catalogue.names()  # the shipped themes are unaffected


def test_control_characters_in_a_user_description_are_removed(config_home: Path) -> None:
    (config_home / "x.toml").write_text(
        'description = "nice\\u001b]52;c;ZXZpbA==\\u0007 theme"\n'
        '[colors]\nbackground = "#000000"\ntext = "#ffffff"\n'
    )
    theme = load_themes().get("x")
    assert theme is not None and "\x1b" not in theme.description and "\x07" not in theme.description


def test_cycling_visits_every_theme_and_wraps(config_home: Path) -> None:
    catalogue = load_themes()
    names = catalogue.names()
    seen = [names[0]]
    for _ in names:
        seen.append(catalogue.next_name(seen[-1]))
    assert seen[-1] == names[0] and sorted(set(seen)) == sorted(names)
    assert catalogue.next_name(names[0], -1) == names[-1]
    assert catalogue.next_name("no-such-theme") == names[0]


def test_no_color_makes_terminal_the_default_theme() -> None:
    assert default_theme_name({"NO_COLOR": "1"}) == "terminal"
    assert default_theme_name({"NO_COLOR": ""}) == "dark"
    assert default_theme_name({}) == "dark"
