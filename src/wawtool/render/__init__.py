"""Renderers: each turns a report (via neutral Tables) into one output format."""
