"""docs/keys.md is generated from the bindings table: it must match what the app does."""

from __future__ import annotations

from pathlib import Path

from scrbrowse.config import Config
from scrbrowse.ui.app import ScrbrowseApp
from scrbrowse.ui.screens.help import keys_markdown

KEYS_MD = Path(__file__).resolve().parents[2] / "docs" / "keys.md"


def test_keys_md_matches_the_bindings(tmp_path: Path) -> None:
    app = ScrbrowseApp(tmp_path, config=Config())
    expected = keys_markdown(app)  # type: ignore[arg-type]
    assert KEYS_MD.read_text(encoding="utf-8") == expected, (
        "docs/keys.md is out of date: regenerate it with\n"
        "  .venv/bin/python -c 'from scrbrowse.ui.app import ScrbrowseApp; "
        "from scrbrowse.ui.screens.help import keys_markdown; import pathlib; "
        "pathlib.Path(\"docs/keys.md\").write_text(keys_markdown(ScrbrowseApp(pathlib.Path(\".\"))))'")
