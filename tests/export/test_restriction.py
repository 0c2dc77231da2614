"""Restrictions travel with every export: a banner at the top, and a mark on each restricted item."""

from __future__ import annotations

import pytest

from scrbrowse.corpus import Corpus
from scrbrowse.export import FORMATS, export_document, export_pack
from scrbrowse.packs import Pack, item_from_document

WORDING_START = "The SCR report has not yet been published due to ongoing criminal proceedings."


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", FORMATS)
def test_child_s_banner_comes_first(corpus: Corpus, fmt: str) -> None:
    doc = corpus.get("child-s-learning-briefing")
    assert doc is not None and doc.restriction is not None
    out = export_document(doc, fmt)
    body = out.split("<main>", 1)[1] if fmt == "html" else out
    first_text = _flat(body)[:400]
    assert "PROFESSIONALS ONLY" in first_text
    assert WORDING_START in first_text
    assert _flat(body).index("PROFESSIONALS ONLY") < _flat(body).index(doc.title)


@pytest.mark.parametrize("fmt", FORMATS)
def test_unrestricted_document_has_no_banner(corpus: Corpus, fmt: str) -> None:
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None
    assert "PROFESSIONALS ONLY" not in export_document(doc, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_pack_banner_and_each_restricted_item_marked(session_pack: Pack, fmt: str) -> None:
    out = _flat(export_pack(session_pack, fmt))
    body = out.split("<main>", 1)[1] if fmt == "html" else out
    assert body.index("PROFESSIONALS ONLY") < body.index(session_pack.title)
    assert "Items 1 and 4, from Child S (area not stated), are restricted" in body
    # one banner + one mark per restricted item (2) + the footer reminder
    restricted = [it for it in session_pack.items if it.restricted]
    assert len(restricted) == 2
    assert body.count("PROFESSIONALS ONLY") == 1 + len(restricted) + 1
    # each mark sits between its item's heading and its text
    for n, it in enumerate(session_pack.items, 1):
        start = body.index(f"{n}. {it.label}")
        end = body.index(it.text.split("\n")[0][:30], start)
        assert ("PROFESSIONALS ONLY" in body[start:end]) == it.restricted


@pytest.mark.parametrize("fmt", FORMATS)
def test_pack_without_restricted_items_has_no_banner(corpus: Corpus, fmt: str) -> None:
    pack = Pack("p", "Plain", "2024-01-01")
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None
    pack.add(item_from_document(doc, "lp-1"))
    assert "PROFESSIONALS ONLY" not in export_pack(pack, fmt)


def test_restriction_in_pack_is_the_snapshot(corpus: Corpus, session_pack: Pack) -> None:
    """The wording comes from the item, not the corpus: it survives the corpus changing."""
    item = session_pack.items[0]
    assert item.restriction is not None
    assert item.restriction.wording.startswith(WORDING_START)
