"""The API's side of valuation jobs: queue one, cancel it, read it, follow its progress.

Resolvers call these and only map GraphQL in and out; the worker's side is workers/, and what the
two share (statuses, stages, stored shapes, Redis names) is contracts/.
"""
