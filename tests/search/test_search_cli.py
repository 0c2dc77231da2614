"""`scrbrowse search` and `scrbrowse index`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrbrowse.cli import main


@pytest.fixture
def args(indexed: tuple[Path, Path]) -> list[str]:
    corpus, index = indexed
    return ["--corpus", str(corpus), "--index", str(index)]


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:  # type: ignore[type-arg]
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_search_json_shape(capsys, args):
    data = run_json(capsys, ["search", *args, "fathers", "--json", "--limit", "2"])
    for key in ("query", "expanded", "total", "hits", "facets", "suggestion"):
        assert key in data
    assert data["query"] == "fathers" and data["total"] == 5 and len(data["hits"]) == 2
    assert "both parents" in data["expanded"]
    hit = data["hits"][0]
    for key in ("id", "title", "review", "board", "year", "doc_type", "restricted", "restriction",
                "score", "snippet", "passages"):
        assert key in hit
    assert hit["id"] == "wiltshire-child-k-briefing-note"
    assert hit["review"] == "Child K (Wiltshire)"
    assert hit["passages"] and {"kind", "text"} <= set(hit["passages"][0])
    assert hit["passages"][0]["kind"] in ("section", "learning_point", "question")
    s, e = hit["spans"][0]
    assert hit["snippet"][s:e].lower().startswith("father")
    assert set(data["facets"]) == {"theme", "agency", "board", "year", "doc_type"}
    assert data["facets"]["theme"]["unknown-men"] == {
        "label": "Fathers and unknown men", "count": 2, "selected": False}
    assert data["suggestion"] is None


def test_search_json_filters_and_restriction(capsys, args):
    data = run_json(capsys, ["search", *args, "--theme", "co-sleeping", "--agency", "MASH",
                             "--json"])
    assert data["query"] == "" and data["total"] == 1
    (hit,) = data["hits"]
    assert hit["id"] == "child-s-learning-briefing"
    assert hit["restricted"] is True and "professionals only" in hit["restriction"]
    assert data["facets"]["theme"]["safe-sleep"]["selected"] is True
    data = run_json(capsys, ["search", *args, "--board", "hampshire", "--year", "2018", "--type",
                             "learning summary", "--json"])
    assert [h["id"] for h in data["hits"]] == ["hampshire-child-k-learning-summary"]


def test_search_json_suggestion(capsys, args):
    data = run_json(capsys, ["search", *args, "brusing", "--json"])
    assert data["total"] == 0 and data["suggestion"] == "bruising"


def test_search_human_table(capsys, args):
    assert main(["search", *args, "co-sleeping"]) == 0
    out = capsys.readouterr().out
    assert "3 of 5 documents match" in out
    assert "Also searched:" in out and "overlaying" in out
    assert "PROFESSIONALS ONLY" in out
    assert "Child S (area not stated)" in out and "Child K (Hampshire)" in out
    assert "[co-sleeping]" in out  # the matched words, marked
    assert "Matches:" in out and "question" in out
    for column in ("Title", "Review", "Year", "Type"):
        assert column in out


def test_search_human_did_you_mean_and_notes(capsys, args):
    main(["search", *args, "brusing"])
    assert "Did you mean: bruising?" in capsys.readouterr().out
    main(["search", *args, '"unbalanced'])
    assert "Note: A quotation mark had no partner" in capsys.readouterr().out
    main(["search", *args, "--limit", "1"])
    out = capsys.readouterr().out
    assert "5 of 5 documents, newest first." in out and "4 more" in out


def test_search_bad_filter_is_a_plain_error(capsys, args):
    assert main(["search", *args, "--theme", "safe slep"]) == 2
    err = capsys.readouterr().err
    assert "no theme called 'safe slep'" in err and "safe-sleep" in err
    assert main(["search", *args, "--year", "last year"]) == 2


def test_output_never_carries_terminal_escapes(capsys, indexed):
    corpus, index = indexed
    path = corpus / "wiltshire-child-k-briefing-note.yaml"
    path.write_text(path.read_text().replace(
        'title: "Learning Lessons Practice',
        'title: "\\e]52;c;SGVsbG8=\\a\\e[31mLearning\\u202e Lessons Practice', 1))
    argv = ["--corpus", str(corpus), "--index", str(index), "search", "fathers"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "Learning" in out
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in out and bad not in err
    assert main([*argv, "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\u001b" not in out and "\u202e" not in out
    assert json.loads(out)["hits"][0]["title"].startswith("Learning")


def test_index_command(capsys, own_corpus: Path, tmp_path: Path):
    argv = ["--corpus", str(own_corpus), "--index", str(tmp_path / "ix"), "index"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "Index built from scratch: 5 documents" in out
    assert "5/5 files (100%)" in err  # plain progress lines when not on a terminal
    assert main(argv) == 0
    assert "already up to date" in capsys.readouterr().out
    (own_corpus / "oxfordshire-child-n-learning-summary.yaml").write_text(
        (own_corpus / "oxfordshire-child-n-learning-summary.yaml").read_text() + "\n")
    assert main(argv) == 0
    assert "1 file(s) re-read" in capsys.readouterr().out
    assert main([*argv, "--rebuild"]) == 0
    out, err = capsys.readouterr()
    assert "built from scratch" in out and "Rebuilt the index, as asked" in err


def test_search_says_how_plain_words_were_read(capsys, args):
    # Issue 13: say how the query was read; plain words rank, not all of them are needed.
    assert main(["search", *args, "dad not seen at home"]) == 0
    assert "not all needed" in capsys.readouterr().out
