"""Hostile text (markup, escape sequences, control characters, bidi overrides, HTML, Markdown link
syntax) stays literal or is removed in every format; it never becomes structure or a link."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from scrbrowse.export import FORMATS, export_document, export_pack
from scrbrowse.model import Document
from scrbrowse.packs import Pack, item_from_document

FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def _outputs(doc: Document) -> dict[str, str]:
    pack = Pack("hostile", f"Pack {doc.title}", "2024-01-01", notes=doc.sections[0].text)
    for p in doc.passages():
        pack.add(item_from_document(doc, p.item_id, notes=p.text))
    pack.add(item_from_document(doc))
    out = {f"doc.{fmt}": export_document(doc, fmt) for fmt in FORMATS}
    out.update({f"pack.{fmt}": export_pack(pack, fmt) for fmt in FORMATS})
    return out


@pytest.mark.parametrize("source", ["built", "loaded"])
def test_no_control_escape_or_bidi_characters(source: str, hostile_doc: Document,
                                              hostile_loaded: Document) -> None:
    doc = hostile_doc if source == "built" else hostile_loaded
    for name, out in _outputs(doc).items():
        bad = FORBIDDEN_CHARS.findall(out.replace("\n", ""))
        assert bad == [], (name, bad)


def test_plain_text_keeps_markup_literal(hostile_doc: Document) -> None:
    for name, out in _outputs(hostile_doc).items():
        if name.endswith(".txt"):
            assert "[@click=app.quit]Quit[/]" in out
            assert "<script>alert(1)</script>" in out  # plain text: just characters
            assert "](javascript:alert(2))" in out


def test_html_escapes_everything(hostile_doc: Document) -> None:
    for name, out in _outputs(hostile_doc).items():
        if not name.endswith(".html"):
            continue
        assert "<script" not in out and "<img" not in out and "<a " not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert "[@click=app.quit]Quit[/]" in out  # not special in HTML: shown as is


def _render_md(text: str) -> str:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.render(text)


def test_markdown_renders_without_links_html_or_structure(hostile_doc: Document) -> None:
    for name, out in _outputs(hostile_doc).items():
        if not name.endswith(".md"):
            continue
        html = _render_md(out)
        assert "<script" not in html and "<img" not in html and "<iframe" not in html, name
        assert "<a " not in html, name
        assert "<table" not in html and "<del>" not in html, name
        # the markup survives as visible text
        assert "[@click=app.quit]Quit[/]" in html, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, name
        assert "**bold**" in html and "~~strike~~" in html, name
        # the only headings are the exporter's own (line starts were escaped)
        for m in re.finditer(r"<h\d>(.*?)</h\d>", html):
            assert not m.group(1).startswith("heading"), (name, m.group(1))


def test_markdown_addresses_are_code_not_links(hostile_doc: Document) -> None:
    html = _render_md(export_document(hostile_doc, "md"))
    assert "<code>http://evil.example/a_b</code>" in html
    assert 'href="http' not in html


def test_long_lines_and_large_fields_export(hostile_doc: Document) -> None:
    from dataclasses import replace

    from scrbrowse.model import Item

    big = replace(hostile_doc, learning_points=(Item("lp-9", "A" * 50_000 + " " + "word " * 20_000),))
    for fmt in FORMATS:
        out = export_document(big, fmt)
        assert "A" * 50_000 in out
