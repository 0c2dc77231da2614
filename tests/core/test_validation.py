"""Validation: each problem a user can make gets the exact message they will see, and nothing else is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrbrowse.cli import main
from scrbrowse.corpus import Corpus, load_corpus, load_record_bytes
from scrbrowse.problems import Severity
from scrbrowse.taxonomy import Taxonomy

MINIMAL = """\
schema_version: 1
id: test-doc
title: A test document
doc_type: learning-summary
source: test.txt
review:
  id: test-review
  child: Child T
  area: Testshire
  review_type: scr
themes: [neglect]
learning_points:
  - id: lp-1
    text: Be curious.
    audience: practitioners
"""


def write(corpus_dir: Path, name: str, text: str | bytes) -> Path:
    path = corpus_dir / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_for(corpus_dir: Path, name: str) -> list[str]:
    c = load_corpus(corpus_dir)
    return [p.format() for p in c.problems if p.file.endswith(name)]


def only(corpus_dir: Path, name: str) -> str:
    found = problems_for(corpus_dir, name)
    assert len(found) == 1, found
    return found[0].replace(str(corpus_dir) + "/", "")


def test_minimal_record_is_valid(tmp_corpus: Path) -> None:
    write(tmp_corpus, "t.yaml", MINIMAL)
    c = load_corpus(tmp_corpus)
    assert not c.problems
    assert c.documents["test-doc"].review.display == "Child T (Testshire)"


def test_missing_required_field(tmp_corpus: Path) -> None:
    write(tmp_corpus, "t.yaml", MINIMAL.replace("title: A test document\n", ""))
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:1: error: title: required field is missing "
        "(hint: add 'title:' with the source's wording) [document not loaded]")


def test_missing_review(tmp_corpus: Path) -> None:
    text = MINIMAL.split("review:")[0] + "themes: [neglect]\n"
    write(tmp_corpus, "t.yaml", text)
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:1: error: review: missing or not a mapping "
        "(hint: add 'review:' with id, child, area, board and review_type) [document not loaded]")


def test_wrong_type(tmp_corpus: Path) -> None:
    write(tmp_corpus, "t.yaml", MINIMAL.replace("title: A test document", "title: [a, list]"))
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:3: error: title: must be text, not a list (hint: write it as a plain string) "
        "[document not loaded]")


def test_learning_points_not_a_list(tmp_corpus: Path) -> None:
    text = MINIMAL.split("learning_points:")[0] + "learning_points: Be curious.\n"
    write(tmp_corpus, "t.yaml", text)
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:12: error: learning_points: must be a list, not str "
        "(hint: write each entry on its own line starting with '- ' under 'learning_points:')")
    assert "test-doc" in load_corpus(tmp_corpus).documents  # the rest of the record still loads


def test_unknown_theme_is_reported_and_ignored(tmp_corpus: Path) -> None:
    write(tmp_corpus, "t.yaml", MINIMAL.replace("themes: [neglect]", "themes: [neglct, safe-sleep]"))
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:11: error: themes: unknown theme 'neglct' (ignored) "
        "(hint: did you mean 'neglect'? Otherwise add it to taxonomy.yaml themes)")
    doc = load_corpus(tmp_corpus).documents["test-doc"]
    assert doc.themes == ("safe-sleep",)


def test_unknown_audience(tmp_corpus: Path) -> None:
    write(tmp_corpus, "t.yaml", MINIMAL.replace("audience: practitioners", "audience: practitioner"))
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:15: error: learning_points[0].audience: unknown audience 'practitioner' "
        "(hint: did you mean 'practitioners'? Otherwise add it to taxonomy.yaml audiences)")


def test_unknown_field_suggests_the_right_one(tmp_corpus: Path) -> None:
    write(tmp_corpus, "t.yaml", MINIMAL.replace("learning_points:", "learning_point:"))
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:12: error: learning_point: unknown field 'learning_point' "
        "(hint: did you mean 'learning_points'?)")


def test_bad_date(tmp_corpus: Path) -> None:
    write(tmp_corpus, "t.yaml", MINIMAL + 'published: "March 2018"\n')
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:16: error: published: 'March 2018' is not a date "
        "(hint: write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\" in quotes, or null)")


def test_duplicate_document_id_keeps_the_first(tmp_corpus: Path) -> None:
    write(tmp_corpus, "a.yaml", MINIMAL)
    write(tmp_corpus, "b.yaml", MINIMAL.replace("A test document", "Another"))
    msg = only(tmp_corpus, "b.yaml")
    assert msg == ("b.yaml:1: error: id: duplicate document id 'test-doc' (also in a.yaml) "
                   "(hint: give each record its own id; this file was not loaded) [document not loaded]")
    assert load_corpus(tmp_corpus).documents["test-doc"].title == "A test document"


def test_duplicate_item_id(tmp_corpus: Path) -> None:
    text = MINIMAL + "  - id: lp-1\n    text: Again.\n"
    write(tmp_corpus, "t.yaml", text)
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:16: error: learning_points[1].id: id 'lp-1' is used twice in this document "
        "(hint: ids must be unique within a document)")


def test_malformed_yaml(tmp_corpus: Path) -> None:
    write(tmp_corpus, "t.yaml", MINIMAL.replace("title: A test document", "title: A test: document"))
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:3: error: YAML syntax error: mapping values are not allowed here "
        "(hint: check indentation, and quote text that contains ': ' or starts with a symbol) "
        "[document not loaded]")


def test_question_linked_to_missing_learning_point(tmp_corpus: Path) -> None:
    text = MINIMAL + "reflective_questions:\n  - id: q-1\n    text: Why?\n    learning_point: lp-9\n"
    write(tmp_corpus, "t.yaml", text)
    assert only(tmp_corpus, "t.yaml") == (
        "t.yaml:19: error: reflective_questions[0].learning_point: no learning point with id 'lp-9' "
        "(hint: use the id of a learning point in this file, or remove the link)")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"a: &x [1]\nb: *x\n", "t.yaml:1: error: YAML anchor '&x' is not allowed"),
        (b"\x00\x01binary", "t.yaml:1: error: file contains NUL bytes: it looks binary, not YAML text"),
        ("title: caf\u00e9\n".encode("latin-1"), "t.yaml:1: error: not UTF-8 text (byte 0xe9 at offset 10)"),
        (b"a: " + b"[" * 50 + b"]" * 50 + b"\n", "t.yaml:1: error: nesting deeper than 20 levels"),
        (b"!!python/object:os.system {}\n", "t.yaml:1: error: YAML syntax error: could not determine a "
         "constructor for the tag 'tag:yaml.org,2002:python/object:os.system'"),
        (b"", "t.yaml:1: error: (top level): the file is empty"),
        (b"- just\n- a list\n", "t.yaml:1: error: (top level): a record must be a mapping, not a list"),
        (b"schema_version: 2\nid: x\n", "t.yaml:1: error: schema_version: version 2 is not supported"),
    ],
)
def test_bad_files_are_refused_with_a_line(tmp_corpus: Path, content: bytes, expected: str) -> None:
    write(tmp_corpus, "t.yaml", content)
    msg = only(tmp_corpus, "t.yaml")
    assert msg.startswith(expected), msg
    assert msg.endswith("[document not loaded]")
    assert len(load_corpus(tmp_corpus).documents) == 5  # every valid document still loads


def test_alias_bomb_is_refused_quickly(tmp_corpus: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    write(tmp_corpus, "bomb.yaml", bomb)
    assert "anchor '&a' is not allowed" in only(tmp_corpus, "bomb.yaml")


def test_huge_file_is_refused(tmp_corpus: Path) -> None:
    write(tmp_corpus, "huge.yaml", "a: " + "x" * (3 * 1024 * 1024) + "\n")
    msg = only(tmp_corpus, "huge.yaml")
    assert "huge.yaml: error: file is 3,145,732 bytes; the limit is 2,097,152" in msg


def test_review_blocks_of_one_review_must_agree(tmp_corpus: Path) -> None:
    other = MINIMAL.replace("id: test-doc", "id: test-doc-2").replace("area: Testshire", "area: Elsewhere")
    write(tmp_corpus, "a.yaml", MINIMAL)
    write(tmp_corpus, "b.yaml", other)
    msg = only(tmp_corpus, "b.yaml")
    assert "review 'test-review' has area 'Elsewhere' here but 'Testshire' in" in msg
    assert "a different child needs a different review id" in msg


def test_broken_taxonomy_still_loads_documents(tmp_corpus: Path) -> None:
    write(tmp_corpus, "taxonomy.yaml", "themes: [oops\n")
    c = load_corpus(tmp_corpus)
    assert len(c.documents) == 5
    assert any(p.file.endswith("taxonomy.yaml") and "YAML syntax error" in p.message for p in c.problems)


def test_missing_corpus_folder(tmp_path: Path) -> None:
    c = load_corpus(tmp_path / "nope")
    assert [p.format() for p in c.problems] == [
        f"{tmp_path}/nope: error: corpus folder not found "
        "(hint: pass --corpus DIR or set SCRBROWSE_CORPUS)"]


def test_a_restriction_that_cannot_be_read_still_restricts(tmp_corpus: Path) -> None:
    write(tmp_corpus, "t.yaml", MINIMAL + "restriction: professionals only\n")
    doc = load_corpus(tmp_corpus).documents["test-doc"]
    assert doc.restricted


# --- the command ---------------------------------------------------------------------------


def test_validate_command_clean(capsys: pytest.CaptureFixture[str], bundled_corpus_dir: Path) -> None:
    assert main(["validate", "--corpus", str(bundled_corpus_dir)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("5 documents loaded from 5 files; 0 errors, 0 warnings")


def test_validate_command_reports_and_fails(tmp_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_corpus, "t.yaml", MINIMAL.replace("themes: [neglect]", "themes: [neglct]"))
    write(tmp_corpus, "bad.yaml", b"\xff\xfe")
    assert main(["validate", "--corpus", str(tmp_corpus)]) == 1
    out = capsys.readouterr().out
    assert "t.yaml:11: error: themes: unknown theme 'neglct' (ignored)" in out
    assert "bad.yaml:1: error: not UTF-8 text" in out
    assert "6 documents loaded from 7 files; 2 errors, 0 warnings; 1 files not loaded" in out


def test_validate_env_var_and_json(tmp_corpus: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    write(tmp_corpus, "t.yaml", MINIMAL.replace("title: A test document\n", ""))
    monkeypatch.setenv("SCRBROWSE_CORPUS", str(tmp_corpus))
    assert main(["validate", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 5
    (p,) = report["problems"]
    assert p["field"] == "title" and p["line"] == 1 and p["document_skipped"] is True


# --- untrusted input never crashes the loader -------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    doc, problems = load_record_bytes(data, "x.yaml", Taxonomy())
    assert doc is not None or problems


_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=12), inner, max_size=5), max_leaves=25)
_keys = st.sampled_from(["id", "title", "doc_type", "source", "review", "themes", "learning_points",
                         "reflective_questions", "recommendations", "sections", "resources",
                         "restriction", "published", "schema_version", "text", "child"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_keys, _values, max_size=10))
def test_arbitrary_records_never_raise(record: dict[str, object]) -> None:
    text = yaml.safe_dump(record, allow_unicode=True)
    doc, problems = load_record_bytes(text.encode("utf-8"), "x.yaml", Taxonomy())
    assert doc is not None or any(p.severity is Severity.ERROR for p in problems)


def test_every_bundled_record_round_trips_through_the_loader(corpus: Corpus, tmp_path: Path) -> None:
    shutil.copytree(corpus.root, tmp_path / "c")
    again = load_corpus(tmp_path / "c")
    assert set(again.documents) == set(corpus.documents)


def test_fast_and_careful_yaml_paths_agree_on_every_record(bundled_corpus_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The C parser is used when the text is plainly safe; it must give the same data and lines."""
    from scrbrowse import yamlio

    assert yamlio._FastBase is not None, "PyYAML without libyaml: loading will be slow"
    texts = [p.read_text(encoding="utf-8") for p in sorted(bundled_corpus_dir.glob("*.yaml"))]
    fast = [yamlio.parse_yaml(t) for t in texts]
    monkeypatch.setattr(yamlio, "_FastBase", None)
    careful = [yamlio.parse_yaml(t) for t in texts]
    assert fast == careful
    for f, c in zip(fast, careful, strict=True):
        assert f.key_lines == c.key_lines
