"""Copying to the clipboard: the session's tool when there is one (a real stand-in program named
xclip, wl-copy or pbcopy on PATH), else OSC 52 where it can arrive, else a plain 'cannot'."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.i18n import use_language
from reader.desktop.clipboard import copy_text
from tests.support.terminal import TMUX, Terminal

URL = "https://example.test/article?id=7"


def install_tool(folder: Path, name: str, output: Path, status: int = 0) -> None:
    """A real program called `name` that writes its arguments and its input to `output`."""
    script = folder / name
    script.write_text(
        f'#!/bin/sh\necho "$@" > "{output}.args"\n/bin/cat > "{output}"\n'
        f"echo 'noise on stdout'; echo 'noise on stderr' >&2\nexit {status}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    return folder


def session(bin_dir: Path, **variables: str) -> dict[str, str]:
    """An environment whose PATH holds only the stand-in tools."""
    return {"PATH": str(bin_dir), "TERM": "xterm-256color", **variables}


def test_under_x11_the_text_is_copied_with_xclip(bin_dir: Path, tmp_path: Path) -> None:
    clip = tmp_path / "clipboard"
    install_tool(bin_dir, "xclip", clip)
    result = copy_text(URL, session(bin_dir, DISPLAY=":0"))
    assert (result.method, result.tool) == ("tool", "xclip")
    assert clip.read_text() == URL
    assert Path(f"{clip}.args").read_text().split() == ["-selection", "clipboard"]
    assert result.message(URL) == "Copied page URL with xclip"


def test_xsel_is_used_when_xclip_is_missing(bin_dir: Path, tmp_path: Path) -> None:
    clip = tmp_path / "clipboard"
    install_tool(bin_dir, "xsel", clip)
    result = copy_text("ünïcode ☃", session(bin_dir, DISPLAY=":0"))
    assert result.tool == "xsel" and clip.read_text() == "ünïcode ☃"
    assert Path(f"{clip}.args").read_text().split() == ["--clipboard", "--input"]


def test_under_wayland_wl_copy_comes_first(bin_dir: Path, tmp_path: Path) -> None:
    install_tool(bin_dir, "wl-copy", tmp_path / "wayland")
    install_tool(bin_dir, "xclip", tmp_path / "x11")
    result = copy_text(URL, session(bin_dir, WAYLAND_DISPLAY="wayland-0", DISPLAY=":0"))
    assert result.tool == "wl-copy"
    assert (tmp_path / "wayland").read_text() == URL and not (tmp_path / "x11").exists()


def test_on_macos_pbcopy_is_used(bin_dir: Path, tmp_path: Path) -> None:
    install_tool(bin_dir, "pbcopy", tmp_path / "mac")
    result = copy_text(URL, session(bin_dir), platform="darwin")
    assert result.tool == "pbcopy" and (tmp_path / "mac").read_text() == URL


def test_a_failing_tool_falls_back_to_the_next_and_then_to_osc52(
    bin_dir: Path, tmp_path: Path
) -> None:
    install_tool(bin_dir, "xclip", tmp_path / "broken", status=1)
    install_tool(bin_dir, "xsel", tmp_path / "works")
    assert copy_text(URL, session(bin_dir, DISPLAY=":0")).tool == "xsel"
    (bin_dir / "xsel").unlink()
    result = copy_text(URL, session(bin_dir, DISPLAY=":0"))
    assert result.method == "osc52"


def test_the_tools_output_never_reaches_our_terminal(
    bin_dir: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    install_tool(bin_dir, "xclip", tmp_path / "clipboard")
    copy_text(URL, session(bin_dir, DISPLAY=":0"))
    out, err = capfd.readouterr()
    assert "noise" not in out + err


def test_without_a_display_osc52_is_the_way_and_the_message_says_so(bin_dir: Path) -> None:
    install_tool(bin_dir, "xclip", bin_dir / "unused")  # no DISPLAY: not for this session
    result = copy_text(URL, session(bin_dir))
    assert result.method == "osc52"
    assert result.message(URL).startswith("Sent page URL to the terminal's clipboard (OSC 52)")


def test_with_no_terminal_and_no_tool_nothing_can_copy_and_the_text_is_shown(
    bin_dir: Path,
) -> None:
    result = copy_text(URL, {"PATH": str(bin_dir), "TERM": "dumb"})
    assert result.method == "none"
    message = result.message(URL)
    assert message.startswith("Could not copy page URL: no graphical session")
    assert message.endswith(f"Copy it by hand: {URL}")


def test_a_vte_terminal_that_ignores_osc52_is_reported(bin_dir: Path) -> None:
    result = copy_text(URL, session(bin_dir, DISPLAY=":0", VTE_VERSION="7600"))
    assert result.method == "none"
    assert "no clipboard tool installed (xclip or xsel)" in result.reason
    assert "VTE" in result.reason


@pytest.fixture
def tmux_server() -> Iterator[tuple[Terminal, str]]:
    """A real tmux server of our own; yields it and the TMUX value a program inside would see."""
    if TMUX is None:
        pytest.skip("tmux is not installed")
    terminal = Terminal()
    terminal.start("sleep 60")
    socket = terminal.tmux("display-message", "-p", "#{socket_path}").strip()
    pid = terminal.tmux("display-message", "-p", "#{pid}").strip()
    try:
        yield terminal, f"{socket},{pid},0"
    finally:
        terminal.close()


def test_inside_tmux_with_set_clipboard_external_osc52_is_dropped_and_the_user_told(
    bin_dir: Path, tmux_server: tuple[Terminal, str]
) -> None:
    terminal, tmux_variable = tmux_server
    os.symlink(shutil.which("tmux") or "tmux", bin_dir / "tmux")
    env = session(bin_dir, TMUX=tmux_variable)
    terminal.tmux("set-option", "-g", "set-clipboard", "external")
    result = copy_text(URL, env)
    assert result.method == "none"
    assert "tmux drops OSC 52 while set-clipboard is external" in result.reason
    assert "set -g set-clipboard on" in result.reason

    terminal.tmux("set-option", "-g", "set-clipboard", "on")
    assert copy_text(URL, env).method == "osc52"


def test_inside_tmux_with_a_clipboard_tool_the_tool_is_used(
    bin_dir: Path, tmp_path: Path, tmux_server: tuple[Terminal, str]
) -> None:
    terminal, tmux_variable = tmux_server
    terminal.tmux("set-option", "-g", "set-clipboard", "off")
    install_tool(bin_dir, "xclip", tmp_path / "clipboard")
    result = copy_text(URL, session(bin_dir, TMUX=tmux_variable, DISPLAY=":0"))
    assert result.tool == "xclip" and (tmp_path / "clipboard").read_text() == URL


def test_tmux_reports_its_setting_the_way_the_check_reads_it(
    tmux_server: tuple[Terminal, str],
) -> None:
    """The real tmux prints the bare value for `show-options -gv` (what the check parses)."""
    terminal, tmux_variable = tmux_server
    terminal.tmux("set-option", "-g", "set-clipboard", "off")
    shown = subprocess.run(
        ["tmux", "show-options", "-gv", "set-clipboard"],
        env={**os.environ, "TMUX": tmux_variable},
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout == "off\n"


def test_copy_feedback_speaks_the_interface_language(bin_dir: Path, tmp_path: Path) -> None:
    install_tool(bin_dir, "xclip", tmp_path / "clipboard")
    result = copy_text(URL, session(bin_dir, DISPLAY=":0"))
    use_language("fr")
    try:
        assert result.message(URL) == "URL de la page copiée avec xclip"
        assert result.message(URL, link=3) == "Lien 3 copié avec xclip"
        cannot = copy_text(URL, session(bin_dir, TERM="dumb")).message(URL)
    finally:
        use_language("en")
    assert cannot.startswith("Impossible de copier l'URL de la page\u00a0: pas de session")
