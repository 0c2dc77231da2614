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
    """The source checkout (src/scrbrowse/../../). The bundled corpus sits there."""
    return Path(__file__).resolve().parents[2]


def bundled_corpus() -> Path:
    """The checkout's corpus/ (editable install), else the copy shipped inside the wheel."""
    checkout = project_root() / "corpus"
    if (checkout / "taxonomy.yaml").is_file():
        return checkout
    return Path(__file__).resolve().parent / "_corpus"


def default_index_dir() -> Path:
    return project_root() / "index"


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
