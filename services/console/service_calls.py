"""Calls to the four services in the signed-in person's name; a refusal is raised, never hidden."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from services.console.refusals import Refusal, refusal_from


class ServiceRefused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(f"{refusal.service} answered {refusal.status} {refusal.code}: {refusal.detail}")
        self.refusal = refusal


class ServiceCalls:
    def __init__(self, urls: dict[str, str], token: str, purpose: str = "", timeout: float = 15.0) -> None:
        self._urls = urls
        self._headers = {"Authorization": f"Bearer {token}"}
        if purpose:
            # Supervisors state why they read; the service records it with the read.
            self._headers["X-Cadre-Reason"] = quote(purpose)
        self._timeout = timeout

    def _send(self, service: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = httpx.request(method, self._urls[service] + path, headers=self._headers,
                                     timeout=self._timeout, **kwargs)
        except httpx.HTTPError as error:
            raise ServiceRefused(Refusal(service, 503, "Unavailable", f"{service}: {error}")) from error
        if response.status_code >= 400:
            try:
                body: Any = response.json()
            except ValueError:
                body = response.text
            raise ServiceRefused(refusal_from(service, response.status_code, body))
        return response

    def get(self, service: str, path: str, **params: Any) -> Any:
        wanted = {k: v for k, v in params.items() if v not in (None, "")}
        return self._send(service, "GET", path, params=wanted).json()

    def every_page(self, service: str, path: str, size_name: str = "size", size: int = 1000,
                   **params: Any) -> list[Any]:
        """All of a list, page by page (the services cap a page at 1000 entries)."""
        found: list[Any] = []
        page = 1
        while True:
            chunk = self.get(service, path, page=page, **{size_name: size}, **params)
            found.extend(chunk)
            if len(chunk) < size:
                return found
            page += 1

    def get_text(self, service: str, path: str) -> str:
        return self._send(service, "GET", path).text

    def post(self, service: str, path: str, body: dict[str, Any]) -> Any:
        return self._send(service, "POST", path, json=body).json()

    def try_get(self, service: str, path: str, **params: Any) -> tuple[Any, Refusal | None]:
        """For pages that show several services' lists: one refusal does not blank the rest."""
        try:
            return self.get(service, path, **params), None
        except ServiceRefused as refused:
            return None, refused.refusal
