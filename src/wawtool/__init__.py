"""waw: budget and monitoring toolkit for Werken aan Werk and Perspectief op Werk."""

__version__ = "0.1.0"
