"""Tier features as field permissions: `@strawberry.field(permission_classes=[requires(F)])`.

A caller whose tier lacks the feature (or who has no tier: anonymous) gets the field as null with
`FEATURE_NOT_IN_TIER` and `extensions.feature`.
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from strawberry.permission import BasePermission

from accounts.tiers import Feature, policy_for
from core.errors import ErrorCode


@cache
def requires(feature: Feature) -> type[BasePermission]:
    """The permission class for one feature (one class per feature, shared by every field)."""

    class RequiresFeature(BasePermission):
        gated_feature: ClassVar[Feature] = feature  # read by schema/feature_gates.py
        message = f"The {feature.value.replace('_', ' ')} feature is not in your tier."
        error_extensions = {  # noqa: RUF012 (read-only; BasePermission declares it)
            "code": ErrorCode.FEATURE_NOT_IN_TIER.value,
            "feature": feature.value,
        }

        def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
            # One instance serves every request: decide, never store per-caller state on it.
            tier = info.context.principal.tier
            return tier is not None and policy_for(tier).allows(feature)

    RequiresFeature.__name__ = f"Requires{feature.name.title().replace('_', '')}"
    return RequiresFeature


def feature_required_by(permission: type[BasePermission]) -> Feature | None:
    """The feature a permission class from `requires` stands for; None for any other class."""
    feature = getattr(permission, "gated_feature", None)
    return feature if isinstance(feature, Feature) else None
