"""The `waw` command line: `app` and the `run` entry point; the commands register themselves on import."""

from . import printing, writing  # noqa: F401  (their commands register on the app)
from .app import app, run

__all__ = ["app", "run"]
