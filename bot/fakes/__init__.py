"""Fake platform servers shipped with the code: tests and benchmarks count what they received."""
