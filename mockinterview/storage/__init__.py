"""What is kept on disk: the SQLite session store with its named migrations, the story bank, recordings, and
the data directory (`$MOCKINTERVIEW_HOME`)."""
