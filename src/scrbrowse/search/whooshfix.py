"""Two targeted fixes for whoosh-reloaded 2.7.5's per-document reader, applied on import of the
search package.

Speed: when a segment is committed, Whoosh asks for the length of every posting's field. For
fields that keep no lengths (IDs, keywords, the spelling field) the per-document reader checks the
disk for a column file on *every* posting, because only found columns are cached: one `stat()` per
posting, about half of the commit time here. Segment files never change once written, so
remembering "no such column" is safe.

Safety: segments are separate files (not compound ones, see `segments.py`), and the reader opens a
segment's column files (stored passages, lengths, ids) only when first asked. An update that
merges or replaces segments deletes their files, which would break a reader of the previous
generation still in use (the app's open view, or another scrbrowse) the first time it needed a
column. So a reader opens all its column files at once: an open file outlives its deletion.
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
    original_init = cls.__init__
    original_has_column = cls.has_column

    def __init__(self: Any, storage: Any, segment: Any) -> None:
        original_init(self, storage, segment)
        self._all_open = False
        if getattr(storage, "folder", None) is None or getattr(segment, "compound", False):
            return  # in memory, or one compound file (opened whole by its storage)
        prefix = f"{segment.indexname}_{segment.segid}."
        try:
            for name in storage.list():
                if name.startswith(prefix) and name.endswith(whoosh3.W3Codec.COLUMN_EXT):
                    fieldname = name[len(prefix):-len(whoosh3.W3Codec.COLUMN_EXT)]
                    self._colfiles[fieldname] = self._get_column_file(fieldname)
        except OSError:
            for colfile, _offset, _length in self._colfiles.values():
                colfile.close()
            self._colfiles.clear()
            return
        self._all_open = True

    def has_column(self: Any, fieldname: str) -> bool:
        if self._all_open:
            return fieldname in self._colfiles
        return bool(original_has_column(self, fieldname))

    def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
        readers = self._readers
        found = readers.get(fieldname, _MISSING)
        if found is _MISSING:
            found = original(self, fieldname, column)
            if found is None:
                readers[fieldname] = None
        return found

    cls.__init__ = __init__
    cls.has_column = has_column
    cls._cached_reader = _cached_reader
    setattr(cls, _PATCHED, True)
