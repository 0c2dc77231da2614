"""Words split by a PDF's line-break hyphens are mended in text sources ("anony- mous")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scrbrowse.ingest.extract.text import extract_text
from scrbrowse.ingest.hyphens import mend_hyphens


def test_split_words_are_joined() -> None:
    assert mend_hyphens("an anony- mous caller") == "an anonymous caller"
    assert mend_hyphens("the ba- bies were") == "the babies were"
    assert mend_hyphens("suffo-\ncated in bed") == "suffocated\n in bed"


def test_real_compounds_keep_their_hyphen() -> None:
    assert mend_hyphens("co- sleeping") == "co-sleeping"
    assert mend_hyphens("non- mobile babies") == "non-mobile babies"
    assert mend_hyphens("a well- known risk") == "a well-known risk"


def test_suspended_hyphens_and_dashes_are_left_alone() -> None:
    for text in ("pre- and post-natal care", "short- or long-term", "Child K - the review",
                 "Child K- the review", "e- safety", "1- 2 weeks"):
        assert mend_hyphens(text) == text


@given(st.text(alphabet=st.sampled_from("ab- \n.K"), max_size=60))
def test_the_line_count_never_changes(text: str) -> None:
    # Source pointers ("line 34") must still point at the same line after mending.
    assert mend_hyphens(text).count("\n") == text.count("\n")


def test_a_text_source_is_searchable_by_the_whole_word() -> None:
    ex = extract_text(b"Learning\n\nThere were anony- mous calls about the ba- bies.\n")
    text = " ".join(b.text for b in ex.blocks)
    assert "anonymous" in text and "babies" in text
