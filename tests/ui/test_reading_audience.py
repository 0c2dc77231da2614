"""The document pane's group headings say who a learning point is for once (issue 14: "Learning
points for Managers — for managers")."""

from __future__ import annotations

from scrbrowse.corpus import Corpus
from scrbrowse.ui.reading import build_reading


def test_heading_that_names_the_audience_is_not_repeated(corpus: Corpus) -> None:
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None
    groups = {b.group for b in build_reading(doc, corpus.taxonomy).blocks if b.tab == "learning"}
    assert "Learning points for Managers" in groups
    assert not [g for g in groups if g and g.lower().count("managers") > 1]
    assert not [g for g in groups if g and g.lower().count("practitioners") > 1]
