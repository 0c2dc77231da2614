"""Ingest: turn a review's learning document (PDF, Word, Markdown, text) into a draft corpus record.

Textual-free; the CLI (`scrbrowse ingest`) and the app both call `ingest_file` / `ingest_paths`.

    from scrbrowse.ingest import ingest_file
    result = ingest_file(Path("briefing.pdf"), corpus_dir)
    if result.ok:
        print(result.written, result.doc_id, len(result.checks), "things to check")
    else:
        print("skipped:", result.skipped)

The pipeline: sources (read safely) -> extract (format -> blocks) -> structure (headings, lists) ->
metadata (child, board, dates) -> tagging (taxonomy words) -> record (YAML + `draft:` checklist,
validated by the corpus loader) -> outdir (never overwrite without force, atomic writes).
"""

from __future__ import annotations

from .pipeline import IngestResult, Outcome, expand, ingest_file, ingest_paths, load_taxonomy_for
from .sources import MAX_SOURCE_BYTES, SUPPORTED_SUFFIXES

__all__ = [
    "MAX_SOURCE_BYTES",
    "SUPPORTED_SUFFIXES",
    "IngestResult",
    "Outcome",
    "expand",
    "ingest_file",
    "ingest_paths",
    "load_taxonomy_for",
]
