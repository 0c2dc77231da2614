"""Facet counts from the in-memory document data (the sidecar), never from Whoosh grouping.

Multi-select faceting: OR within a facet, AND across facets, and each facet's own counts use only
the *other* facets' selections, so ticking "Neglect" does not make every other theme read 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import reduce
from operator import and_, attrgetter, or_

from ...taxonomy import Taxonomy
from ..api import FACETS, NO_BOARD, UNDATED, FacetValue, Filters
from ..index.catalogue import DocMeta

# Facets a taxonomy vocabulary names: each value present is listed even at 0, so absence shows.
_VOCAB = {"theme": "themes", "agency": "agencies", "doc_type": "doc_types"}


class FacetTable:
    """Per-document facet values as bit sets over the documents, built once per index version.

    Each facet value is one Python int with a bit per document; a count is then one `&` and one
    `bit_count()` on ints of a few kilobytes, done in C, whatever the number of documents.
    """

    def __init__(self, docs: dict[str, DocMeta], taxonomy: Taxonomy, ids: Sequence[str | None]) -> None:
        """`ids`: the document at each bit (None for a slot no document uses), so the bit sets line
        up with the search's own document numbers."""
        self.taxonomy = taxonomy
        self.index = {d: i for i, d in enumerate(ids) if d is not None}
        size = (len(ids) + 7) // 8
        live = bytearray(size)
        flags: list[defaultdict[str, bytearray]] = [defaultdict(lambda: bytearray(size)) for _ in FACETS]
        for i, did in enumerate(ids):
            d = docs.get(did) if did is not None else None
            if d is None:
                continue
            vals = (d.themes, d.agencies, (d.board or NO_BOARD,), (d.year or UNDATED,),
                    (d.doc_type,))
            byte, bit = i >> 3, 1 << (i & 7)
            live[byte] |= bit
            for f, values in enumerate(vals):
                for v in values:
                    flags[f][v][byte] |= bit
        self.all = int.from_bytes(live, "little")
        self.bits = [{v: int.from_bytes(arr, "little") for v, arr in fl.items()} for fl in flags]
        # Labels, and each facet's values in the order they are listed when counts tie (by
        # label; years newest first): worked out once, not at every search.
        self.labels = [{v: self._label(facet, v) for v in self.bits[i]} for i, facet in enumerate(FACETS)]
        self.order = [sorted(self.bits[i], key=_year_order if facet == "year" else
                             lambda v, i=i: (self.labels[i][v].lower(), v))
                      for i, facet in enumerate(FACETS)]

    def apply_bits(self, matched: int, filters: Filters, *, counts: bool = True,
                   ) -> tuple[int, dict[str, tuple[FacetValue, ...]]]:
        """The matched documents (a bit set) that pass the filters, and the facet counts."""
        # Per facet, the documents having any selected value; -1 (every bit) when none is.
        chosen = [reduce(or_, (self.bits[f].get(v, 0) for v in selected), 0)
                  if (selected := filters.get(facet)) else -1 for f, facet in enumerate(FACETS)]
        matched &= self.all
        keep = reduce(and_, chosen, matched)
        if not counts:
            return keep, {}
        facets = {}
        for f, facet in enumerate(FACETS):
            base = reduce(and_, (m for g, m in enumerate(chosen) if g != f), matched)
            found = {v: (b & base).bit_count() for v, b in self.bits[f].items()}
            facets[facet] = self._listing(f, facet, found, filters.get(facet))
        return keep, facets

    def _listing(self, i: int, facet: str, counts: dict[str, int], selected: frozenset[str],
                 ) -> tuple[FacetValue, ...]:
        """Most documents first, ties in `order` (years: newest first, whatever the counts)."""
        labels = self.labels[i]
        values = [v for v in self.order[i] if facet in _VOCAB or counts[v] or v in selected]
        out = [FacetValue(v, labels[v], counts[v], v in selected) for v in values]
        out += [FacetValue(v, self._label(facet, v), 0, True) for v in selected - self.bits[i].keys()]
        if facet == "year":
            out.sort(key=lambda fv: _year_order(fv.value))
        elif len(out) > len(values):  # a value ticked that no document has
            out.sort(key=lambda fv: (-fv.count, fv.label.lower(), fv.value))
        else:  # stable: ties stay in label order
            out.sort(key=attrgetter("count"), reverse=True)
        return tuple(out)

    def _label(self, facet: str, value: str) -> str:
        vocab = _VOCAB.get(facet)
        return self.taxonomy.label(vocab, value) if vocab else value


def _year_order(value: str) -> tuple[bool, int, str]:
    """Newest first, undated last."""
    return (value == UNDATED, *((-int(value), value) if value.isdigit() else (0, value)))
