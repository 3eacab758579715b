"""The data that crosses processes, typed once: what the API stores for a valuation job, what the
worker stores beside it and publishes about it, and the names both use in Redis."""
