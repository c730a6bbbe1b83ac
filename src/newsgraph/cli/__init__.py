"""Thin commands over library functions; each module here adds one subcommand."""
