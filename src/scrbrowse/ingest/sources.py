"""Reading a source file: only regular files, within a size limit, whose content matches its name.

Every refusal is an `Unreadable` with one plain line saying what is wrong and what to do, so a batch
can report it and go on. The source is opened read-only and never written.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
# Documented in docs/adding-reviews.md. Learning briefings are a few pages; a full overview report
# with images can reach tens of megabytes. Text has no images, so a smaller limit is plenty.
MAX_SOURCE_BYTES: dict[str, int] = {
    ".pdf": 50 * MIB,
    ".docx": 50 * MIB,
    ".md": 5 * MIB,
    ".markdown": 5 * MIB,
    ".txt": 5 * MIB,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(MAX_SOURCE_BYTES)
FORMATS: dict[str, str] = {".pdf": "pdf", ".docx": "docx", ".md": "markdown", ".markdown": "markdown",
                           ".txt": "text"}

# What to tell people about formats we do not read.
_OTHER_FORMATS: dict[str, str] = {
    ".doc": "an old-format Word file: open it in Word and save it as .docx",
    ".rtf": "Rich Text: open it in Word and save it as .docx",
    ".odt": "an OpenDocument file: save it as .docx",
    ".pages": "a Pages file: export it as .docx or PDF",
    ".html": "a web page: save it as text (.txt) or print it to PDF",
    ".htm": "a web page: save it as text (.txt) or print it to PDF",
    ".yaml": "a corpus record already: copy it into the corpus folder instead",
    ".yml": "a corpus record already: copy it into the corpus folder instead",
}


class Unreadable(Exception):
    """A source that cannot be ingested. `reason` is one line for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    data: bytes
    sha256: str
    format: str  # "pdf", "docx", "markdown" or "text"

    @property
    def name(self) -> str:
        return self.path.name


def read_source(path: Path, *, follow_symlinks: bool = False) -> Source:
    """Read and check one source file, or raise Unreadable.

    A symbolic link is refused unless `follow_symlinks` (the person named links explicitly): a link
    called `notes.txt` may point at any file the user can read (`/etc/passwd`, a key file), and what
    it points at would end up in a shared corpus. Only regular files are read, never a pipe or device.
    """
    suffix = path.suffix.lower()
    if suffix not in MAX_SOURCE_BYTES:
        what = _OTHER_FORMATS.get(suffix)
        label = f"'{suffix}'" if suffix else "with no extension"
        if what:
            raise Unreadable(f"this is {what} (ingest reads .pdf, .docx, .md and .txt)")
        raise Unreadable(f"file type {label} is not supported; ingest reads .pdf, .docx, .md and .txt")
    try:
        lst = path.lstat()
        st = path.stat() if stat.S_ISLNK(lst.st_mode) and follow_symlinks else lst
    except FileNotFoundError:
        if path.is_symlink():
            raise Unreadable(f"a symbolic link to {_link_target(path)}, which does not exist") from None
        raise Unreadable("file not found") from None
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror or exc}") from None
    if stat.S_ISLNK(st.st_mode):
        raise Unreadable(f"a symbolic link to {_link_target(path)}; ingest does not follow links "
                         "unless asked: name the file itself, or use --follow-symlinks")
    if not stat.S_ISREG(st.st_mode):
        raise Unreadable(f"not a regular file: it is {_kind(st.st_mode)}")
    limit = MAX_SOURCE_BYTES[suffix]
    if st.st_size == 0:
        raise Unreadable("the file is empty")
    if st.st_size > limit:
        raise Unreadable(f"the file is {st.st_size / MIB:.1f} MB; the limit for {suffix} files is "
                         f"{limit // MIB} MB (split it, or save the learning pages on their own)")
    data = _read(path, limit, follow_symlinks)
    if len(data) > limit:  # it grew while we looked
        raise Unreadable(f"the file is larger than the {limit // MIB} MB limit for {suffix} files")
    if not data:
        raise Unreadable("the file is empty")
    fmt = FORMATS[suffix]
    _check_content(data, suffix, fmt)
    return Source(path, data, hashlib.sha256(data).hexdigest(), fmt)


def _read(path: Path, limit: int, follow_symlinks: bool) -> bytes:
    """At most limit + 1 bytes, read-only; the file is checked again once open, so a link or a pipe
    swapped in after the checks above is refused too (O_NOFOLLOW, O_NONBLOCK where the system has
    them)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if path.is_symlink() and not follow_symlinks:
            raise Unreadable(f"a symbolic link to {_link_target(path)}; ingest does not follow links "
                             "unless asked: name the file itself, or use --follow-symlinks") from None
        raise Unreadable(f"cannot read the file: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:  # read-only: the source is never modified
        mode = os.fstat(fh.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise Unreadable(f"not a regular file: it is {_kind(mode)}")
        try:
            return fh.read(limit + 1)
        except OSError as exc:
            raise Unreadable(f"cannot read the file: {exc.strerror or exc}") from None


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "another file"


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return name
    return "not an ordinary file"


def sniff(data: bytes) -> str:
    """What the bytes look like, whatever the file is called."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            return "damaged-zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "ppt/presentation.xml" in names:
            return "pptx"
        if "content.xml" in names:
            return "odf"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with a byte-order mark
    if b"\x00" in head:
        return "binary"
    return "text"


_DESCRIBE = {
    "pdf": "a PDF", "docx": "a Word (.docx) document", "zip": "a zip archive",
    "damaged-zip": "a damaged zip archive",
    "xlsx": "an Excel workbook", "pptx": "a PowerPoint file", "odf": "an OpenDocument file",
    "ole": "an old-format Office file (.doc/.xls)", "rtf": "a Rich Text (.rtf) file",
    "image": "an image", "binary": "binary data", "text": "plain text",
}
_RENAME = {"pdf": ".pdf", "docx": ".docx", "text": ".txt"}


def _check_content(data: bytes, suffix: str, fmt: str) -> None:
    kind = sniff(data)
    expected = {"pdf": ("pdf",), "docx": ("docx",), "markdown": ("text",), "text": ("text",)}[fmt]
    if kind in expected:
        return
    if kind == "damaged-zip" and fmt == "docx":
        raise Unreadable("the Word document is damaged: it cannot be opened (an interrupted "
                         "download or copy?)")
    what = _DESCRIBE.get(kind, kind)
    fix = f"rename it to {_RENAME[kind]}" if kind in _RENAME else "save it as .pdf, .docx or .txt"
    if kind == "ole" and fmt == "docx":
        fix = "open it in Word and save it as .docx"
    raise Unreadable(f"the name ends {suffix} but the content is {what}; {fix}")
