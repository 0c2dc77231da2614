"""Markdown exports read as plain text too: "&" stays "&" (issue 14: exports wrote "&amp;"), while
text that would render as an entity, a tag or structure is still escaped."""

from __future__ import annotations

from markdown_it import MarkdownIt

from scrbrowse.export import markdown


def _render(text: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).render(text)


def test_ampersand_is_kept_as_written() -> None:
    out = markdown.inline("Police & health visitors: A&E, B&B")
    assert out == "Police & health visitors: A&E, B&B"
    assert "&amp;" not in out


def test_text_that_looks_like_an_entity_stays_literal() -> None:
    out = markdown.inline("write &amp; or &#60; or &copy;")
    html = _render(out)
    # Rendered, the reader sees exactly what was written (the HTML shows it escaped once).
    assert "&amp;amp;" in html and "&amp;#60;" in html and "&amp;copy;" in html


def test_angle_brackets_never_become_html() -> None:
    out = markdown.inline("<ask at next visit> <b>x</b>")
    assert out == "\\<ask at next visit\\> \\<b\\>x\\</b\\>"
    html = _render(out)
    assert "<b>" not in html and "&lt;ask at next visit&gt;" in html
