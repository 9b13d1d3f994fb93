"""The headless session core the TUI and the command line both drive: question banks and selection, the
practice flow's state machine, the live answer (capture, live stats, scoring, saving), answer inputs,
scoring of a recording, trends over sessions, and the app's settings."""
