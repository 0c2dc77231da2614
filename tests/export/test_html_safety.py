"""The HTML export is self-contained: no scripts, no external or any other resource references, no
links, and only a small set of tags and attributes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from scrbrowse.corpus import Corpus
from scrbrowse.export import export_document, export_pack
from scrbrowse.model import Document
from scrbrowse.packs import Pack

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "footer", "h1", "h2", "h3",
                "p", "br", "strong", "span", "div", "dl", "dt", "dd", "ul", "ol", "li", "article"}
ALLOWED_ATTRS = {"lang", "charset", "http-equiv", "content", "name", "class", "role", "value"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _all_html(corpus: Corpus, pack: Pack, hostile: Document) -> list[tuple[str, str]]:
    out = [(d.id, export_document(d, "html", taxonomy=corpus.taxonomy))
           for d in corpus.documents.values()]
    out.append(("pack", export_pack(pack, "html")))
    out.append(("hostile", export_document(hostile, "html")))
    return out


def test_no_scripts_no_external_resources(corpus: Corpus, session_pack: Pack,
                                          hostile_doc: Document) -> None:
    for name, page in _all_html(corpus, session_pack, hostile_doc):
        lower = page.lower()
        # Corpus text is escaped, so every "<" left is markup. Hostile text may *say* "src=" or
        # "url(" (as escaped text); the real corpus and packs must not even do that.
        markup = re.sub(r">[^<]*<", "><", lower) + re.sub(r"(?s).*<style>(.*)</style>.*", r"\1",
                                                          lower)
        checked = markup if name == "hostile" else lower
        assert "<script" not in lower, name
        assert re.search(r"""\b(?:src|href|srcset|action|poster|data)\s*=""", checked) is None, name
        assert re.search(r"""=\s*["']?(?:https?:)?//""", checked) is None, name
        assert "@import" not in checked, name
        assert "url(" not in checked, name
        assert "@font-face" not in checked, name
        assert "javascript:" not in markup, name


def test_only_known_tags_and_attributes(corpus: Corpus, session_pack: Pack,
                                        hostile_doc: Document) -> None:
    for name, page in _all_html(corpus, session_pack, hostile_doc):
        parser = _Collector()
        parser.feed(page)
        tags = {t for t, _ in parser.tags}
        assert tags <= ALLOWED_TAGS, (name, tags - ALLOWED_TAGS)
        attrs = {a for _, attrs in parser.tags for a, _ in attrs}
        assert attrs <= ALLOWED_ATTRS, (name, attrs - ALLOWED_ATTRS)
        for tag, tag_attrs in parser.tags:
            if ("content", None) in tag_attrs or any(a == "content" for a, _ in tag_attrs):
                assert tag == "meta"


@pytest.mark.parametrize("which", ["document", "pack"])
def test_print_stylesheet_and_content_security_policy(corpus: Corpus, session_pack: Pack,
                                                      which: str) -> None:
    doc = corpus.get("child-s-learning-briefing")
    assert doc is not None
    page = export_document(doc, "html") if which == "document" else export_pack(session_pack, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "@media print" in page
    assert "default-src 'none'" in page  # even a reference that slipped in would not load
    assert "<style>" in page


def test_addresses_are_text_not_links(corpus: Corpus) -> None:
    doc = corpus.get("oxfordshire-child-n-learning-summary")
    assert doc is not None
    page = export_document(doc, "html")
    assert '<span class="addr">http://oxfordshirescb.proceduresonline.com/</span>' in page
    assert "<a " not in page
