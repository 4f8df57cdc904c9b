"""A synthetic newsroom for benchmarks: ``generate_corpus`` and what it is built from."""

from bench.synthetic.build import CorpusStats, generate_corpus

__all__ = ["CorpusStats", "generate_corpus"]
