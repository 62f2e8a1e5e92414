"""The console's manifests: its own Deployment and Service running `cadre-console` in production
mode, reaching the four services' HTTP APIs and the identity provider, and nothing it does not use
(no NATS, no database, no credentials of either)."""

from __future__ import annotations

import deploy_support as ds
from test_deploy_manifests import CNPG_POD, DNS, ELSEWHERE, INGRESS_CONTROLLER, endpoint_of


def test_the_console_is_its_own_deployment_and_service(docs: list[dict]) -> None:
    deployment = ds.get(docs, "Deployment", "console")
    container = ds.pod_spec(deployment)["containers"][0]
    assert container["command"] == ["cadre-console"] and ds.is_project_image(container["image"])
    service = ds.get(docs, "Service", "console")
    assert ds.selector_matches({"matchLabels": service["spec"]["selector"]}, ds.pod_labels(deployment))
    config = ds.get(docs, "ConfigMap", next(
        s["configMapRef"]["name"] for s in container["envFrom"] if "configMapRef" in s))["data"]
    assert config["CADRE_ENV"] == "production"
    assert config["CONSOLE_AUDIT_URL"] == "http://audit:8000"
    assert "CONSOLE_DEV_SIGNING_KEY_FILE" not in config  # no development sign-in in a cluster
    secrets = {(e.get("valueFrom") or {}).get("secretKeyRef", {}).get("name")
               for e in container.get("env") or []}
    assert not secrets & {"cadre-db-app", "cadre-nats-users", "cadre-cipher-keys"}


def test_the_console_reaches_the_services_and_nothing_else_inside(docs: list[dict]) -> None:
    policies = ds.by_kind(docs, "NetworkPolicy")
    console = endpoint_of(docs, "Deployment", "console")
    assert ds.allowed(policies, INGRESS_CONTROLLER, console, ds.HTTP_PORT)
    assert not ds.allowed(policies, ELSEWHERE, console, ds.HTTP_PORT)
    for svc in ds.SERVICES:
        assert ds.allowed(policies, console, endpoint_of(docs, "Deployment", svc), ds.HTTP_PORT), svc
    assert ds.allowed(policies, console, ELSEWHERE, 443)  # the OpenID Connect provider
    assert ds.allowed(policies, console, DNS, 53, "UDP")
    assert not ds.allowed(policies, console, endpoint_of(docs, "StatefulSet", "nats"), 4222)
    assert not ds.allowed(policies, console, CNPG_POD, 5432)
