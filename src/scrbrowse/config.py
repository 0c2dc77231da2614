"""The user's config file (YAML in the platformdirs config folder): theme, default corpus, key bindings.

Example `config.yaml`:

    theme: textual-dark          # or textual-light, scrbrowse-high-contrast
    corpus: /path/to/our/corpus  # default corpus folder
    bindings:                    # binding id -> keys (comma-separated Textual key names)
      focus_search: "/,ctrl+f"
      quit: "q"

A broken file is reported and ignored (defaults are used); it is never overwritten without a backup.
Saving edits only the settings the program changed, in place, so the user's comments, order and
layout survive (in the file and in its backup); see `save_config`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from .logs import log
from .paths import config_dir
from .problems import Problem
from .yamlio import (
    LineDict,
    YamlFileError,
    atomic_write_text,
    dump_yaml,
    parse_yaml,
    read_yaml_file,
)

CONFIG_FILE = "config.yaml"
_KEYS = ("theme", "corpus", "index", "bindings")
_SCALARS = ("theme", "corpus", "index")


@dataclass
class Config:
    theme: str | None = None
    corpus: str | None = None
    index: str | None = None
    bindings: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    path: Path | None = None
    # The settings as last read or written, so saving writes only what the program changed since
    # (a line the user edited by hand meanwhile is left as they wrote it).
    saved: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def settings(self) -> dict[str, Any]:
        """The settings as they would be written: unset ones are None."""
        values: dict[str, Any] = {key: getattr(self, key) or None for key in _SCALARS}
        values["bindings"] = dict(self.bindings)
        return values


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    cfg = Config(path=path)
    if not path.exists():
        return cfg
    try:
        data = read_yaml_file(path, max_bytes=256 * 1024)
    except YamlFileError as exc:
        cfg.problems.append(Problem(str(path), exc.message, exc.line, None,
                                    (exc.hint or "fix the file") + "; defaults are used until then"))
        return cfg
    if data is None:
        return cfg
    if not isinstance(data, LineDict):
        cfg.problems.append(Problem(str(path), "the config must be a mapping", 1, None,
                                    "e.g. 'theme: textual-dark'; defaults are used until then"))
        return cfg
    for key in data:
        if key not in _KEYS:
            cfg.problems.append(Problem(str(path), f"unknown setting '{key}' (ignored)", data.line_of(key),
                                        key, f"settings are: {', '.join(_KEYS)}"))
    for key in ("theme", "corpus", "index"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            cfg.problems.append(Problem(str(path), "must be text (ignored)", data.line_of(key), key))
            continue
        setattr(cfg, key, value)
    bindings = data.get("bindings")
    if bindings is not None:
        if not isinstance(bindings, dict):
            cfg.problems.append(Problem(str(path), "must be a mapping of binding id to keys (ignored)",
                                        data.line_of("bindings"), "bindings",
                                        "e.g. bindings: {quit: 'q,ctrl+q'}"))
        else:
            for bid, keys in bindings.items():
                if isinstance(keys, str) and keys.strip():
                    cfg.bindings[str(bid)] = keys.strip()
                else:
                    cfg.problems.append(Problem(str(path), f"keys for '{bid}' must be text (ignored)",
                                                data.line_of("bindings"), f"bindings.{bid}"))
    cfg.saved = cfg.settings()
    return cfg


def save_config(cfg: Config, path: Path | None = None) -> Path:
    """Atomic write, mode 0600, keeping the previous file as config.yaml.bak.

    Only the settings changed since the file was read (or last saved) are written, as targeted
    edits of the file's text: comments, order, quoting and every other line stay as the user wrote
    them. Only when the file cannot be edited that way (it does not parse, or a changed setting is
    written in a form such as a flow mapping) is it written out whole; the backup then keeps it."""
    path = path or cfg.path or config_path()
    wanted = cfg.settings()
    changes = {key: value for key, value in wanted.items()
               if key == "bindings" or value != cfg.saved.get(key)}
    changes["bindings"] = {
        bid: keys for bid, keys in wanted["bindings"].items()
        if keys != cfg.saved.get("bindings", {}).get(bid)}
    changes["bindings"].update({bid: None for bid in cfg.saved.get("bindings", {})
                                if bid not in wanted["bindings"]})
    old: str | None = None
    if path.exists():
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            old = fh.read()  # as it is: line endings and byte order mark included
    text = None
    if old is not None:
        # A file from Notepad (CRLF, perhaps a BOM) is edited as plain lines and keeps both.
        bom = "\ufeff" if old.startswith("\ufeff") else ""
        crlf = "\r\n" in old
        text = _edited(old.removeprefix(bom).replace("\r\n", "\n"), changes)
        if text is not None:
            text = bom + (text.replace("\n", "\r\n") if crlf else text)
    if text is None:
        data = {key: value for key, value in wanted.items() if value}
        text = dump_yaml(data)
    if old is not None:
        backup = path.with_name(path.name + ".bak")
        atomic_write_text(backup, old, mode=0o600)
    atomic_write_text(path, text, mode=0o600)
    os.chmod(path, 0o600)
    cfg.saved = wanted
    cfg.path = path
    return path


# -- targeted edits


def _scalar(value: str) -> str:
    """`value` as one line of YAML (plain if that reads back the same, else double-quoted)."""
    for style in (None, '"'):
        out = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=10**9)
        out = out.removesuffix("\n...\n").removesuffix("\n")
        if "\n" not in out:
            try:
                if yaml.safe_load(out) == value:
                    return out
            except yaml.YAMLError:
                pass
    return yaml.safe_dump(value, default_style='"', allow_unicode=False, width=10**9).strip()


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _after_line(text: str, node: Node) -> int:
    """The index just after the line on which `node` ends."""
    end = node.end_mark
    if end.column == 0 and end.index > node.start_mark.index:
        return int(end.index)
    nl = text.find("\n", end.index)
    return len(text) if nl < 0 else nl + 1


def _one_line(node: Node, key: Node) -> bool:
    return (isinstance(node, ScalarNode) and node.style not in ("|", ">")
            and node.start_mark.line == node.end_mark.line == key.start_mark.line)


class _CannotEdit(Exception):
    """This change cannot be made as a targeted edit: write the file whole."""


def _set_value(text: str, key: Node, value: Node, new: str) -> tuple[int, int, str]:
    if not _one_line(value, key):
        raise _CannotEdit
    start, end = value.start_mark.index, value.end_mark.index
    if start == end and text[start - 1:start] == ":":  # an empty value: `theme:`
        new = " " + new
    return start, end, new


def _remove(text: str, key: Node, value: Node) -> tuple[int, int, str]:
    return _line_start(text, key.start_mark.index), _after_line(text, value), ""


def _mapping_edits(text: str, node: MappingNode, changes: dict[str, Any], indent: str,
                   edits: list[tuple[int, int, str]], tail: list[str] | None = None) -> None:
    """Edits that set each of `changes` (None: remove) in the block mapping `node`. New keys go
    after its last entry, or (for the top level, `tail`) at the end of the file."""
    pairs = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
    added: list[str] = []
    for key, value in changes.items():
        if key in pairs:
            k, v = pairs[key]
            if value is None:
                edits.append(_remove(text, k, v))
            elif isinstance(value, str):
                edits.append(_set_value(text, k, v, _scalar(value)))
            else:
                raise _CannotEdit
        elif value is not None:
            if not isinstance(value, str):
                raise _CannotEdit
            added.append(f"{indent}{_scalar(key)}: {_scalar(value)}\n")
    if added and tail is not None:
        tail.extend(added)
    elif added:
        at = _after_line(text, node.value[-1][1]) if node.value else len(text)
        edits.append((at, at, "".join(added)))


def _edited(text: str, changes: dict[str, Any]) -> str | None:
    """`text` with `changes` made in place, or None if that cannot be done safely."""
    if text and not text.endswith("\n"):
        text += "\n"  # so lines added at the end start on a line of their own
    try:
        data = parse_yaml(text)  # the guarded reader: no aliases, bounded depth
        if data is not None and not isinstance(data, dict):
            return None
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if root is not None and (not isinstance(root, MappingNode) or root.flow_style):
            return None
        edits: list[tuple[int, int, str]] = []
        scalars = {k: v for k, v in changes.items() if k in _SCALARS}
        bindings: dict[str, Any] = changes.get("bindings") or {}
        if root is None:
            root = MappingNode("tag:yaml.org,2002:map", [])
        tail: list[str] = []  # new top-level lines, added at the very end
        _mapping_edits(text, root, scalars, "", edits, tail)
        if bindings:
            pair = next(((k, v) for k, v in root.value
                         if isinstance(k, ScalarNode) and k.value == "bindings"), None)
            present = {bid: keys for bid, keys in bindings.items() if keys is not None}
            if pair is None:
                if present:
                    block = "bindings:\n" + "".join(
                        f"  {_scalar(bid)}: {_scalar(keys)}\n" for bid, keys in present.items())
                    tail.append(block)
            elif isinstance(pair[1], MappingNode) and not pair[1].flow_style and pair[1].value:
                column = pair[1].value[0][0].start_mark.column
                _mapping_edits(text, pair[1], bindings, " " * column, edits)
            else:
                raise _CannotEdit
        # Later edits first, so earlier indices stay valid; two edits never overlap (one per key).
        for start, end, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
        text += "".join(tail)
        return text if _reads_back(text, changes) else None
    except (_CannotEdit, YamlFileError, yaml.YAMLError, RecursionError, ValueError):
        return None


def _reads_back(text: str, changes: dict[str, Any]) -> bool:
    """Whether the edited text holds every change (else the file is written whole instead)."""
    try:
        data = parse_yaml(text) or {}
    except YamlFileError:
        return False
    if not isinstance(data, dict):
        return False
    for key in _SCALARS:
        if key in changes and data.get(key) != changes[key]:
            log.warning("config edit of %s did not read back; writing the file whole", key)
            return False
    bindings = data.get("bindings") or {}
    for bid, keys in (changes.get("bindings") or {}).items():
        if not isinstance(bindings, dict) or bindings.get(bid) != keys:
            return False
    return True
