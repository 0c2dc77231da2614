"""Where things live: the bundled corpus, the index, user config/data/cache folders.

Resolution order for corpus and index: command-line option, environment variable, config file, default.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "scrbrowse"
ENV_CORPUS = "SCRBROWSE_CORPUS"
ENV_INDEX = "SCRBROWSE_INDEX"
ENV_CONFIG_DIR = "SCRBROWSE_CONFIG_DIR"
ENV_DATA_DIR = "SCRBROWSE_DATA_DIR"
ENV_CACHE_DIR = "SCRBROWSE_CACHE_DIR"


def project_root() -> Path:
    """The source checkout (src/scrbrowse/../../), when running from one."""
    return Path(__file__).resolve().parents[2]


def is_checkout() -> bool:
    """Running from a source checkout (`make run`, an editable install), not an installed wheel.

    Both marks are needed: an installed copy sits in `site-packages/scrbrowse/`, whose grandparent
    (`lib/python3.x/`) could by chance hold a `corpus/` folder, but never this project's
    `pyproject.toml` beside `src/`."""
    root = project_root()
    return (root / "pyproject.toml").is_file() and (root / "corpus" / "taxonomy.yaml").is_file()


def bundled_corpus() -> Path:
    """The checkout's corpus/ (editable install), else the copy shipped inside the wheel."""
    if is_checkout():
        return project_root() / "corpus"
    return Path(__file__).resolve().parent / "_corpus"


def default_index_dir() -> Path:
    """index/ in a checkout (beside the corpus it was built from); for an installed copy, the user's
    cache folder: the install itself may be read-only and is shared by every user of the machine."""
    if is_checkout():
        return project_root() / "index"
    return cache_dir() / "index"


def config_dir() -> Path:
    env = os.environ.get(ENV_CONFIG_DIR)
    return Path(env) if env else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    env = os.environ.get(ENV_CACHE_DIR)
    return Path(env) if env else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def resolve_corpus(option: str | None, configured: str | None = None) -> Path:
    value = option or os.environ.get(ENV_CORPUS) or configured
    return Path(value).expanduser() if value else bundled_corpus()


def resolve_index(option: str | None) -> Path | None:
    """An explicit index folder, or None for "the default, with the cache fallback"."""
    value = option or os.environ.get(ENV_INDEX)
    return Path(value).expanduser() if value else None
