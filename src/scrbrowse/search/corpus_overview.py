"""The corpus-wide views, served from the index: the reflective question bank and the
themes/agencies statistics, from the documents' metadata and question columns
(`passage_rows.question_column`), never YAML. Both are built once per index version, on first
use (one `CorpusViews` per index view, gone with it). Reading the question table is safe from
several threads and runs outside the engine's lock; everything else is called under it.

The question table holds every reflective question's terms, number and tags, in the browser's
order (about 0.35 s to read at 10,000 documents); a page's texts come from its documents' rows.
A search runs the plan's leaves over every question at once (`leaf_bits`, the meaning of
`passages.leaf_test`) and ranks the documents with the browser's evaluator: one query model.
"""

from __future__ import annotations

import threading
import time
import weakref
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import cache, partial, reduce
from itertools import accumulate, combinations, compress, count, repeat
from operator import add, attrgetter, or_
from typing import TYPE_CHECKING, Any

from ..model import PassageKind, Restriction
from ..taxonomy import Taxonomy
from .api import (
    BankQuestion,
    BankResult,
    FacetValue,
    Filters,
    PairCount,
    ReviewSummary,
    TagStats,
    TermCount,
)
from .evaluation.evaluator import Stopped, bits_of_flags, ids_of
from .evaluation.passages import doc_field, needles, padded, plan_bits
from .index.catalogue import DocMeta
from .index.schema import AGENCY, QUESTIONS, THEME
from .query.plan import Concepts, Leaf, Plan, Prefix, Words, without_negations
from .text.highlight import find_spans

if TYPE_CHECKING:
    from .snapshot import IndexView

QUESTION = PassageKind.QUESTION.value
PROFESSIONALS_ONLY = "professionals-only"
MATCH_SECONDS = 0.6  # as the engine's: collecting the documents a bank search may match
CHECK_EVERY = 256  # documents between two looks at `should_stop`
NO_NUMBER = -1  # an unnumbered question, in the compact column of numbers
NEEDLES_KEPT = 64  # about 17 KB each at 10,000 documents
NOTE_SLOW = ("The search took too long and was stopped early; some questions may be missing.")


def restriction_of(meta: DocMeta) -> Restriction | None:
    """The document's restriction, from what the metadata keeps (its wording and label)."""
    if meta.restriction is None:
        return None
    label = meta.restriction_label
    level = PROFESSIONALS_ONLY if label in (None, "Professionals only") else label
    return Restriction(level, meta.restriction)


# ---------------------------------------------------------------------------------------------
# Themes and agencies


def tag_stats(docs: Iterable[DocMeta], taxonomy: Taxonomy, vocabulary: str = "themes", *,
              include_unused: bool = False) -> TagStats:
    """Count reviews and documents per theme (or agency), and co-occurring pairs by review.

    With include_unused, terms of the taxonomy no review raises are listed with a count of 0,
    after the others."""
    vocab = taxonomy.vocabulary(vocabulary)
    by_review: defaultdict[str, set[str]] = defaultdict(set)
    doc_tags: list[tuple[str, tuple[str, ...]]] = []
    reviews: dict[str, ReviewSummary] = {}
    for d in docs:
        tags = d.themes if vocabulary == "themes" else d.agencies
        by_review[d.review_id].update(tags)
        doc_tags.append((d.id, tags))
        # A review is marked when any of its documents is.
        seen = reviews.get(d.review_id) or ReviewSummary(d.review_id, d.review)
        reviews[d.review_id] = ReviewSummary(d.review_id, d.review,
                                             restriction_of(d) or seen.restriction,
                                             d.draft or seen.draft)

    labels = {tag: (term.label if (term := vocab.get(tag)) else tag)
              for tag in set(vocab).union(*by_review.values())}
    order = {tag: (name.lower(), tag) for tag, name in labels.items()}
    # Documents and reviews are walked in id order, so each term's and pair's lists come out
    # sorted (sorting each one took a third of the time at 10,000 documents); defaultdicts, as
    # setdefault(key, []) made and threw away a list for every document, tag and pair.
    term_docs: defaultdict[str, list[str]] = defaultdict(list)
    for doc_id, tags in sorted(doc_tags):
        for tag in tags:
            term_docs[tag].append(doc_id)
    term_reviews: defaultdict[str, list[str]] = defaultdict(list)
    pair_reviews: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for review_id in sorted(by_review):
        raised = sorted(by_review[review_id], key=order.__getitem__)
        for tag in raised:
            term_reviews[tag].append(review_id)
        for pair in combinations(raised, 2):
            pair_reviews[pair].append(review_id)
    if include_unused:
        for tag in vocab:
            term_reviews.setdefault(tag, [])
    terms = [TermCount(tag, labels[tag], tuple(revs), tuple(term_docs.get(tag, ())),
                       vocab[tag].group if tag in vocab else None)
             for tag, revs in term_reviews.items()]
    terms.sort(key=lambda t: (-t.count, t.label.lower(), t.id))
    pairs = [PairCount(a, b, labels[a], labels[b], tuple(revs)) for (a, b), revs in pair_reviews.items()]
    pairs.sort(key=lambda p: (-p.count, p.first_label.lower(), p.second_label.lower()))
    return TagStats(vocabulary, len(by_review), len(doc_tags), tuple(terms), tuple(pairs), reviews)


# ---------------------------------------------------------------------------------------------
# The reflective question bank


class QuestionTable:
    """Every reflective question of one index version, as parallel lists indexed by a question
    number (documents in browse order, questions in source order)."""

    def __init__(self, view: IndexView, should_stop: Callable[[], bool] | None = None) -> None:
        docs = view.meta.docs
        self.docs: list[DocMeta] = []
        self.starts = array("q", [0])  # the first question of each document in `docs`
        # Compact columns: at 10,000 documents there are about 135,000 questions.
        self.doc_of = array("i")
        # Every question's padded terms (and tagged mentions) in one string, a line each: a
        # leaf is then found by substring searches in C over all questions at once, its cost
        # in proportion to how often it occurs (a needle starts and ends with a space, so it
        # never spans two lines). A few large strings rather than 135,000 small ones, which
        # would keep the memory of everything decoded on the way from being given back. Item
        # ids, headings and texts are not kept: a page's are read from its documents' rows.
        self.terms, self.concepts = Lines(), Lines()
        numbers: list[int | None] = []
        self.themes: list[tuple[str, ...]] = []
        self.agencies: list[tuple[str, ...]] = []
        # One tuple per tag set, kept as each document is read: a document's equal sets arrive
        # as one, and what is not kept is gone with its column, before the collector sees it.
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        column = _question_column(view)
        for n, did in enumerate(view.browse_order):
            if should_stop is not None and n % CHECK_EVERY == 0 and should_stop():
                raise Stopped
            got = column(did)
            if not got[0]:
                continue
            self.doc_of.extend(repeat(len(self.docs), len(got[0])))
            numbers += got[0]
            self.themes += map(shared.setdefault, got[1], got[1])
            self.agencies += map(shared.setdefault, got[2], got[2])
            self.terms.add(got[3])
            self.concepts.add(got[4])
            self.docs.append(docs[did])
            self.starts.append(len(numbers))
        self.size = len(numbers)
        self.all = (1 << self.size) - 1
        self.numbers = array("i", [NO_NUMBER if x is None else x for x in numbers])
        self._tag_bits: dict[tuple[str, str], dict[str, int]] = {}
        for lines in (self.terms, self.concepts):
            lines.close()

    def leaf_bits(self, leaf: Leaf, scope: str = "question") -> int:
        """The questions a leaf matches (`passages.leaf_test`'s meaning), as a bit set."""
        if isinstance(leaf, (Words, Prefix)):
            return self.terms.holding(needles(leaf))
        if isinstance(leaf, Concepts):  # tagged mentions, or the everyday words in the text
            said = self.terms.holding(needles(leaf)) if leaf.words else 0
            return self.concepts.holding(tuple(padded(k) for k in leaf.keys)) | said
        out = 0
        for fld, value in leaf.targets:
            if fld in (THEME, AGENCY):
                out |= self.tag_bits(fld, scope).get(value[0], 0)
        if all(fld in (THEME, AGENCY) for fld, _value in leaf.targets):
            return out  # nothing about the document itself: no need to ask each one
        return out | self.of_docs(lambda meta: doc_field(leaf, meta))

    def of_docs(self, chosen: Callable[[DocMeta], object]) -> int:
        """Every question of the documents `chosen` says yes to, as a bit set."""
        flags = bytearray(self.size)
        for di, meta in enumerate(self.docs):
            if chosen(meta):
                start, end = self.starts[di], self.starts[di + 1]
                flags[start:end] = b"\x01" * (end - start)
        return bits_of_flags(flags)

    def tag_bits(self, field: str, scope: str) -> dict[str, int]:
        """Per theme (`field` THEME) or agency (AGENCY): the questions that have it, as a bit
        set; with the bank's wider scope, `scope="document"`, also those whose document has it."""
        key = (field, scope)
        if key not in self._tag_bits:
            flags: defaultdict[str, bytearray] = defaultdict(lambda: bytearray(self.size))
            col = self.themes if field == THEME else self.agencies
            for q, tags in compress(enumerate(col), col):  # the questions with tags
                for tag in tags:
                    flags[tag][q] = 1
            if scope == "document":
                for di, meta in enumerate(self.docs):
                    start, end = self.starts[di], self.starts[di + 1]
                    for tag in meta.own_themes if field == THEME else meta.own_agencies:
                        flags[tag][start:end] = b"\x01" * (end - start)
            self._tag_bits[key] = {tag: bits_of_flags(arr) for tag, arr in flags.items()}
        return self._tag_bits[key]

    def page(self, view: IndexView, numbers: Iterable[int], terms: tuple[str, ...],
             ) -> tuple[BankQuestion, ...]:
        """These questions as the bank lists them, their ids, headings and texts read from
        their documents' rows (a document's questions are its question rows, in order), one
        document's at a time: held longer, they reached the cycle collector's oldest generation."""
        out = []
        read = -1
        for q in numbers:
            di = self.doc_of[q]
            if di != read:
                read, meta = di, self.docs[di]
                rows, restriction = self.question_rows(view, di), restriction_of(meta)
            row = rows[q - self.starts[di]]
            out.append(BankQuestion(
                doc_id=meta.id, item_id=row[0], text=row[3],
                number=None if self.numbers[q] == NO_NUMBER else self.numbers[q],
                section=row[2], review=meta.review, review_id=meta.review_id,
                document=meta.title, board=meta.board, published=meta.published,
                restriction=restriction, themes=self.themes[q],
                agencies=self.agencies[q], doc_themes=meta.own_themes,
                doc_agencies=meta.own_agencies, draft=meta.draft,
                spans=tuple(find_spans(row[3], list(terms))) if terms else ()))
        return tuple(out)

    def question_rows(self, view: IndexView, di: int) -> list[tuple[Any, ...]]:
        return [r for r in view.raw_rows(self.docs[di].id) if r[1] == QUESTION]

    def numbered(self, view: IndexView, keys: frozenset[tuple[str, str | None]]) -> set[int]:
        """The questions with these (document id, item id) keys."""
        index = {meta.id: di for di, meta in enumerate(self.docs)}
        out: set[int] = set()
        for di in {index[d] for d, _item in keys if d in index}:
            did = self.docs[di].id
            out.update(self.starts[di] + k for k, r in enumerate(self.question_rows(view, di))
                       if (did, r[0]) in keys)
        return out


class Lines:
    """Strings joined a line each, and where each line starts, for finding which lines hold a
    substring."""

    def __init__(self) -> None:
        self.text = ""
        self._chunks: list[str] = []
        self._ends: list[int] = []  # each line's length and its line end
        self._found: dict[str, int] = {}  # the last needles' lines (see `holding`)

    def add(self, lines: str) -> None:
        """Add some lines, joined (one document's); `close` when all are in."""
        self._chunks.append(lines)
        self._ends += map(len, lines.split("\n"))

    def close(self) -> None:
        self.text = "\n".join(self._chunks)
        # Where each line starts, and past the last one's end (found now, not in the first
        # search, which was then the slowest): summed in C from the lines' lengths.
        self.starts = array("q", accumulate(map(add, self._ends, repeat(1)), initial=0))
        self._chunks, self._ends = [], []

    def holding(self, wanted: tuple[str, ...]) -> int:
        """The lines holding any of the substrings, as a bit set. The last few needles' lines
        are kept: typing a query searches for its finished words again with each key."""
        out = 0
        for needle in wanted:
            got = self._found.get(needle)
            if got is None:
                if len(self._found) >= NEEDLES_KEPT:
                    del self._found[next(iter(self._found))]
                got = self._found[needle] = self._lines_holding(needle)
            out |= got
        return out

    def _lines_holding(self, needle: str) -> int:
        find, starts, last = self.text.find, self.starts, len(self.starts) - 1
        at = find(needle)
        if at < 0:
            return 0
        flags = bytearray(last)
        line = 0
        while at >= 0:
            # Its line, among the next few first: hits come in order, a frequent word's close
            # together (a fifth less time for a word in every seventh question).
            near = line + 16
            line = bisect_right(starts, at, line, near if near < last and starts[near] > at
                                else last) - 1
            flags[line] = 1
            at = find(needle, starts[line + 1])  # one hit per line is enough
        return bits_of_flags(flags)


def _question_column(view: IndexView) -> Callable[[str], tuple[Any, ...]]:
    """A document's question column by its id (`passage_rows.question_column`), read from
    Whoosh's column of each segment."""
    fast = view.fast
    columns = [leaf.column_reader(QUESTIONS, translate=False) for leaf in fast.leaves]

    def column(doc_id: str) -> tuple[Any, ...]:
        i, local = fast.locate(doc_id)
        return columns[i][local]

    return column


class CorpusViews:
    """The question bank and the statistics of one index version (see the module's docstring)."""

    def __init__(self, view: IndexView) -> None:
        self.view = view
        self._table: QuestionTable | None = None
        self._building = threading.Lock()
        self._stats: dict[tuple[str, bool], TagStats] = {}
        self._results: dict[Hashable, tuple[array[int], int]] = {}

    def tag_stats(self, vocabulary: str, include_unused: bool) -> TagStats:
        key = (vocabulary, include_unused)
        got = self._stats.get(key)
        if got is None:
            view = self.view
            got = self._stats[key] = tag_stats(
                (view.meta.docs[d] for d in view.browse_order), view.taxonomy, vocabulary,
                include_unused=include_unused)
        return got

    def table(self, should_stop: Callable[[], bool] | None = None) -> QuestionTable | None:
        """The question table, read on first use; None when `should_stop` said so first. Safe
        to call from several threads (one reads, the others wait for it)."""
        with self._building:
            if self._table is None:
                try:
                    self._table = QuestionTable(self.view, should_stop)
                except Stopped:
                    return None
            return self._table

    def question_bank(self, plan: Plan, filters: Filters, offset: int, limit: int,
                      only: frozenset[tuple[str, str | None]] | None, scope: str,
                      should_stop: Callable[[], bool] | None) -> BankResult:
        started = time.perf_counter()
        table = self.table()  # (the engine reads it first, outside its lock, as it may stop)
        assert table is not None
        try:
            (ordered, bits), notes = self._matching(table, plan, filters, only, scope, should_stop)
        except Stopped:
            return BankResult(plan.text, filters, 0, 0, offset, (), stopped=True,
                              elapsed_ms=(time.perf_counter() - started) * 1000)
        chosen = {THEME: filters.theme, AGENCY: filters.agency}
        tag_bits = {fld: table.tag_bits(fld, scope) for fld in chosen}
        selected = {fld: reduce(or_, (tag_bits[fld].get(v, 0) for v in values), 0) if values
                    else table.all for fld, values in chosen.items()}
        # Each facet counts the questions within the other's selection.
        facets = {fld: _facet_values(tag_bits[fld], bits & selected[other], chosen[fld],
                                     partial(self.view.taxonomy.label, vocabulary))
                  for fld, other, vocabulary in ((THEME, AGENCY, "themes"),
                                                 (AGENCY, THEME, "agencies"))}
        kept: Sequence[int] = ordered
        if filters.theme or filters.agency:
            wanted = set(ids_of(bits & selected[THEME] & selected[AGENCY]))
            kept = array("i", filter(wanted.__contains__, ordered))
        offset, limit = max(0, int(offset)), max(0, int(limit))
        page = table.page(self.view, kept[offset:offset + limit], plan.terms)
        return BankResult(plan.text, filters, len(kept), table.size, offset, page, facets,
                          terms=plan.terms, notes=notes,
                          elapsed_ms=(time.perf_counter() - started) * 1000)

    def _matching(self, table: QuestionTable, plan: Plan, filters: Filters,
                  only: frozenset[tuple[str, str | None]] | None, scope: str,
                  should_stop: Callable[[], bool] | None,
                  ) -> tuple[tuple[array[int], int], tuple[str, ...]]:
        """The questions matching the query, the document filters and `only`, best documents
        first (in order and as a bit set), before the theme and agency filters; cached, so
        later pages and ticked facets cost no new search."""
        doc_filters = Filters(board=filters.board, year=filters.year, doc_type=filters.doc_type)
        key = (plan.text, doc_filters, only, scope)
        got = self._results.get(key)
        if got is not None:
            return got, ()
        view = self.view
        notes: tuple[str, ...] = ()
        root = plan.root
        if should_stop is not None and should_stop():
            raise Stopped
        bits = table.all
        if root is not None:  # a leaf met twice in the plan is looked for once
            bits = plan_bits(root, cache(partial(table.leaf_bits, scope=scope)), table.all)
        if not doc_filters.is_empty():
            allowed = view.facets.apply_bits(view.facets.all, doc_filters, counts=False)[0]
            number = view.facets.index
            bits &= table.of_docs(lambda meta: allowed >> number[meta.id] & 1)
        ordered = list(range(table.size)) if bits == table.all else ids_of(bits)
        pre = without_negations(root)
        if pre is not None and ordered:
            # Best documents first, as the browser ranks them; questions in source order.
            ranked = view.rank((plan.text, "positive"), pre, time.monotonic() + MATCH_SECONDS,
                               should_stop)
            if ranked.timed_out:
                if should_stop is not None and should_stop():
                    raise Stopped
                notes = (NOTE_SLOW,)
            else:
                position = dict(zip(view.order(ranked), count()))
                # Each matched question's document's rank, looked up in C (a key function in
                # Python took about 20 ms for the 135,000 questions at 10,000 documents).
                ids = map(attrgetter("id"), map(table.docs.__getitem__,
                                                map(table.doc_of.__getitem__, ordered)))
                rank = dict(zip(ordered, map(position.get, ids, repeat(len(position))), strict=True))
                ordered.sort(key=rank.__getitem__)
        if only is not None:
            chosen = table.numbered(view, only)
            ordered = [q for q in ordered if q in chosen]
            bits = reduce(or_, (1 << q for q in ordered), 0)  # a few starred questions
        result = (array("i", ordered), bits)  # 4 bytes a question, kept
        if not notes:  # never keep what a search cut short
            if len(self._results) >= 8:
                self._results.pop(next(iter(self._results)))
            self._results[key] = result
        return result, notes


def _facet_values(tag_bits: dict[str, int], base: int, selected: frozenset[str],
                  label: Callable[[str], str]) -> tuple[FacetValue, ...]:
    values = [FacetValue(v, label(v), n, v in selected)
              for v, b in tag_bits.items() if (n := (b & base).bit_count())]
    values.sort(key=lambda fv: (-fv.count, fv.label.lower()))
    return tuple(values)


_VIEWS: weakref.WeakKeyDictionary[IndexView, CorpusViews] = weakref.WeakKeyDictionary()
_VIEWS_LOCK = threading.Lock()


def views_of(view: IndexView) -> CorpusViews:
    """The corpus views of one index version, made on first use and gone with the version."""
    with _VIEWS_LOCK:
        got = _VIEWS.get(view)
        if got is None:
            got = _VIEWS[view] = CorpusViews(view)
        return got
