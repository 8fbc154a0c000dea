"""Textual-free helpers for the desktop around the terminal: the system clipboard and the
system web browser, each saying truthfully what it did."""
