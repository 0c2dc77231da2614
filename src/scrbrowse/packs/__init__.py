"""Session packs: the learning points, questions and documents a supervisor gathers for one session.

No Textual here: the pack screen, the question bank, the browser's "add to pack" key and the CLI all
work through this API. The usual flow::

    store = PackStore()                       # <user data dir>/packs
    result = store.ensure_current()           # or store.load(name); never raises
    if result.message: show(result.message)   # repaired / recovered / failed: say so
    pack = result.pack
    pack.add(item_from_document(doc, "q-3"))  # False if already there
    store.save(pack)                          # atomic, 0600, previous copy kept as .bak

- `model`: PackItem, Citation, Pack, item_from_document, make_name, errors (no I/O)
- `fileformat`: Pack <-> YAML, with line-numbered problems
- `store`: PackStore, LoadResult, PackInfo
"""

from .fileformat import PACK_SCHEMA_VERSION, dump_pack, pack_from_data, pack_to_data
from .model import (
    DOCUMENT,
    ITEM_KINDS,
    OWN_KINDS,
    OWN_NOTE,
    OWN_QUESTION,
    Citation,
    Pack,
    PackConflictError,
    PackError,
    PackExistsError,
    PackItem,
    PackNameError,
    PackNotFoundError,
    UnknownItemError,
    clean_initials,
    is_valid_name,
    item_from_document,
    make_name,
    own_item,
)
from .store import (
    BACKUP_SUFFIX,
    CORRUPT_MARK,
    MAX_PACK_BYTES,
    TRASH_DIR,
    LoadResult,
    LoadStatus,
    PackInfo,
    PackStore,
)

__all__ = [
    "BACKUP_SUFFIX",
    "CORRUPT_MARK",
    "DOCUMENT",
    "ITEM_KINDS",
    "MAX_PACK_BYTES",
    "OWN_KINDS",
    "OWN_NOTE",
    "OWN_QUESTION",
    "PACK_SCHEMA_VERSION",
    "TRASH_DIR",
    "Citation",
    "LoadResult",
    "LoadStatus",
    "Pack",
    "PackConflictError",
    "PackError",
    "PackExistsError",
    "PackInfo",
    "PackItem",
    "PackNameError",
    "PackNotFoundError",
    "PackStore",
    "UnknownItemError",
    "clean_initials",
    "dump_pack",
    "is_valid_name",
    "item_from_document",
    "make_name",
    "own_item",
    "pack_from_data",
    "pack_to_data",
]
