"""Entry point: the frame (sidebar, navigation) and the chosen page. Run with `make run`."""

from geo import ui

ui.run_app()
