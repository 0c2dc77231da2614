"""Benchmarks for scrbrowse at national scale: a synthetic corpus generator and a timing harness.

Not part of `make test`. Run `make bench` (1k and 10k documents) or `python -m bench --help`.
"""
