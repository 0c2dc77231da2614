"""Fidelity: the hand-made corpus holds every item of the five source documents, in their wording.

The sources are read independently of the corpus: every bullet/numbered/✓/✚ line is an item that must
be its own corpus item, a bold learning point followed by questions is split into the point and each
question, and every narrative paragraph must appear somewhere in its record. Only whitespace, bullet
markers, `**` and link markup are ignored.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scrbrowse.corpus import Corpus
from scrbrowse.model import Document

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents not found at {SEEDS}")

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ANGLE_URL = re.compile(r"<(https?://[^>]+)>")
_BULLET = re.compile(r"^\s*(?:(?:[-•✓✚]|\d+[.)])\s+)+")
_BOLD_THEN_QUESTIONS = re.compile(r"^\*\*(?P<point>.+?)\*\*\s*(?P<rest>.*\?)\s*$")


def norm(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _ANGLE_URL.sub(r"\1", text)
    text = text.replace("**", "")
    # A title whose description sits on the next line ends with a dangling dash.
    return " ".join(text.split()).rstrip(" –-")


def split_questions(text: str) -> list[str]:
    return [q.strip() for q in re.findall(r"[^?]+\?", text) if q.strip()]


def source_items(path: Path) -> list[str]:
    """Every list item in a source, as the corpus should hold it (one entry per item)."""
    out: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not _BULLET.match(raw):
            continue
        line = _BULLET.sub("", raw).strip()
        m = _BOLD_THEN_QUESTIONS.match(line)
        if m and m.group("point").rstrip().endswith("."):
            out.append(norm(m.group("point")))
            out.extend(norm(q) for q in split_questions(m.group("rest")))
        else:
            out.append(norm(line))
    return out


def source_paragraphs(path: Path) -> list[str]:
    """Narrative paragraphs (long, non-list lines): each must appear in its record's text."""
    return [norm(line) for line in path.read_text(encoding="utf-8").splitlines()
            if len(line.strip()) >= 60 and not _BULLET.match(line)]


def corpus_items(doc: Document) -> list[str]:
    items: list[str] = []
    for s in doc.sections:
        items.extend(s.items)
    for group in (doc.learning_points, doc.good_practice, doc.areas_to_strengthen, doc.key_messages,
                  doc.one_thing, doc.common_themes):
        items.extend(i.text for i in group)
    items.extend(q.text for q in doc.reflective_questions)
    for r in doc.recommendations:
        items.append(r.text)
        items.extend(r.points)
    for res in doc.resources:
        # A resource line in a source is "Title – description" or a bare title.
        items.append(res.title)
        if res.description:
            items.append(f"{res.title} – {res.description}")
            items.append(f"{res.title} - {res.description}")
            items.append(f"{res.title} {res.description}")
    return [norm(i) for i in items]


def full_text(doc: Document) -> str:
    parts = [doc.title, doc.restriction.wording if doc.restriction else ""]
    parts += [p.text for p in doc.passages()]
    parts += [resp.text for r in doc.recommendations for resp in r.responses]
    return norm(" ".join(parts))


def docs_from(corpus: Corpus, source: str) -> list[Document]:
    return [d for d in corpus.documents.values() if d.source == source]


SOURCES = sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def test_every_source_has_a_record(corpus: Corpus) -> None:
    assert len(SOURCES) == 5
    for name in SOURCES:
        assert len(docs_from(corpus, name)) == 1, f"{name} should be the source of exactly one record"


@pytest.mark.parametrize("source", SOURCES)
def test_every_source_item_is_its_own_corpus_item(corpus: Corpus, source: str) -> None:
    (doc,) = docs_from(corpus, source)
    have = corpus_items(doc)
    missing = []
    for item in source_items(SEEDS / source):
        # The item must be a corpus item on its own: equal, or the item's whole text with at most a
        # resource description/title around it (never buried inside a longer learning point).
        if not any(item == h or (item in h and len(item) >= 0.5 * len(h)) for h in have):
            missing.append(item)
    assert not missing, f"{source}: items not found as their own corpus items:\n" + "\n".join(missing)


@pytest.mark.parametrize("source", SOURCES)
def test_every_narrative_paragraph_is_kept(corpus: Corpus, source: str) -> None:
    (doc,) = docs_from(corpus, source)
    text = full_text(doc)
    missing = [p for p in source_paragraphs(SEEDS / source) if p not in text]
    assert not missing, f"{source}: paragraphs missing from {doc.id}:\n" + "\n".join(missing)


def test_counts_match_the_sources(corpus: Corpus) -> None:
    """Exact counts of the key lists, read from the sources by hand."""
    by_id = corpus.documents
    assert len(by_id["hampshire-child-k-learning-summary"].learning_points) == 9
    assert len(by_id["hampshire-child-k-learning-summary"].common_themes) == 3
    assert len(by_id["hampshire-child-k-learning-summary"].one_thing) == 1
    assert len(by_id["hampshire-child-k-board-response"].recommendations) == 4
    assert len(by_id["hampshire-child-k-board-response"].recommendations[2].points) == 5
    wilts = by_id["wiltshire-child-k-briefing-note"]
    assert len(wilts.learning_points) == 7
    assert len(wilts.reflective_questions) == 6
    assert all(q.learning_point for q in wilts.reflective_questions)
    child_s = by_id["child-s-learning-briefing"]
    assert [q.number for q in child_s.reflective_questions] == list(range(1, 10))
    assert len(child_s.good_practice) == 8
    assert len(child_s.areas_to_strengthen) == 7
    assert len(by_id["oxfordshire-child-n-learning-summary"].learning_points) == 8


def test_same_review_is_linked_and_same_pseudonym_is_not(corpus: Corpus) -> None:
    summary = corpus.documents["hampshire-child-k-learning-summary"]
    response = corpus.documents["hampshire-child-k-board-response"]
    wilts = corpus.documents["wiltshire-child-k-briefing-note"]
    assert summary.review == response.review
    assert [d.id for d in corpus.linked(summary)] == [response.id]
    assert wilts.review.child == summary.review.child == "Child K"
    assert wilts.review.id != summary.review.id
    assert wilts.review.display == "Child K (Wiltshire)"
    assert summary.review.display == "Child K (Hampshire)"
    assert corpus.linked(wilts) == []


def test_child_s_restriction_carries_the_source_wording(corpus: Corpus) -> None:
    doc = corpus.documents["child-s-learning-briefing"]
    assert doc.restriction is not None
    assert doc.restriction.level == "professionals-only"
    seed = norm((SEEDS / doc.source).read_text(encoding="utf-8"))
    assert norm(doc.restriction.wording) in seed
    assert "professionals only" in doc.restriction.wording
    assert [d.id for d in corpus.documents.values() if d.restricted] == [doc.id]


def test_every_tag_exists_in_the_taxonomy(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        assert doc.themes, f"{doc.id} has no document-level themes"
        assert doc.agencies, f"{doc.id} has no document-level agencies"
        assert doc.all_themes() <= set(corpus.taxonomy.themes)
        assert doc.all_agencies() <= set(corpus.taxonomy.agencies)
        assert doc.doc_type in corpus.taxonomy.doc_types
        assert doc.review.review_type in corpus.taxonomy.review_types
