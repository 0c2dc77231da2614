"""One targeted speed fix for whoosh-reloaded 2.7.5, applied on import of the search package.

When a segment is committed, Whoosh asks for the length of every posting's field. For fields that
keep no lengths (IDs, keywords, the spelling field) the per-document reader checks the disk for a
column file on *every* posting, because only found columns are cached: one `stat()` per posting,
about half of the commit time here. Segment files never change once written, so remembering
"no such column" is safe.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec import whoosh3

_MISSING = object()
_PATCHED = "_scrbrowse_patched"


def apply() -> None:
    cls = whoosh3.W3PerDocReader
    if getattr(cls, _PATCHED, False):
        return
    original = cls._cached_reader

    def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
        readers = self._readers
        found = readers.get(fieldname, _MISSING)
        if found is _MISSING:
            found = original(self, fieldname, column)
            if found is None:
                readers[fieldname] = None
        return found

    cls._cached_reader = _cached_reader
    setattr(cls, _PATCHED, True)
