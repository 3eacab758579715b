"""Caching of provider answers: an in-process LRU in front of Redis, single-flight fetches and
stale-on-error serving, applied to any adapter by `CachedProvider`."""
