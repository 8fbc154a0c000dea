"""Line mode: a prompt, one-letter commands and only new lines below the old ones.

For screen readers and braille displays, which follow appended lines well and a full-screen
app badly. Never imports Textual: the CLI picks this mode before anything loads it.
"""

from reader.line.run import run_line

__all__ = ["run_line"]
