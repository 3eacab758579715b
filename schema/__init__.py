"""The schema's vocabulary: GraphQL types, enums, IDs, pagination and the per-request context.

The root types and the assembled schema are in `api/`, above the resolvers that fill them in.
"""
