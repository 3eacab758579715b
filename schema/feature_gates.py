"""What each tier feature unlocks today.

A field is gated where it is declared, `permission_classes=[requires(feature)]`; this registry reads
those fields from the schema, so the link between a feature and its fields is written once. The
gates that are not fields are declared below. `me.features` lists only features with a gate: a
feature on the price list whose fields have not arrived is not offered as if it did something.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import strawberry
from graphql import GraphQLInterfaceType, GraphQLObjectType
from strawberry.types.field import StrawberryField

from accounts.tiers import Feature, Tier, policy_for
from schema.permissions import feature_required_by

# Enforced outside the field resolvers: API keys by accounts/authenticator.py (HTTP 403 for a tier
# without API access), introspection and the SDL by api/access.py.
NON_FIELD_GATES: Mapping[Feature, tuple[str, ...]] = {
    Feature.API_ACCESS: (
        "partner API keys (X-API-Key)",
        "introspection and GET /graphql/schema.graphql",
    ),
}


@cache
def gated_fields(schema: strawberry.Schema) -> Mapping[Feature, tuple[str, ...]]:
    """Schema coordinates (`Type.field`) of the fields each feature gates, sorted."""
    found: dict[Feature, list[str]] = {}
    for type_name, graphql_type in schema._schema.type_map.items():
        if not isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType):
            continue
        for field_name, field in graphql_type.fields.items():
            definition = field.extensions.get("strawberry-definition")
            if not isinstance(definition, StrawberryField):
                continue
            for permission in definition.permission_classes:
                feature = feature_required_by(permission)
                if feature is not None:
                    found.setdefault(feature, []).append(f"{type_name}.{field_name}")
    return {feature: tuple(sorted(fields)) for feature, fields in found.items()}


def gates(schema: strawberry.Schema) -> dict[Feature, tuple[str, ...]]:
    """Everything each feature unlocks: its fields, then its other gates."""
    fields = gated_fields(schema)
    return {
        feature: fields.get(feature, ()) + NON_FIELD_GATES.get(feature, ())
        for feature in Feature
        if fields.get(feature) or NON_FIELD_GATES.get(feature)
    }


def unlocked_features(tier: Tier | None, schema: strawberry.Schema) -> list[Feature]:
    """The tier's features that gate something today, in a stable order (anonymous: none)."""
    if tier is None:
        return []
    gating = gates(schema)
    return sorted(feature for feature in policy_for(tier).features if feature in gating)
