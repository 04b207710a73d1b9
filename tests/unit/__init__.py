"""Unit tests: one module or function at a time, no site build."""
