"""Property tests: whatever is in a pack file, PackStore.load and .list never raise, and the file's
bytes are never lost."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrbrowse.packs import LoadStatus, PackStore

# YAML-ish fragments, so many examples get past the parser into the validator.
_FRAGMENTS = st.sampled_from([
    "schema_version: 1\n", "schema_version: 99\n", "title: T\n", "title: [a, b]\n",
    "created: 2024-05-14\n", "created: 2024-02-30\n", "notes: |\n  x\n", "items:\n", "items: 3\n",
    "  - kind: question\n", "    doc_id: d\n", "    item_id: q-1\n", "    text: hi\n",
    "    citation: {review: R, document: D}\n", "    citation: 7\n", "    restriction: {level: x}\n",
    "    restriction: [1]\n", "  - 5\n", "  - {kind: document, doc_id: d, text: t, citation: "
    "{review: R, document: D}}\n", "&a x\n", "*a\n", "? [a]\n: b\n", "!!binary aGk=\n", "---\n",
    "\t\n", "key: 'unterminated\n", "\x00", "\ufeff", "  ", "\n", ":", "-", "[", "{", "#",
])
YAMLISH = st.lists(_FRAGMENTS | st.text(max_size=20), max_size=25).map("".join)
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _check(data: bytes, with_backup: bool) -> None:
    # fsync only matters for crashes (tested elsewhere); skipping it keeps thousands of writes fast.
    with tempfile.TemporaryDirectory() as tmp, mock.patch("scrbrowse.yamlio.os.fsync"):
        store = PackStore(Path(tmp) / "packs")
        if with_backup:
            pack = store.create("p")
            store.save(pack)  # a good .bak exists
        else:
            store.root.mkdir(parents=True)
        store.path("p").write_bytes(data)
        result = store.load("p")
        assert isinstance(result.status, LoadStatus)
        assert result.status is not LoadStatus.MISSING
        if result.status is not LoadStatus.OK:
            assert result.message  # never a silent change
        assert (result.pack is None) == (result.status is LoadStatus.FAILED)
        stored = [p.read_bytes() for p in store.root.rglob("*") if p.is_file()]
        assert data in stored  # kept as is, set aside, or left untouched: never lost
        store.list()


@SETTINGS
@given(YAMLISH, st.booleans())
def test_yamlish_text_never_raises(text: str, with_backup: bool) -> None:
    _check(text.encode("utf-8", "surrogatepass"), with_backup)


@SETTINGS
@given(st.binary(max_size=2000), st.booleans())
def test_arbitrary_bytes_never_raise(data: bytes, with_backup: bool) -> None:
    _check(data, with_backup)
