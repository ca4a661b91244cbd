"""`python -m hortus` runs the command line."""

from hortus.cli import main

main()
