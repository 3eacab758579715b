"""Limits per caller: the request-rate window, the query cost plan and the cost bucket it drains."""
