"""Safe YAML reading with line numbers, and atomic file writing.

Corpus files, packs and config come from people and other tools, so reading is defensive:
`yaml.SafeLoader` (no Python tags), no anchors/aliases (alias bombs), bounded nesting and size,
UTF-8 only. Mappings come back as `LineDict`, which remembers the line of each key so messages can
point at `file:line`.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node

from .portable import fsync_dir, replace_file, set_fd_mode

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 20


class YamlFileError(Exception):
    """A file that cannot be read as YAML at all. `line` is 1-based, or None."""

    def __init__(self, message: str, line: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


class LineDict(dict[str, Any]):
    """A dict that knows the 1-based line of each key (and of itself)."""

    line: int = 0
    key_lines: dict[str, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases and deep nesting, and records lines."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, AliasEvent):
            raise YamlFileError(
                f"YAML alias '*{event.anchor}' is not allowed",
                line,
                "write the value out in full; anchors and aliases are refused "
                "(they can expand to huge data)",
            )
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise YamlFileError(
                f"YAML anchor '&{event.anchor}' is not allowed",
                line,
                "remove the anchor and write the value out in full",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlFileError(
                    f"nesting deeper than {MAX_DEPTH} levels",
                    line,
                    "corpus records are at most a few levels deep; check the indentation",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        self.flatten_mapping(node)
        out = LineDict()
        out.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise YamlFileError(
                    f"key '{key}' appears twice in the same mapping",
                    key_node.start_mark.line + 1,
                    "remove or rename one of them",
                )
            out[key] = self.construct_object(value_node, deep=True)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out


def _construct_map(loader: _GuardedLoader, node: MappingNode) -> LineDict:
    return loader.construct_mapping(node)


_GuardedLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def decode_text(data: bytes, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Bytes to text, refusing what is not a reasonably sized UTF-8 text file."""
    if len(data) > max_bytes:
        raise YamlFileError(
            f"file is {len(data):,} bytes; the limit is {max_bytes:,}",
            None,
            "split it into smaller files; a review record is normally a few kilobytes",
        )
    if b"\x00" in data:
        raise YamlFileError(
            "file contains NUL bytes: it looks binary, not YAML text",
            data[: data.index(b"\x00")].count(b"\n") + 1,
            "remove it from the corpus folder, or re-save it as UTF-8 text",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlFileError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            line,
            "re-save the file with UTF-8 encoding",
        ) from None
    return text


# Anything that could be an anchor or alias (`&name`, `*name` after a space, bracket, comma, colon or
# dash), or a control character: such text takes the careful pure-Python path, which names the problem.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]", re.MULTILINE)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_FastBase: Any = getattr(yaml, "CSafeLoader", None)
if _FastBase is not None:

    class _FastLoader(_FastBase):
        """libyaml's C parser for the common case; ~10x faster than the pure-Python one."""

        construct_mapping = _GuardedLoader.construct_mapping

    _FastLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def _too_deep(node: Node) -> bool:
    stack: list[tuple[Node, int]] = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(current, MappingNode):
            for k, v in current.value:
                stack.append((k, depth + 1))
                stack.append((v, depth + 1))
        elif isinstance(current.value, list):
            stack.extend((child, depth + 1) for child in current.value)
    return False


def _parse_fast(text: str) -> tuple[bool, Any]:
    """(True, data) when the C parser could read the text safely; (False, None) to use the careful path."""
    if _FastBase is None or _MAYBE_ANCHOR.search(text) or _CONTROL_CHARS.search(text):
        return False, None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return True, None
        if _too_deep(node):
            return False, None
        return True, loader.construct_document(node)
    except YamlFileError:
        raise
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return False, None  # the careful path gives the precise message
    finally:
        loader.dispose()


def parse_yaml(text: str) -> Any:
    """Parse one YAML document safely; raise YamlFileError with a line on any problem."""
    ok, data = _parse_fast(text)
    if ok:
        return data
    loader: _GuardedLoader | None = None
    try:
        loader = _GuardedLoader(text)
        return loader.get_single_data()
    except YamlFileError:
        raise
    except yaml.reader.ReaderError as exc:
        raise YamlFileError(
            f"character U+{exc.character:04X} is not allowed in YAML" if isinstance(exc.character, int)
            else "a character is not allowed in YAML",
            text[: exc.position].count("\n") + 1,
            "remove control characters; re-save the file as plain UTF-8 text",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or str(exc)
        if exc.context:
            what = f"{exc.context}, {what}"
        raise YamlFileError(
            f"YAML syntax error: {what}",
            line,
            "check indentation, and quote text that contains ': ' or starts with a symbol",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(f"YAML error: {exc}", None, None) from None
    except RecursionError:
        raise YamlFileError("nesting too deep", None, "check the indentation") from None
    finally:
        if loader is not None:
            loader.dispose()


def read_yaml_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Any:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlFileError(
                f"file is {size:,} bytes; the limit is {max_bytes:,}",
                None,
                "split it into smaller files; a review record is normally a few kilobytes",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise YamlFileError(f"cannot read file: {exc.strerror or exc}", None, None) from None
    return parse_yaml(decode_text(data, max_bytes))


def atomic_write_text(path: Path, text: str | bytes, mode: int = 0o644) -> None:
    """Write via a temporary file in the same folder, fsync, then rename over the target.
    Text is written as UTF-8 with its newlines as they are; bytes as they are.

    A crash leaves either the old file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        set_fd_mode(fd, tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def atomic_create_text(path: Path, text: str, mode: int = 0o644) -> None:
    """Create `path` with `text` atomically, raising FileExistsError if it exists, even if it appears
    meanwhile: a complete temporary file is hard-linked into place, and the link fails if the name is
    taken. A crash leaves no half-written file, and nothing existing is ever replaced."""
    if path.exists() or path.is_symlink():
        raise FileExistsError(str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        set_fd_mode(fd, tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:
            # A file system without hard links (some network shares): check, then rename.
            if path.exists() or path.is_symlink():
                raise FileExistsError(str(path)) from None
            replace_file(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    fsync_dir(path.parent)  # make the new name itself durable


def dump_yaml(data: Any) -> str:
    """Human-readable YAML: keys in insertion order, unicode kept, no aliases."""

    class _NoAliasDumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        if "\n" in value:
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
        return dumper.represent_scalar("tag:yaml.org,2002:str", value)

    _NoAliasDumper.add_representer(str, _str_presenter)
    _NoAliasDumper.add_representer(LineDict, _NoAliasDumper.represent_dict)
    return yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)
