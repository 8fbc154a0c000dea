"""Widgets of the full-screen reader, one file per thing the reader sees."""
