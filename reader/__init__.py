"""reader: an accessible reading-mode terminal reader."""

__version__ = "0.1.0"
