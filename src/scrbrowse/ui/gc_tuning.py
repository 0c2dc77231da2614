"""Python's cyclic garbage collector, set for an app that holds a large index and draws a lot.

Measured at 10k (docs/performance.md, "Typing and the views in the app, third round"): with
Python's defaults, the bench's typing (12 queries, 175 keys) ran 2,500 young and 21 full
collections, the full ones some 150 ms of CPU each, every one of them a pause of the UI thread and
the search alike: about a sixth of the app's CPU. What the full collections walked was mostly what
lives as long as the app (the engine's tables, the screens); what made them frequent was Textual's
drawing (a `Strip`, one per line drawn, brings 16 tracked objects: its caches).

So, once the browser shows its first results: everything alive then is moved out of the
collector's way (`gc.freeze`), and a young collection waits for 5,000 new objects instead of 700.
Three full collections instead of 21, about 4 MB more memory. When the app exits the collector is
given back as it was (tests run many apps in one process).
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 5000  # Python's default is 700
_saved: tuple[int, int, int] | None = None


def keep_long_lived() -> None:
    """Call once, when what lives as long as the app exists: collect once, then freeze it."""
    global _saved
    if _saved is not None:
        return
    _saved = gc.get_threshold()
    gc.collect()  # what is garbage now must not be frozen with the rest
    gc.freeze()
    young, middle, old = _saved
    gc.set_threshold(max(young, YOUNG_THRESHOLD), middle, old)


def release() -> None:
    """The app is closing: the collector as it was, everything frozen collectable again."""
    global _saved
    if _saved is None:
        return
    gc.unfreeze()
    gc.set_threshold(*_saved)
    _saved = None
