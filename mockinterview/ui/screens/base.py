"""What every full screen of the app shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from mockinterview.ui.app import MockInterviewApp


class AppScreen(Screen[None]):
    """A full screen of mockinterview, with typed access to the app and its injected context."""

    @property
    def mi_app(self) -> MockInterviewApp:
        return self.app  # type: ignore[return-value]
