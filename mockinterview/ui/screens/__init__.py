"""Screens of the mockinterview app."""
