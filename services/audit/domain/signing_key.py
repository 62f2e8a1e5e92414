"""The checkpoint signing key when it is kept in the service's own store (development and test;
production keeps it in a file on a secret volume, see bootstrap). Generated once, at first start."""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event


class StoredSigningKey(Aggregate):
    @staticmethod
    def create_id() -> UUID:
        return uuid5(NAMESPACE_URL, "cadre:audit-signing-key")

    @event("Generated")
    def __init__(self, private_pem: str) -> None:
        self.private_pem = private_pem
