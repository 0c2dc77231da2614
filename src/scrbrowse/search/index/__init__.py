"""The index on disk: a Whoosh index whose segments also hold flat-array postings (our codec);
how it is written, updated, opened, checked and locked. (Layers: docs/architecture.md.)"""
