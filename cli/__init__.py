"""The `ipoval` command line."""
