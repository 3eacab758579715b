"""Relay-style connections: one generic `Connection[T]` and `Edge[T]` for every paginated list.

strawberry names a specialisation after its node type, so `Connection[Company]` is the SDL's
`CompanyConnection` and `Edge[Filing]` its `FilingEdge`: a new list gets the usual names without
declaring a type. Cursors are made and read by `schema/pagination.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

import strawberry

NodeType = TypeVar("NodeType")


@strawberry.type(description="Where a page sits in its connection.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether a page exists after this one.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the page's last edge; pass it as `after` to fetch the next page."
    )


@strawberry.type(description="One item of a connection, with its cursor.")
class Edge(Generic[NodeType]):
    cursor: str = strawberry.field(description="Opaque cursor of this edge.")
    node: NodeType = strawberry.field(description="The item.")


@strawberry.type(
    description="A page of a list, in the order its field describes; `pageInfo` says how to fetch "
    "the next page."
)
class Connection(Generic[NodeType]):
    edges: list[Edge[NodeType]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Pagination state.")
    total_count: int = strawberry.field(
        description="Number of items across all pages, after the field's filter if it has one."
    )

    @classmethod
    def of(
        cls, nodes: Iterable[tuple[str, NodeType]], *, has_next_page: bool, total_count: int
    ) -> Connection[NodeType]:
        """A page of (cursor, node) pairs; its end cursor is the last edge's."""
        edges = [Edge(cursor=cursor, node=node) for cursor, node in nodes]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=has_next_page, end_cursor=edges[-1].cursor if edges else None
            ),
            total_count=total_count,
        )
