"""Copying text to the system clipboard, and saying truthfully whether it got there.

The system's own tool is used when there is one for the session: wl-copy under Wayland, xclip
or xsel under X11, pbcopy on macOS. Otherwise the terminal's clipboard escape (OSC 52) is the
fallback, which the front-end writes itself (Textual's `App.copy_to_clipboard`). OSC 52 cannot
work everywhere: tmux drops it unless its `set-clipboard` option is `on` (the default,
`external`, drops it), and VTE terminals (GNOME Terminal and friends) ignore it; then the
result says that nothing can copy, so the user is shown the text to copy by hand.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from reader.core.i18n import _
from reader.core.safe_text import clean_line

Method = Literal["tool", "osc52", "none"]

# Each tool reads the text on standard input. Some stay running to serve the selection, so
# their output goes to /dev/null: a pipe left open by them would make us wait for ever.
_WAYLAND_TOOLS = (("wl-copy", ["wl-copy"]),)
_X11_TOOLS = (
    ("xclip", ["xclip", "-selection", "clipboard"]),
    ("xsel", ["xsel", "--clipboard", "--input"]),
)
_MACOS_TOOLS = (("pbcopy", ["pbcopy"]),)
TOOL_TIMEOUT = 3.0


@dataclass(frozen=True, slots=True)
class CopyResult:
    """How the text was (or can be) copied.

    `method` "tool": copied by `tool`. "osc52": no tool; the front-end should send OSC 52
    (`reason` says when it may not arrive). "none": nothing can copy (`reason` says why).
    """

    method: Method
    tool: str = ""
    reason: str = ""

    def message(self, text: str, link: int | None = None) -> str:
        """What to tell the user after copying `text`: the page URL, or link number `link`."""
        text = clean_line(text)
        if self.method == "tool":
            if link is None:
                said = _("Copied page URL with {tool}")
            else:
                said = _("Copied link {number} with {tool}")
        elif self.method == "osc52" and not self.reason:
            if link is None:
                said = _("Sent page URL to the terminal's clipboard (OSC 52): {text}")
            else:
                said = _("Sent link {number} to the terminal's clipboard (OSC 52): {text}")
        elif self.method == "osc52":
            if link is None:
                said = _("Sent page URL to the terminal's clipboard (OSC 52) ({reason}): {text}")
            else:
                said = _(
                    "Sent link {number} to the terminal's clipboard (OSC 52) ({reason}): {text}"
                )
        elif link is None:
            said = _("Could not copy page URL: {reason}. Copy it by hand: {text}")
        else:
            said = _("Could not copy link {number}: {reason}. Copy it by hand: {text}")
        return said.format(tool=self.tool, number=link, reason=self.reason, text=text)


def copy_text(
    text: str, env: Mapping[str, str] | None = None, platform: str = sys.platform
) -> CopyResult:
    """Copy `text` with the session's clipboard tool, or say whether OSC 52 can do it.

    `env` is the environment to judge (the process's own by default).
    """
    env = os.environ if env is None else env
    tools = clipboard_tools(env, platform)
    failures: list[str] = []
    for name, command in tools:
        program = shutil.which(name, path=env.get("PATH", os.defpath))
        if program is None:
            continue
        problem = _run_tool(name, [program, *command[1:]], text, env)
        if problem is None:
            return CopyResult("tool", tool=name)
        failures.append(problem)
    osc52 = osc52_result(env)
    if osc52.method == "osc52":
        return osc52
    if failures:
        problem = "; ".join(failures)
    elif tools:
        names = functools.reduce(
            lambda first, second: _("{first} or {second}").format(first=first, second=second),
            [name for name, _command in tools],
        )
        problem = _("no clipboard tool installed ({tools})").format(tools=names)
    else:
        problem = _("no graphical session for a clipboard tool")
    reason = _("{problem}, and {reason}").format(problem=problem, reason=osc52.reason)
    return CopyResult("none", reason=reason)


def clipboard_tools(
    env: Mapping[str, str], platform: str = sys.platform
) -> list[tuple[str, list[str]]]:
    """The clipboard tools that fit this session, in the order to try them."""
    tools: list[tuple[str, list[str]]] = []
    if platform == "darwin":
        tools += _MACOS_TOOLS
    if env.get("WAYLAND_DISPLAY"):
        tools += _WAYLAND_TOOLS
    if env.get("DISPLAY"):
        tools += _X11_TOOLS
    return tools


def osc52_result(env: Mapping[str, str]) -> CopyResult:
    """Whether the terminal's clipboard escape (OSC 52) can reach a clipboard here."""
    if env.get("TERM", "") in ("", "dumb"):
        return CopyResult("none", reason=_("there is no terminal to send OSC 52 to"))
    if env.get("TMUX"):
        setting = tmux_set_clipboard(env)
        if setting in ("off", "external"):
            drops = _(
                "tmux drops OSC 52 while set-clipboard is {setting} "
                "('tmux set -g set-clipboard on' allows it)"
            )
            return CopyResult("none", reason=drops.format(setting=setting))
        if setting is None:
            return CopyResult("osc52", reason=_("tmux passes it on only if set-clipboard is on"))
    if env.get("VTE_VERSION"):
        return CopyResult("none", reason=_("this terminal (VTE) ignores OSC 52"))
    return CopyResult("osc52")


def tmux_set_clipboard(env: Mapping[str, str]) -> str | None:
    """tmux's `set-clipboard` option ("on", "external" or "off"), or None if unknown."""
    tmux = shutil.which("tmux", path=env.get("PATH", os.defpath))
    if tmux is None:
        return None
    try:
        result = subprocess.run(
            [tmux, "show-options", "-gv", "set-clipboard"],
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value in ("on", "external", "off") else None


def _run_tool(name: str, command: list[str], text: str, env: Mapping[str, str]) -> str | None:
    """Run clipboard tool `name` with `text` on its input; None on success, else what went
    wrong."""
    try:
        result = subprocess.run(
            command,
            input=text.encode("utf-8"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TOOL_TIMEOUT,
            env=dict(env),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return _("{tool} did not finish").format(tool=name)
    except OSError as error:
        return _("{tool} could not run ({reason})").format(tool=name, reason=error.strerror)
    if result.returncode == 0:
        return None
    return _("{tool} failed (exit status {status})").format(tool=name, status=result.returncode)
