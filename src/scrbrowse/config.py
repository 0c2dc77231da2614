"""The user's config file (YAML in the platformdirs config folder): theme, default corpus, key bindings.

Example `config.yaml`:

    theme: textual-dark          # or textual-light, scrbrowse-high-contrast
    corpus: /path/to/our/corpus  # default corpus folder
    bindings:                    # binding id -> keys (comma-separated Textual key names)
      focus_search: "/,ctrl+f"
      quit: "q"

A broken file is reported and ignored (defaults are used); it is never overwritten without a backup.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .paths import config_dir
from .problems import Problem
from .yamlio import LineDict, YamlFileError, atomic_write_text, dump_yaml, read_yaml_file

CONFIG_FILE = "config.yaml"
_KEYS = ("theme", "corpus", "index", "bindings")


@dataclass
class Config:
    theme: str | None = None
    corpus: str | None = None
    index: str | None = None
    bindings: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    path: Path | None = None


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
    return cfg


def save_config(cfg: Config, path: Path | None = None) -> Path:
    """Atomic write, mode 0600, keeping the previous file as config.yaml.bak."""
    path = path or cfg.path or config_path()
    data: dict[str, object] = {}
    for key in ("theme", "corpus", "index"):
        if getattr(cfg, key):
            data[key] = getattr(cfg, key)
    if cfg.bindings:
        data["bindings"] = dict(cfg.bindings)
    if path.exists():
        backup = path.with_name(path.name + ".bak")
        atomic_write_text(backup, path.read_text(encoding="utf-8", errors="replace"), mode=0o600)
    atomic_write_text(path, dump_yaml(data), mode=0o600)
    os.chmod(path, 0o600)
    return path
