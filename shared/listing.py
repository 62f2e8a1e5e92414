"""Paging and sorting of the lists officers read without a cadre id (`GET /concerns`, `/signals`,
`/cases`, `/appeals`, `/plans`): the page is the body, a list as before; the total count travels in
the `X-Total-Count` header so a client can page without a second request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Query, Response

T = TypeVar("T")
PageQuery = Annotated[int, Query(ge=1, le=100_000, description="1-based page number")]
SizeQuery = Annotated[int, Query(ge=1, le=1000, description="entries per page")]
TOTAL_HEADER = "X-Total-Count"


def paged(items: list[T], response: Response, page: int, size: int,
          sort_key: Callable[[T], Any] | None = None, descending: bool = False) -> list[T]:
    """One page of the items (sorted first when a key is given); the total in the header."""
    if sort_key is not None:
        items = sorted(items, key=sort_key, reverse=descending)
    response.headers[TOTAL_HEADER] = str(len(items))
    return items[(page - 1) * size: page * size]
