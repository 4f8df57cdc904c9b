"""`make bench`: the newsroom's performance suite (see docs/performance.md).

``bench.run`` orchestrates; every measurement runs in its own process with production
settings (DEBUG off), against a dedicated database built by ``generate_corpus``.
"""
