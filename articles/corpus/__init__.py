"""A synthetic newsroom for benchmarks: ``generate_corpus`` and what it is built from."""

from articles.corpus.build import CorpusStats, generate_corpus

__all__ = ["CorpusStats", "generate_corpus"]
