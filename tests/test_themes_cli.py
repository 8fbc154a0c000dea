"""`reader themes` and `reader themes --json`, run as a user would, with an isolated config."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_themes(config_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home)}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", "themes", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def config_home(tmp_path: Path) -> Path:
    themes = tmp_path / "reader" / "themes"
    themes.mkdir(parents=True)
    (themes / "fog.toml").write_text(
        'description = "Too pale"\ndark = false\n'
        '[colors]\nbackground = "#ffffff"\ntext = "#999999"\n'
    )
    return tmp_path


def test_themes_lists_shipped_and_user_themes_with_their_contrast(config_home: Path) -> None:
    result = run_themes(config_home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["name", "kind", "from", "contrast"]
    rows = {line.split()[0]: line for line in lines[1:] if line and not line.startswith("contrast")}
    assert "shipped" in rows["dark"] and "pass" in rows["dark"] and " dark " in rows["dark"]
    assert " light " in rows["sepia"]
    assert "terminal" in rows["terminal"] and "n/a" in rows["terminal"]
    assert "user" in rows["fog"] and "FAIL" in rows["fog"]
    assert "warning: theme 'fog'" in result.stderr and "body text" in result.stderr


def test_themes_json_has_colours_and_the_computed_ratios(config_home: Path) -> None:
    result = run_themes(config_home, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    themes = {theme["name"]: theme for theme in data["themes"]}
    light = themes["light"]
    assert light["colors"]["background"] == "#fbfbf8" and light["passes"] is True
    body = next(c for c in light["contrast"] if c["check"] == "body text")
    assert body["minimum"] == 7.0 and body["ratio"] >= 7.0 and body["passed"] is True
    fog = themes["fog"]
    fog_body = next(c for c in fog["contrast"] if c["check"] == "body text")
    assert fog["source"] == "user" and fog["passes"] is False
    assert fog_body["ratio"] == pytest.approx(2.85, abs=0.01) and fog_body["passed"] is False
    assert themes["terminal"]["contrast"] == [] and themes["terminal"]["ansi"] is True
    assert any("fog" in warning for warning in data["warnings"])


def test_themes_with_an_unknown_option_is_a_usage_error(config_home: Path) -> None:
    result = run_themes(config_home, "--colour")
    assert result.returncode == 2
    assert result.stderr.startswith("reader: ") and len(result.stderr.splitlines()) == 1


def test_theme_file_names_with_escapes_reach_no_output_raw(tmp_path: Path) -> None:
    themes = tmp_path / "reader" / "themes"
    themes.mkdir(parents=True)
    colours = '[colors]\nbackground = "#000000"\ntext = "#ffffff"\n'
    (themes / "\x1b]2;pwned\x07title.toml").write_text('name = "titled"\n' + colours)
    (themes / "c1\u009b31mred.toml").write_text(colours)  # named by its file: sanitised
    (themes / "pale\x1b[2J.toml").write_text('name = "pale"\n[colors]\nbackground = "#fff"\n')
    for args in ((), ("--json",)):
        result = run_themes(tmp_path, *args)
        assert result.returncode == 0, result.stderr
        for stream in (result.stdout, result.stderr):
            assert "\x1b" not in stream and "\u009b" not in stream and "\x07" not in stream
    data = json.loads(run_themes(tmp_path, "--json").stdout)
    titled = next(theme for theme in data["themes"] if theme["name"] == "titled")
    assert titled["path"].endswith("/themes/title.toml")  # the OSC and its payload removed
    assert "c1red" in {theme["name"] for theme in data["themes"]}
    assert len(data["warnings"]) == 1 and "pale.toml was skipped" in data["warnings"][0]
    assert all("\u009b" not in warning and "\x1b" not in warning for warning in data["warnings"])
