"""HTTP access to upstreams: one resilient, pooled client per upstream (see ARCHITECTURE.md)."""
