"""Running a plan over the index: which documents and passages match, their scores, and
facet counts. (Layers: docs/architecture.md.)"""
