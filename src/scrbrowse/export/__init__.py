"""Exports of a document or a pack: Markdown, plain text and self-contained printable HTML.

No Textual and no I/O except `export_to_file`. Output is deterministic (no timestamps unless
`generated` is passed), so the same input always gives the same bytes. Every format carries the
citations and shows any restriction as a banner at the top and next to each restricted pack item.

    text = export_document(doc, "html", taxonomy=corpus.taxonomy, linked=corpus.linked(doc))
    text = export_pack(pack, "md")
    export_to_file(text, path)            # ExportExistsError unless force=True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Literal

from ..model import Document
from ..packs import Pack
from ..taxonomy import Taxonomy
from . import html, markdown, plaintext
from .blocks import ExportDoc
from .document import build_document
from .files import ExportExistsError, ExportTargetError, export_to_file
from .pack import build_pack

Format = Literal["md", "txt", "html"]
FORMATS: tuple[str, ...] = ("md", "txt", "html")
FORMAT_LABELS = {"md": "Markdown", "txt": "Plain text", "html": "Printable HTML"}
EXTENSIONS = {"md": ".md", "txt": ".txt", "html": ".html"}

_RENDERERS: dict[str, Callable[[ExportDoc], str]] = {
    "md": markdown.render,
    "txt": plaintext.render,
    "html": html.render,
}


def _renderer(fmt: str) -> Callable[[ExportDoc], str]:
    try:
        return _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format '{fmt}'; use one of: {', '.join(FORMATS)}") from None


def export_document(doc: Document, fmt: str, *, taxonomy: Taxonomy | None = None,
                    linked: Sequence[Document] = (), generated: str | None = None) -> str:
    """Every part of one document. `taxonomy` gives labels instead of ids; `linked` lists the other
    documents of the same review (`corpus.linked(doc)`); `generated` adds "Exported <generated>"."""
    return _renderer(fmt)(build_document(doc, taxonomy, linked, generated))


def export_pack(pack: Pack, fmt: str, *, generated: str | None = None) -> str:
    """A session pack from its snapshots (no corpus needed)."""
    return _renderer(fmt)(build_pack(pack, generated))


_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt",
                   ".html": "html", ".htm": "html"}


def format_from_path(path: str, default: str = "md") -> str:
    """"session.html" -> "html"; an unknown or missing extension gives `default`."""
    return _SUFFIX_FORMATS.get(PurePath(path).suffix.lower(), default)


def default_filename(name: str, fmt: str) -> str:
    """A file name for an export: the document id or pack name plus the format's extension."""
    return f"{name}{EXTENSIONS.get(fmt, '.' + fmt)}"


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "FORMAT_LABELS",
    "ExportExistsError",
    "ExportTargetError",
    "Format",
    "default_filename",
    "export_document",
    "export_pack",
    "export_to_file",
    "format_from_path",
]
