"""What the user typed, read once: its syntax, and the plan every evaluation runs.
(Layers: docs/architecture.md.)"""
