"""Benchmarks: scripts that print their figures, as ratios against a baseline run in the same
process."""
