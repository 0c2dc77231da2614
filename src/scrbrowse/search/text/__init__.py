"""Text analysis shared by the index and the query: words, stems, sentence gaps, stop words,
taxonomy phrasings found in text, highlights. (Layers: docs/architecture.md.)"""
