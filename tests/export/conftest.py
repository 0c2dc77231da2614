"""Fixtures for export tests: the golden session pack, and documents full of hostile text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scrbrowse.corpus import Corpus, load_corpus
from scrbrowse.model import (
    Document,
    Item,
    Question,
    Recommendation,
    Resource,
    Response,
    Restriction,
    Review,
    Section,
)
from scrbrowse.packs import Pack, item_from_document

HOSTILE_RECORD = Path(__file__).resolve().parents[1] / "fixtures" / "hostile-record.yaml"

# Raw text that tries to act on a terminal, a Markdown renderer, a browser or the app.
ESC_TEXT = "\x1b[31mRED\x1b[0m \x1b]52;c;aGVsbG8=\x07 \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"
CONTROL_TEXT = "bell\x07 back\x08space nul\x00 c1\x9b31m del\x7f"
BIDI_TEXT = "bidi \u202eevil\u202c \u2066iso\u2069 \u200fmark"
MARKUP_TEXT = "[b]bold[/b] [@click=app.quit]Quit[/] [link=http://evil.example]x[/link] [/"
HTML_TEXT = "<script>alert(1)</script> <img src=http://evil.example/x.png> <a href=//evil.example>a</a>"
MD_TEXT = ("[click](javascript:alert(1)) ](javascript:alert(2)) ![img](http://evil.example/i.png) "
           "**bold** _em_ `code` | cell | ~~strike~~ &amp; <http://evil.example>")
LINE_START_TEXT = "# heading\n- bullet\n1. ordered\n> quote\n===\n    indented code"


def hostile_document() -> Document:
    """Built directly (not through the loader, which already strips control characters), so the
    exporters' own cleaning and escaping are what is tested."""
    nasty = " ".join((ESC_TEXT, CONTROL_TEXT, BIDI_TEXT, MARKUP_TEXT, HTML_TEXT, MD_TEXT))
    return Document(
        id="hostile-doc", title=f"Title {MARKUP_TEXT} {HTML_TEXT} {ESC_TEXT}",
        doc_type="learning-summary", source="hostile.txt",
        review=Review("hostile-review", f"Child {MARKUP_TEXT}", "scr", f"Area {BIDI_TEXT}",
                      f"Board {MD_TEXT}", None),
        published="2020", restriction=Restriction("professionals-only", f"Only {nasty}"),
        sections=(Section("s-1", f"Heading {MD_TEXT}", "case-summary",
                          f"{nasty}\n\n{LINE_START_TEXT}", (nasty,)),),
        learning_points=(Item("lp-1", f"Lead {nasty}", lead="Lead", section=f"Sec {HTML_TEXT}"),),
        reflective_questions=(Question("q-1", f"Question {nasty}?", 1),),
        recommendations=(Recommendation("rec-1", f"Rec {nasty}", "1", (nasty,), "Board",
                                        (Response(f"By {HTML_TEXT}", nasty),)),),
        good_practice=(Item("gp-1", nasty),),
        resources=(Resource("res-1", f"Res {HTML_TEXT}", "javascript:alert(1)",
                            f"See http://evil.example/a_b and //evil.example/x {nasty}"),),
    )


@pytest.fixture
def hostile_doc() -> Document:
    return hostile_document()


@pytest.fixture
def hostile_loaded(tmp_path: Path, bundled_corpus_dir: Path) -> Document:
    """The shared hostile fixture record, through the real loader."""
    root = tmp_path / "hostile-corpus"
    root.mkdir()
    shutil.copy(bundled_corpus_dir / "taxonomy.yaml", root)
    shutil.copy(HOSTILE_RECORD, root)
    corpus = load_corpus(root)
    doc = corpus.get("hostile-markup-test")
    assert doc is not None, [p.format() for p in corpus.problems]
    return doc


def build_session_pack(corpus: Corpus) -> Pack:
    """The golden pack: a Child S question (restricted) and a Hampshire learning point, as the
    brief asks, plus one item of every other shape a pack can hold."""
    pack = Pack("safe-sleep-session", "Safe sleep: supervision with Sam", "2024-05-14",
                "Baby B, 8 weeks; parents co-sleeping after drinking.\nFocus: both parents.")

    def doc(doc_id: str) -> Document:
        d = corpus.get(doc_id)
        assert d is not None
        return d

    pack.add(item_from_document(doc("child-s-learning-briefing"), "q-1",
                                notes="Has anyone spoken to dad? <ask at next visit>"))
    pack.add(item_from_document(doc("hampshire-child-k-learning-summary"), "lp-6"))
    pack.add(item_from_document(doc("hampshire-child-k-board-response"), "rec-4"))
    pack.add(item_from_document(doc("child-s-learning-briefing"), "ats-7"))
    pack.add(item_from_document(doc("oxfordshire-child-n-learning-summary"), "res-2"))
    pack.add(item_from_document(doc("wiltshire-child-k-briefing-note")))
    return pack


@pytest.fixture
def session_pack(corpus: Corpus) -> Pack:
    return build_session_pack(corpus)
