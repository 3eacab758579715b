"""The GraphQL schema: root types composed from per-domain resolvers, with limits on by default."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import strawberry
from graphql.error import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.types import ExecutionContext

from api.access import GENERIC_DOCUMENT_ERROR, AccessPolicy, may_read_document_errors
from api.error_handling import (
    MaskUnexpectedErrors,
    give_expected_error_a_code,
    is_coercion_error,
    is_syntax_error,
    is_unexpected,
    log_unexpected,
)
from api.input_strings import RefuseUnstorableVariables, UnstorableStringLiteralRule
from api.query_cost import QueryCost
from api.validation_rules import MaxDirectivesRule
from core.settings import Settings
from resolvers.accounts import AccountMutation, AccountQuery
from resolvers.companies import CompanyQuery
from resolvers.connections import ConnectionQuery
from resolvers.documents import DocumentMutation, DocumentQuery, DocumentSubscription
from resolvers.economy import EconomyQuery
from resolvers.progress import ValuationSubscription
from resolvers.registry import RegistryQuery
from resolvers.reports import BrandingMutation, BrandingQuery, ReportQuery, ReportSubscription
from resolvers.scenario import ScenarioQuery
from resolvers.valuations import CancelMutation, ValuationMutation, ValuationQuery

# The committed SDL partners read, kept beside the types it describes.
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"


@strawberry.type(
    description="Read access to companies, their peers and filings, the economy, the business "
    "registers, valuations and documents."
)
class Query(
    CompanyQuery,
    EconomyQuery,
    AccountQuery,
    ConnectionQuery,
    ValuationQuery,
    ScenarioQuery,
    RegistryQuery,
    DocumentQuery,
    ReportQuery,
    BrandingQuery,
):
    pass


@strawberry.type(description="Live updates over graphql-transport-ws.")
class Subscription(ValuationSubscription, DocumentSubscription, ReportSubscription):
    pass


@strawberry.type(
    description="Changes: sign-in and sessions, valuations, documents, the organisation's branding."
)
class Mutation(
    AccountMutation, ValuationMutation, CancelMutation, DocumentMutation, BrandingMutation
):
    pass


class IpovalSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Expected errors are part of the API, not incidents: log only the unexpected ones.
        # Parse errors never reach the masking extension, so expected errors get codes here too.
        log_unexpected(errors)
        context = execution_context.context if execution_context else None
        hide = context is not None and not may_read_document_errors(context)
        for error in errors:
            if not is_unexpected(error):
                give_expected_error_a_code(error)
            # Validation errors were collapsed by AccessPolicy; what is left to hide are syntax
            # errors and variable coercion errors (they name types). Refusals keep their message.
            if hide and (is_coercion_error(error) or is_syntax_error(error)):
                error.message = GENERIC_DOCUMENT_ERROR


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or Settings()
    # The limiters create a new rule class per instance, and ValidationCache keys on the rule
    # classes: built per request, they would make every validation a cache miss (measured: 69 % of
    # a `{ __typename }` request). So their rules are built once here and shared.
    limit_rules = [
        # Introspection counts too: the depth limit is what stops circular introspection queries.
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        MaxDirectivesRule.bounded(settings.max_directives),
        UnstorableStringLiteralRule,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
    ]
    extensions: list[Any] = [
        partial(AddValidationRules, limit_rules),
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(ParserCache, maxsize=1_000),
        partial(ValidationCache, maxsize=1_000),
        AccessPolicy,  # after ValidationCache: it must have the last word on errors
        RefuseUnstorableVariables,  # after AccessPolicy: only for operations that may run
        partial(QueryCost, max_cost=settings.max_query_cost),
        MaskUnexpectedErrors,
    ]
    return IpovalSchema(
        query=Query, mutation=Mutation, subscription=Subscription, extensions=extensions
    )
