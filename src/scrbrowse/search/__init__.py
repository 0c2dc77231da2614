"""The index and everything that searches it, in layers: `api` (types), `text`, `index`, `query`,
`evaluation`, then the engine (`engine.py`). See docs/architecture.md."""
