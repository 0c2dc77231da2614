"""`search/` is four layers (docs/architecture.md): text, query, index, evaluation, then the engine
API at the top. Each imports only from the layers before it, so a newcomer can read them in order
and the index never depends on how a query is scored."""

from __future__ import annotations

import ast
from pathlib import Path

SEARCH = Path(__file__).resolve().parents[2] / "src" / "scrbrowse" / "search"
ORDER = ["api", "text", "index", "query", "evaluation", "top"]


def _layer(path: Path) -> str:
    rel = path.relative_to(SEARCH)
    if rel.parts == ("api.py",):  # the engine's request and result types: every layer may use them
        return "api"
    return rel.parts[0] if len(rel.parts) > 1 else "top"


def _search_imports(path: Path, source: str | None = None) -> set[str]:
    """The layers of `scrbrowse.search` this file imports from (relative or absolute imports)."""
    pkg = ["scrbrowse", "search", *path.relative_to(SEARCH).parts[:-1]]
    found: set[str] = set()
    text = source if source is not None else path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = pkg[: len(pkg) - (node.level - 1)]
            target = [*base, *(node.module.split(".") if node.module else [])]
        else:
            target = (node.module or "").split(".")
        if target[:2] != ["scrbrowse", "search"]:
            continue
        if len(target) == 2:  # from scrbrowse.search import x: x names the layer or module
            for alias in node.names:
                found.add(alias.name if alias.name in ORDER else "top")
        else:
            found.add(target[2] if target[2] in ORDER else "top")
    return found


def test_every_search_module_sits_in_a_layer() -> None:
    for path in SEARCH.rglob("*.py"):
        assert _layer(path) in ORDER, f"{path}: not in a layer of docs/architecture.md"


def test_search_layers_import_only_from_the_layers_before_them() -> None:
    offenders = []
    for path in sorted(SEARCH.rglob("*.py")):
        mine = ORDER.index(_layer(path))
        for layer in _search_imports(path):
            if ORDER.index(layer) > mine:
                offenders.append(f"{path.relative_to(SEARCH)} imports from {layer}/")
    assert not offenders, offenders


def test_the_layer_check_sees_a_wrong_import() -> None:
    """The check itself: an index module importing the evaluator, relatively or absolutely."""
    schema = SEARCH / "index" / "schema.py"
    assert _search_imports(schema, "from ..evaluation.evaluator import Evaluator\n") == {"evaluation"}
    assert _search_imports(schema, "from scrbrowse.search.engine import X\n") == {"top"}
    assert _search_imports(schema, "from ..text.analysis import WORD_RE\n") == {"text"}
    assert _search_imports(schema, "from ...model import Document\n") == set()
