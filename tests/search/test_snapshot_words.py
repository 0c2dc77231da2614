"""Index words by their start (`IndexView.words_from`): kept per two-letter start for prefix
searches and did-you-mean, the same words Whoosh lists, and never those of an older index."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrbrowse.search import snapshot
from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index.schema import SPELL


def whoosh_words(engine: SearchEngine, prefix: str, limit: int) -> list[str]:
    view = engine._view
    assert view is not None
    out = []
    for b in view.reader.expand_prefix(SPELL, prefix):
        if len(out) >= limit:
            break
        out.append(b.decode("utf-8") if isinstance(b, bytes) else b)
    return out


@pytest.mark.parametrize("many", [False, True])
def test_words_from_lists_what_whoosh_lists(engine: SearchEngine, many: bool,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    if many:  # every start has "too many" words: read from Whoosh each time
        monkeypatch.setattr(snapshot, "MAX_START_WORDS", 3)
    view = engine._view
    assert view is not None
    view.starts.data.clear()
    for prefix in ("s", "sa", "saf", "safe", "safeguarding", "pr", "pro", "prof", "p", "zq", ""):
        for limit in (1, 5, 10_000):
            assert view.words_from(prefix, limit) == whoosh_words(engine, prefix, limit), (
                prefix, limit)
    view.starts.data.clear()


def test_a_word_added_by_an_update_is_found_by_its_start(indexed: tuple[Path, Path]) -> None:
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    try:
        assert engine.search(SearchRequest("zqxw*")).total == 0  # the start "zq" is read now
        path = corpus / "oxfordshire-child-n-learning-summary.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("criminal court.", "criminal court zqxwelkin."),
                        encoding="utf-8")
        engine.refresh()
        assert engine.search(SearchRequest("zqxw*")).total == 1
        assert engine.suggest("zqxwelkn") == "zqxwelkin"
    finally:
        engine.close()
