"""mockinterview: an offline, real-time spoken mock-interview coach."""

__version__ = "0.1.0"
