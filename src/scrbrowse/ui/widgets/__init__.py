"""Widgets of the browser. Each turns raw events into its own messages; only screens talk to the engine."""
