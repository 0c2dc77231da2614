"""`python -m bench --tiers 1000,10000`: see bench/harness.py."""

from __future__ import annotations

from .harness import main

if __name__ == "__main__":
    raise SystemExit(main())
