"""Fixtures for pack tests: a store in a temporary folder with a fixed clock, and packed items."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from scrbrowse.corpus import Corpus
from scrbrowse.packs import Pack, PackItem, PackStore, item_from_document


class Clock:
    """A clock the test moves by hand, so set-aside and trash names are predictable."""

    def __init__(self) -> None:
        self.now = datetime(2024, 5, 14, 10, 0, 0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> PackStore:
    return PackStore(tmp_path / "packs", clock=clock)


@pytest.fixture
def q1(corpus: Corpus) -> PackItem:
    doc = corpus.get("child-s-learning-briefing")
    assert doc is not None
    return item_from_document(doc, "q-1")


@pytest.fixture
def lp6(corpus: Corpus) -> PackItem:
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None
    return item_from_document(doc, "lp-6")


@pytest.fixture
def saved_pack(store: PackStore, q1: PackItem, lp6: PackItem) -> Pack:
    pack = store.create("Safe sleep")
    pack.add(q1)
    pack.add(lp6)
    store.save(pack)
    return pack
