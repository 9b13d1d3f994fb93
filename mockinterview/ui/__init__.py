"""The Textual app: screens and widgets only; every decision they show is made in the session layer."""
