"""Every service gets what access decisions need: the token verification key and the
organisation tree, mounted where CADRE_ORG_TREE_FILE says; production settings accept the result."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

import deploy_support as ds
import pytest

from shared.access.org_tree import org_tree_from
from shared.settings import ServiceSettings

# Stand-ins for the values the Secrets hold (the settings only check that they are there).
SECRET_STAND_INS = {
    "NATS_PASSWORD": "StandInPasswordOfTwentyFourPlus",
    "POSTGRES_USER": "cadre",
    "POSTGRES_PASSWORD": "StandInPasswordOfTwentyFourPlus",
    "CIPHER_KEY": "c3RhbmQtaW4ga2V5IG9mIDMyIGJ5dGVzIGxvbmcuLi4=",
    "CADRE_JWT_PUBLIC_KEY": ds.TEST_JWT_PUBLIC_KEY,
}


def service_container(docs: list[dict], svc: str) -> dict:
    deployment = ds.get(docs, "Deployment", svc)
    return ds.pod_spec(deployment)["containers"][0]


def mounted_file(docs: list[dict], svc: str, path: str) -> str:
    """The content the pod sees at `path`, from the ConfigMap volume mounted above it."""
    spec = ds.pod_spec(ds.get(docs, "Deployment", svc))
    file = PurePosixPath(path)
    for mount in service_container(docs, svc).get("volumeMounts") or []:
        if file.parent == PurePosixPath(mount["mountPath"]):
            volume = next(v for v in spec["volumes"] if v["name"] == mount["name"])
            assert "configMap" in volume, f"{svc}: {path} is not from a ConfigMap"
            assert mount.get("readOnly") is True
            data = ds.get(docs, "ConfigMap", volume["configMap"]["name"])["data"]
            assert file.name in data, f"{svc}: the ConfigMap holds no {file.name}"
            return str(data[file.name])
    raise AssertionError(f"{svc}: nothing is mounted at {file.parent}")


@pytest.mark.parametrize("svc", ds.SERVICES)
def test_the_organisation_tree_is_mounted_where_the_service_reads_it(docs: list[dict], svc: str) -> None:
    env = ds.resolved_env(docs, service_container(docs, svc))
    tree = org_tree_from(json.loads(mounted_file(docs, svc, env["CADRE_ORG_TREE_FILE"]["value"])))
    assert tree.parents, "the tree names no unit beneath another"
    assert "secretKeyRef" in env["CADRE_JWT_PUBLIC_KEY"]["valueFrom"]


@pytest.mark.parametrize("svc", ds.SERVICES)
def test_production_settings_accept_the_rendered_configuration(docs: list[dict], svc: str) -> None:
    env = ds.resolved_env(docs, service_container(docs, svc))
    values = {name.lower(): e.get("value", SECRET_STAND_INS.get(name)) for name, e in env.items()}
    assert values["cadre_env"] == "production"
    ServiceSettings.model_validate(values)
    without_tree = {k: v for k, v in values.items() if k != "cadre_org_tree_file"}
    with pytest.raises(ValueError, match="CADRE_ORG_TREE_FILE"):
        ServiceSettings.model_validate(without_tree)
