"""Word (.docx): headings from paragraph styles, items from list styles and numbering, tables.

The zip is checked before python-docx opens it: a small .docx can expand to gigabytes (a zip bomb),
and python-docx would read it all into memory and parse it. The sizes checked are the ones the zip
declares for each part; Python's zipfile never inflates a part beyond its declared size (a part that
lies about it fails its checksum and is reported as damaged), so the check bounds the real work.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ..blocks import Block, Kind, Link, make_block, split_marker, table_to_blocks
from ..limits import DEFAULT_LIMITS, LimitReached, Limits
from ..sources import MIB, Unreadable
from .base import Extraction

# Everything, pictures included (those are not parsed, only held in memory).
MAX_UNZIPPED_BYTES = 200 * MIB
MAX_ZIP_ENTRIES = 5_000
_HEADING_STYLE = re.compile(r"^heading\s*(\d)?", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _check_zip(data: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise Unreadable("the Word document is damaged (not a readable zip file)") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise Unreadable(f"the Word document has {len(infos):,} parts; it may be damaged")
    xml = sum(i.file_size for i in infos if _is_xml(i.filename))
    if xml > limits.max_xml_bytes:
        raise LimitReached("max_xml_mb", f"the Word document's text parts unpack to {xml / MIB:,.1f} MB "
                           f"of XML; the limit is {limits.max_xml_mb:,} MB (it may be damaged or "
                           "built to exhaust memory)")
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise Unreadable(f"the Word document unpacks to more than {MAX_UNZIPPED_BYTES // MIB} MB; "
                         "it may be damaged or built to exhaust memory")


def extract_docx(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Extraction:
    _check_zip(data, limits)
    import docx  # imported here: only ingest of .docx files pays for it

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise Unreadable(f"the Word document could not be opened; it may be damaged "
                         f"({exc.__class__.__name__})") from None
    numbering = _NumberFormats(document)
    blocks: list[Block] = []
    hints: dict[str, str] = {}
    try:
        props = document.core_properties
        if props.title:
            hints["title"] = str(props.title)
        if props.created:
            hints["created"] = props.created.date().isoformat()
    except Exception:  # core properties are optional decoration; a bad one changes nothing
        pass
    notes: list[str] = []
    chars = 0
    for part in document.iter_inner_content():
        if isinstance(part, docx.table.Table):
            new = table_to_blocks(_table_rows(part))
        else:
            b = _paragraph_block(part, numbering)
            new = [b] if b is not None else []
        blocks.extend(new)
        chars += sum(len(b.text) + 1 for b in new)
        if chars > limits.max_text_chars:
            # The rest would be cut anyway; stop reading rather than build what is thrown away.
            notes.append(f"text: the document has more than {limits.max_text_chars:,} characters "
                         "of text; only the beginning was read")
            break
    return Extraction(blocks, notes, hints=hints)


def _table_rows(table: Any) -> list[list[str]]:
    rows = []
    for row in table.rows:
        rows.append([cell.text for cell in row.cells])
    return rows


def _paragraph_block(p: Any, numbering: _NumberFormats) -> Block | None:
    raw = p.text or ""
    if not raw.strip():
        return None
    style = (p.style.name if p.style is not None else "") or ""
    links = [Link(h.text.strip(), h.address or None) for h in getattr(p, "hyperlinks", [])
             if h.text and h.text.strip()]
    lead = _bold_lead(p)
    m = _HEADING_STYLE.match(style)
    if style.lower() == "title":
        b = make_block(Kind.HEADING, raw, level=1, hinted=True, title_hint=True)
    elif m:
        b = make_block(Kind.HEADING, raw, level=int(m.group(1) or 1), hinted=True)
    else:
        list_format = numbering.format_of(p)
        if list_format is not None or "list" in style.lower():
            numbered = (list_format not in (None, "bullet", "none")) or "number" in style.lower()
            number = numbering.next_number(p) if numbered else None
            marker, typed_number, rest = split_marker(raw)
            b = make_block(Kind.ITEM, rest, marker=marker or ("•" if not numbered else None),
                           number=typed_number or number)
        else:
            marker, number, rest = split_marker(raw)  # bullets typed as characters
            if marker is not None or number is not None:
                b = make_block(Kind.ITEM, rest, marker=marker, number=number)
            elif lead is not None and lead == raw.strip() and len(raw.split()) <= 12:
                b = make_block(Kind.HEADING, raw, hinted=True)  # a short all-bold line
            else:
                b = make_block(Kind.PARA, raw)
    if b is None:
        return None
    if lead and b.kind is not Kind.HEADING and lead != b.text:
        b.lead = lead
    b.links.extend(link for link in links if link not in b.links)
    return b


def _bold_lead(p: Any) -> str | None:
    """The bold words a paragraph opens with, if any."""
    words: list[str] = []
    for run in p.runs:
        text = run.text or ""
        if not text.strip():
            if words:
                words.append(text)
            continue
        if run.bold:
            words.append(text)
        else:
            break
    lead = "".join(words).strip()
    return lead or None


class _NumberFormats:
    """Reads list numbering from the document: whether a list paragraph is numbered, and its number.

    python-docx does not compute list numbers, so we count them per list (numId) and level.
    """

    def __init__(self, document: Any) -> None:
        self._formats: dict[tuple[str, str], str] = {}
        self._counters: dict[tuple[str, str], int] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: no numbered lists
            return
        abstract: dict[str, dict[str, str]] = {}
        for an in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                levels[lvl.get(f"{_W}ilvl", "0")] = fmt.get(f"{_W}val", "") if fmt is not None else ""
            abstract[an.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, fmt in abstract.get(ref.get(f"{_W}val", ""), {}).items():
                self._formats[(num.get(f"{_W}numId", ""), ilvl)] = fmt

    @staticmethod
    def _key(p: Any) -> tuple[str, str] | None:
        ppr = p._p.pPr
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return str(num_pr.numId.val), str(ilvl)

    def format_of(self, p: Any) -> str | None:
        key = self._key(p)
        if key is None:
            return None
        return self._formats.get(key, "decimal")

    def next_number(self, p: Any) -> str | None:
        key = self._key(p) or ("style", "0")
        self._counters[key] = self._counters.get(key, 0) + 1
        return str(self._counters[key])
