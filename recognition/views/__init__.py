"""Public views of the recognition app, a module per page family."""

from .screens import force_screen, screen_service_worker, station_screen
from .submission import privacy, submit, withdraw
from .wall import wall

__all__ = ["force_screen", "privacy", "screen_service_worker", "station_screen", "submit", "withdraw", "wall"]
