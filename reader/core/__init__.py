"""The reading pipeline: source -> Page -> Article -> renderers. Never imports Textual or Rich."""

import sys

# httpx's package __init__ imports its optional command-line tool (httpx._main), which pulls in
# click, rich and pygments whenever they are installed (Textual installs rich). reader never
# uses that tool; marking the module absent makes httpx fall back to its stub, so plain mode
# does not pay for importing a terminal UI library.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
