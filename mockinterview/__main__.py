"""`python -m mockinterview` runs the command line."""

from mockinterview.cli import main

main()
