"""Query cost limits: a maximum per query and a bucket of points per caller (Shopify-style).

`QueryCost` is a schema extension built per operation. After validation, before any resolver runs
(`on_execute`), it compiles the operation's cost plan (`limits/cost_plan.py`) and:

1. refuses a query whose requested cost is over `max_cost` with `MAX_COST_EXCEEDED`;
2. else takes the requested cost from the caller's bucket (`Principal.limit_key`, sized by
   `Principal.cost_bucket`, in `services.redis`), refusing with `THROTTLED` when it cannot pay;
3. after execution, computes the actual cost from the data returned and refunds the difference.

A refusal sets `execution_context.result`, which strawberry reads as "already executed": no
resolver runs, and the other extensions' hooks still run (error masking keeps the codes, which
belong to `IpovalError`s). Every response that reaches execution, refused or not, carries
`extensions.cost`: `{requestedQueryCost, actualQueryCost (null when not executed), throttleStatus
{maximumAvailable, currentlyAvailable, restoreRate}}`. A document that fails to parse or validate is
never costed, so its response has no `cost`.

Only operations that came from outside the process draw from a bucket: those whose context has a
`request` (HTTP or websocket; `edge/graphql_app.py` always sets it). In-process callers (jobs,
benchmarks, tests that build a `Context` themselves) run our own code under the default anonymous
principal, so they get the maximum-cost check and the requested and actual costs, with
`throttleStatus` null and no Redis round trip. If Redis fails, the query is let through
unthrottled (fail open, logged): the bucket protects capacity, it is not authorisation.

The hooks are `on_execute` and `get_results` only; there is no `resolve` hook, so fields stay
synchronous where their resolvers are.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from redis.exceptions import RedisError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from core.errors import IpovalError, MaxCostExceeded, Throttled
from limits.cost_bucket import BucketStatus, CostBucket
from limits.cost_plan import actual_cost, build_plan, requested_cost, select_operation

log = logging.getLogger("ipoval.graphql.cost")

DEFAULT_MAX_COST = 1_000


class QueryCost(SchemaExtension):
    def __init__(
        self,
        *,
        max_cost: int = DEFAULT_MAX_COST,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.max_cost = max_cost
        self.clock = clock  # for tests: seconds; None means Redis's clock
        self._requested: int | None = None
        self._actual: int | None = None
        self._status: BucketStatus | None = None
        self._restore_rate: float | None = None

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.graphql_document is None:  # pragma: no cover - strawberry parsed it already
            yield
            return
        plan = build_plan(
            context.schema._schema,
            context.graphql_document,
            context.variables,
            context.operation_name,
        )
        requested = self._requested = requested_cost(plan)
        bucket, key, (maximum, restore_rate) = self._bucket()

        refusal: IpovalError | None = None
        if requested > self.max_cost:
            refusal = MaxCostExceeded(
                f"Query cost is {requested}, which exceeds the single query maximum cost "
                f"({self.max_cost}).",
                cost=requested,
                maxCost=self.max_cost,
            )
            # Nothing is taken, but the caller still learns where their bucket stands.
            await self._take(bucket, key, 0, maximum, restore_rate)
        else:
            await self._take(bucket, key, requested, maximum, restore_rate)
            if self._status is not None and not self._status.allowed:
                refusal = Throttled(
                    f"Throttled: the query costs {requested} and "
                    f"{self._status.currently_available} of {maximum} points are available "
                    f"(restored at {restore_rate:g} per second).",
                    cost=requested,
                )

        if refusal is not None:
            if context.operation_type is OperationType.SUBSCRIPTION:
                # Subscriptions ignore `result`; strawberry turns an exception raised here into
                # the operation's error.
                raise refusal
            context.result = GraphQLExecutionResult(data=None, errors=[self._error(refusal)])
            yield
            return

        yield

        result = context.result
        if not isinstance(result, GraphQLExecutionResult) or (
            context.operation_type is OperationType.SUBSCRIPTION
        ):
            return  # a subscription's results come later: it pays its requested cost
        actual = self._actual = actual_cost(plan, result.data)
        if bucket is not None and key is not None and actual < requested:
            try:
                self._status = await bucket.refund(key, requested - actual, maximum, restore_rate)
            except (RedisError, OSError):
                log.warning("query-cost refund failed for %s", key, exc_info=True)

    def get_results(self) -> dict[str, Any]:
        if self._requested is None:
            return {}
        status = self._status
        return {
            "cost": {
                "requestedQueryCost": self._requested,
                "actualQueryCost": self._actual,
                "throttleStatus": None
                if status is None
                else {
                    "maximumAvailable": status.maximum,
                    "currentlyAvailable": status.currently_available,
                    "restoreRate": self._restore_rate,
                },
            }
        }

    def _bucket(self) -> tuple[CostBucket | None, str | None, tuple[int, float]]:
        context = self.execution_context.context
        principal = getattr(context, "principal", None)
        services = getattr(context, "services", None)
        redis = getattr(services, "redis", None)
        if (
            principal is None
            or redis is None
            or getattr(context, "request", None) is None
            or not services.settings.per_caller_limits  # type: ignore[union-attr]
        ):
            return None, None, (0, 0.0)
        maximum, restore_rate = principal.cost_bucket
        self._restore_rate = float(restore_rate)
        return CostBucket(redis, clock=self.clock), principal.limit_key, (maximum, restore_rate)

    async def _take(
        self,
        bucket: CostBucket | None,
        key: str | None,
        cost: int,
        maximum: int,
        restore_rate: float,
    ) -> None:
        if bucket is None or key is None:
            return
        try:
            self._status = await bucket.take(key, cost, maximum, restore_rate)
        except (RedisError, OSError):
            log.warning("query-cost bucket unavailable for %s; not throttled", key, exc_info=True)

    def _error(self, refusal: IpovalError) -> GraphQLError:
        document = self.execution_context.graphql_document
        operation = (
            select_operation(document, self.execution_context.operation_name)
            if document is not None
            else None
        )
        # graphql-core copies `extensions` (the code) from the original error.
        return GraphQLError(refusal.message, nodes=operation, original_error=refusal)
