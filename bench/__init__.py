"""Benchmarks: runnable modules printing comparable numbers (see the README)."""
