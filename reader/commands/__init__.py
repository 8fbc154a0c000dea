"""Subcommands of the `reader` command line: `reader themes` and `reader languages`."""
