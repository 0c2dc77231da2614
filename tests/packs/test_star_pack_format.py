"""The pack file with the session conveniences (issue 14, build item 6): a header with optional
practitioner initials and a session date, the supervisor's own questions and notes, and the draft
mark. Each round-trips through the store; a file written before them still loads and saves back
byte for byte; files stay 0600."""

from __future__ import annotations

import stat
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from scrbrowse.corpus import Corpus
from scrbrowse.export import export_pack
from scrbrowse.packs import (
    OWN_NOTE,
    OWN_QUESTION,
    LoadStatus,
    Pack,
    PackError,
    PackStore,
    dump_pack,
    item_from_document,
    own_item,
)

OLD_FILE = """\
# A scrbrowse session pack. Edit with care: scrbrowse checks this file when it loads.
schema_version: 1
title: Old session
created: '2024-05-14'
notes: ''
items:
- kind: question
  doc_id: child-s-learning-briefing
  item_id: q-1
  heading: Consider the following
  number: '1'
  text: Do I always speak to both parents?
  citation:
    review: Child S (area not stated)
    review_id: child-s
    board: null
    document: Child S learning briefing
    published: '2021'
  restriction:
    level: professionals-only
    wording: Not for sharing.
  notes: ''
"""


def _full_pack(corpus: Corpus) -> Pack:
    doc = corpus.get("child-s-learning-briefing")
    assert doc is not None
    pack = Pack("with-header", "Supervision with AB", "2024-05-14", practitioner="AB",
                session_date="2024-05-20", notes="Session notes")
    pack.add(item_from_document(doc, "q-1"))
    pack.add(own_item(OWN_QUESTION, "What would you do differently next time?"))
    pack.add(own_item(OWN_NOTE, "Come back to the chronology.\nSecond line."))
    return pack


def test_new_fields_round_trip(store: PackStore, corpus: Corpus) -> None:
    pack = _full_pack(corpus)
    pack.items[0] = replace(pack.items[0], draft=True)
    store.save(pack)
    result = store.load("with-header")
    assert result.status == LoadStatus.OK, result.message
    loaded = result.pack
    assert loaded is not None
    assert loaded == pack
    assert loaded.practitioner == "AB" and loaded.session_date == "2024-05-20"
    assert [i.kind for i in loaded.items] == ["question", OWN_QUESTION, OWN_NOTE]
    assert loaded.items[0].draft and not loaded.items[1].draft
    assert loaded.items[1].own and loaded.items[1].text == "What would you do differently next time?"
    assert loaded.citations() == [pack.items[0].citation]  # own words cite nothing
    assert dump_pack(loaded) == dump_pack(pack)


def test_old_file_still_loads_and_saves_back_unchanged(store: PackStore) -> None:
    store.root.mkdir(parents=True, exist_ok=True)
    path = store.path("old-session")
    path.write_text(OLD_FILE, encoding="utf-8")
    result = store.load("old-session")
    assert result.status == LoadStatus.OK, result.message
    pack = result.pack
    assert pack is not None and pack.practitioner == "" and pack.session_date is None
    assert not pack.items[0].draft and not pack.items[0].own
    assert dump_pack(pack) == OLD_FILE


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_files_stay_private(store: PackStore, corpus: Corpus) -> None:
    store.save(_full_pack(corpus))
    mode = stat.S_IMODE(Path(store.path("with-header")).stat().st_mode)
    assert mode == 0o600


def test_initials_are_short_and_on_one_line(store: PackStore) -> None:
    pack = Pack("initials", "Initials", "2024-05-14", practitioner="A B\nC" + "x" * 40)
    store.save(pack)
    loaded = store.load("initials").pack
    assert loaded is not None and "\n" not in loaded.practitioner
    assert len(loaded.practitioner) <= 12 and loaded.practitioner.startswith("A B C")


def test_bad_session_date_is_kept_with_a_warning(store: PackStore) -> None:
    store.root.mkdir(parents=True, exist_ok=True)
    store.path("dated").write_text(OLD_FILE.replace("notes: ''\nitems:",
                                                    "session_date: next tuesday\nnotes: ''\nitems:"),
                                   encoding="utf-8")
    result = store.load("dated")
    assert result.pack is not None and result.pack.session_date == "next tuesday"
    assert any("session_date" in (p.field or "") for p in result.problems)


def test_own_items_need_text() -> None:
    with pytest.raises(PackError):
        own_item(OWN_NOTE, "   ")


def test_export_shows_header_own_items_and_drafts(corpus: Corpus) -> None:
    pack = _full_pack(corpus)
    for fmt in ("md", "txt", "html"):
        out = export_pack(pack, fmt)
        assert "Practitioner" in out and "AB" in out and "2024-05-20" in out, fmt
        assert "Own question" in out and "What would you do differently next time?" in out, fmt
        assert "Come back to the chronology." in out, fmt
    draft_doc = corpus.get("hampshire-child-k-learning-summary")
    assert draft_doc is not None
    drafted = Pack("d", "Drafts", "2024-05-14")
    drafted.add(item_from_document(replace(draft_doc, draft=True),
                                   draft_doc.learning_points[0].id))
    for fmt in ("md", "txt", "html"):
        assert "DRAFT — not yet checked" in export_pack(drafted, fmt), fmt
    assert "DRAFT" not in export_pack(pack, "md")


def test_document_export_of_a_draft_says_so(corpus: Corpus) -> None:
    from scrbrowse.export import export_document

    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None
    for fmt in ("md", "txt", "html"):
        assert "DRAFT — not yet checked" in export_document(replace(doc, draft=True), fmt), fmt
        assert "DRAFT" not in export_document(doc, fmt), fmt


def test_cli_shows_the_header_and_own_items(corpus: Corpus,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from scrbrowse.cli import main

    store = PackStore()
    store.save(_full_pack(corpus))
    assert main(["pack", "show", "with-header"]) == 0
    out = capsys.readouterr().out
    assert "session date 2024-05-20 · practitioner AB" in out
    assert "2. Own question\n" in out and "Added by the supervisor" not in out
