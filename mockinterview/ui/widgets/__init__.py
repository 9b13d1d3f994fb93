"""Widgets of the mockinterview app."""
