"""The Kustomize overlays render, validate against the Kubernetes schemas, and
describe the deployment the services' contract needs."""

from __future__ import annotations

import re

import deploy_support as ds
import kubernetes_validate
import pytest

# Settings every service reads from its environment (the services' contract).
CONTRACT_ENV = {
    "NATS_URL",
    "NATS_USER",
    "NATS_PASSWORD",
    "PERSISTENCE_MODULE",
    "POSTGRES_HOST",
    "POSTGRES_PORT",
    "POSTGRES_DBNAME",
    "POSTGRES_USER",
    "POSTGRES_PASSWORD",
    "POSTGRES_SCHEMA",
    "POSTGRES_ENABLE_DB_FUNCTIONS",
    "POSTGRES_POOL_SIZE",
    "CIPHER_TOPIC",
    "CIPHER_KEY",
    "COMPRESSOR_TOPIC",
    "CADRE_JWT_PUBLIC_KEY",
    "CADRE_ORG_TREE_FILE",
    "CADRE_TRACE_EXPORTER",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "CADRE_STREAM_REPLICAS",
    "CADRE_ENV",
    "CADRE_HTTP_HOST",
    "CADRE_HTTP_PORT",
}
SECRET_ENV = {
    "NATS_PASSWORD",
    "POSTGRES_PASSWORD",
    "CIPHER_KEY",
    "POSTGRES_USER",
    "CADRE_JWT_PUBLIC_KEY",
}
FIXED_VALUES = {
    "PERSISTENCE_MODULE": "eventsourcing.postgres",
    "POSTGRES_ENABLE_DB_FUNCTIONS": "y",
    "CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher",
    "COMPRESSOR_TOPIC": "shared.eventstore.compressor:EventCompressor",
    "CADRE_HTTP_HOST": "0.0.0.0",
    "CADRE_HTTP_PORT": "8000",
    "POSTGRES_PORT": "5432",
}
# eventsourcing.postgres's default POSTGRES_MAX_OVERFLOW (not set by the services).
EVENTSOURCING_MAX_OVERFLOW = 10

# Fields of CloudNativePG's postgresql.cnpg.io/v1 Cluster used (or plausibly
# used) here; anything else is most likely a typo the operator would reject.
CNPG_SPEC_FIELDS = {
    "instances",
    "imageName",
    "imageCatalogRef",
    "imagePullPolicy",
    "primaryUpdateStrategy",
    "primaryUpdateMethod",
    "enableSuperuserAccess",
    "superuserSecret",
    "storage",
    "walStorage",
    "bootstrap",
    "postgresql",
    "resources",
    "affinity",
    "backup",
    "monitoring",
    "managed",
    "description",
    "inheritedMetadata",
    "minSyncReplicas",
    "maxSyncReplicas",
    "enablePDB",
    "topologySpreadConstraints",
    "priorityClassName",
    "certificates",
    "externalClusters",
    "replica",
    "logLevel",
    "startDelay",
    "stopDelay",
    "switchoverDelay",
    "failoverDelay",
    "smartShutdownTimeout",
    "nodeMaintenanceWindow",
    "plugins",
    "tablespaces",
    "env",
    "envFrom",
    "serviceAccountTemplate",
    "projectedVolumeTemplate",
    "ephemeralVolumesSizeLimit",
}
CNPG_INITDB_FIELDS = {
    "database",
    "owner",
    "secret",
    "postInitSQL",
    "postInitApplicationSQL",
    "postInitTemplateSQL",
    "postInitApplicationSQLRefs",
    "postInitSQLRefs",
    "encoding",
    "localeCollate",
    "localeCType",
    "locale",
    "dataChecksums",
    "walSegmentSize",
    "options",
    "import",
    "builtinLocale",
    "icuLocale",
    "icuRules",
    "localeProvider",
}


def service_deployment(docs: list[dict], svc: str) -> dict:
    return ds.get(docs, "Deployment", svc)


def service_container(docs: list[dict], svc: str) -> dict:
    containers = ds.pod_spec(service_deployment(docs, svc))["containers"]
    assert len(containers) == 1, f"{svc}: expected one container"
    return containers[0]


def config_value(docs: list[dict], name: str) -> str:
    cms = [d for d in ds.by_kind(docs, "ConfigMap") if name in (d.get("data") or {})]
    values = {cm["data"][name] for cm in cms}
    assert len(values) == 1, f"{name}: expected one value in the ConfigMaps, found {values}"
    return values.pop()


# ------------------------------------------------------------ rendering ----


def test_every_overlay_renders_objects(docs: list[dict]) -> None:
    kinds = {d["kind"] for d in docs}
    assert {"Deployment", "StatefulSet", "Job", "Cluster", "NetworkPolicy", "Secret"} <= kinds
    for doc in docs:
        assert doc.get("apiVersion") and doc.get("kind") and doc["metadata"].get("name")


def test_every_object_validates_against_pinned_kubernetes_schema(docs: list[dict]) -> None:
    errors, custom = [], []
    for doc in docs:
        ident = f"{doc['kind']}/{doc['metadata']['name']}"
        try:
            kubernetes_validate.validate(doc, ds.K8S_VERSION, strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            # Only the custom resources checked below may lack a schema.
            if (doc["apiVersion"], doc["kind"]) not in ds.CUSTOM_RESOURCES:
                errors.append(f"{ident}: no schema for {doc['apiVersion']} {doc['kind']}")
            custom.append(ident)
        except kubernetes_validate.ValidationError as e:
            path = ".".join(str(p) for p in e.path)
            errors.append(f"{ident}: {path}: {e.message}")
    assert not errors, "\n".join(errors)
    assert custom == ["Cluster/cadre-db"]


def test_all_namespaced_objects_live_in_the_cadre_namespace(docs: list[dict]) -> None:
    for doc in docs:
        if doc["kind"] == "Namespace":
            assert doc["metadata"]["name"] == ds.NAMESPACE
            continue
        assert doc["metadata"].get("namespace") == ds.NAMESPACE, doc["metadata"]["name"]


def test_every_reference_to_a_configmap_or_secret_resolves(docs: list[dict]) -> None:
    names = {(d["kind"], d["metadata"]["name"]): d for d in docs}

    def check(kind: str, name: str, key: str | None, where: str) -> None:
        target = names.get((kind, name))
        assert target is not None, f"{where}: {kind} {name} is not rendered"
        if key is not None:
            assert key in (target.get("data") or {}), f"{where}: {kind} {name} has no key {key}"

    for doc in ds.workloads(docs):
        spec = ds.pod_spec(doc)
        where = f"{doc['kind']}/{doc['metadata']['name']}"
        for volume in spec.get("volumes") or []:
            if "configMap" in volume:
                check("ConfigMap", volume["configMap"]["name"], None, where)
            if "secret" in volume:
                check("Secret", volume["secret"]["secretName"], None, where)
        for container in ds.all_containers(spec):
            for source in container.get("envFrom") or []:
                if "configMapRef" in source:
                    check("ConfigMap", source["configMapRef"]["name"], None, where)
                if "secretRef" in source and not source["secretRef"].get("optional"):
                    check("Secret", source["secretRef"]["name"], None, where)
            for env in container.get("env") or []:
                ref = env.get("valueFrom") or {}
                if "secretKeyRef" in ref:
                    check("Secret", ref["secretKeyRef"]["name"], ref["secretKeyRef"]["key"], where)
                if "configMapKeyRef" in ref:
                    r = ref["configMapKeyRef"]
                    check("ConfigMap", r["name"], r["key"], where)
    cluster = ds.get(docs, "Cluster", "cadre-db")
    check("Secret", cluster["spec"]["bootstrap"]["initdb"]["secret"]["name"], "username", "Cluster")


# ------------------------------------------------------------- services ----


@pytest.mark.parametrize("svc", ds.SERVICES)
def test_service_has_deployment_service_pdb_hpa_serviceaccount_networkpolicy(
    docs: list[dict], svc: str
) -> None:
    deployment = service_deployment(docs, svc)
    labels = ds.pod_labels(deployment)
    spec = ds.pod_spec(deployment)
    assert ds.selector_matches(deployment["spec"]["selector"], labels)

    # ServiceAccount without an API token.
    sa = ds.get(docs, "ServiceAccount", spec["serviceAccountName"])
    assert sa["automountServiceAccountToken"] is False
    assert spec.get("automountServiceAccountToken") is False

    # Service on 8000 reaching the container's http port.
    service = ds.get(docs, "Service", svc)
    assert ds.selector_matches({"matchLabels": service["spec"]["selector"]}, labels)
    container = service_container(docs, svc)
    named = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert [(p["port"], named.get(p["targetPort"], p["targetPort"])) for p in service["spec"]["ports"]] == [
        (ds.HTTP_PORT, ds.HTTP_PORT)
    ]

    # PodDisruptionBudget selecting the pods.
    pdbs = [
        p
        for p in ds.by_kind(docs, "PodDisruptionBudget")
        if ds.selector_matches(p["spec"]["selector"], labels)
    ]
    assert len(pdbs) == 1
    assert pdbs[0]["apiVersion"] == "policy/v1"

    # HPA (autoscaling/v2) on this Deployment, scaling on CPU requests.
    hpas = [
        h
        for h in ds.by_kind(docs, "HorizontalPodAutoscaler")
        if h["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": svc}
    ]
    assert len(hpas) == 1
    hpa = hpas[0]
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    assert deployment["spec"]["replicas"] == hpa["spec"]["minReplicas"]
    assert any(m["type"] == "Resource" and m["resource"]["name"] == "cpu" for m in hpa["spec"]["metrics"])
    assert container["resources"]["requests"]["cpu"]

    # NetworkPolicy selecting exactly this service's pods.
    own = [
        p
        for p in ds.by_kind(docs, "NetworkPolicy")
        if p["spec"]["podSelector"] and ds.selector_matches(p["spec"]["podSelector"], labels)
    ]
    assert len(own) == 1
    assert set(own[0]["spec"]["policyTypes"]) == {"Ingress", "Egress"}


@pytest.mark.parametrize("svc", ds.SERVICES)
def test_service_probes_use_healthz_and_readyz(docs: list[dict], svc: str) -> None:
    container = service_container(docs, svc)
    named = {p["name"]: p["containerPort"] for p in container["ports"]}

    def probe(name: str) -> tuple[str, int]:
        get = container[name]["httpGet"]
        return get["path"], named.get(get["port"], get["port"])

    assert probe("livenessProbe") == ("/healthz", ds.HTTP_PORT)
    assert probe("readinessProbe") == ("/readyz", ds.HTTP_PORT)
    if "startupProbe" in container:
        assert probe("startupProbe") == ("/healthz", ds.HTTP_PORT)


@pytest.mark.parametrize("svc", ds.SERVICES)
def test_service_runs_its_entry_point_from_the_project_image(docs: list[dict], svc: str) -> None:
    container = service_container(docs, svc)
    assert ds.is_project_image(container["image"])
    assert container["command"] == [f"cadre-{svc}"]
    assert not container.get("args")


def test_project_containers_only_run_the_project_entry_points(docs: list[dict]) -> None:
    entrypoint, cmd = ds.dockerfile_entrypoint_and_cmd()
    seen = set()
    for doc in ds.workloads(docs):
        for container in ds.all_containers(ds.pod_spec(doc)):
            if ds.is_project_image(container["image"]):
                argv = ds.effective_argv(container, entrypoint, cmd)
                assert argv[0] in ds.ENTRYPOINTS, f"{doc['metadata']['name']}: {argv}"
                seen.add(tuple(argv))
    assert ("cadre", "streams") in seen


@pytest.mark.parametrize("svc", ds.SERVICES)
def test_service_settings_come_from_configmaps_and_secrets(docs: list[dict], svc: str) -> None:
    env = ds.resolved_env(docs, service_container(docs, svc))
    assert CONTRACT_ENV <= set(env), f"missing: {sorted(CONTRACT_ENV - set(env))}"
    for name in SECRET_ENV:
        assert "secretKeyRef" in (env[name].get("valueFrom") or {}), f"{name} must be a Secret"
    for name in CONTRACT_ENV - SECRET_ENV:
        assert "configMap" in env[name], f"{name} must come from a ConfigMap"
    for name, value in FIXED_VALUES.items():
        assert env[name]["value"] == value, name
    assert env["POSTGRES_SCHEMA"]["value"] == svc
    assert env["NATS_USER"]["value"] == svc
    assert env["NATS_PASSWORD"]["valueFrom"]["secretKeyRef"]["key"] == svc
    assert env["CIPHER_KEY"]["valueFrom"]["secretKeyRef"]["key"] == svc
    assert env["CADRE_TRACE_EXPORTER"]["value"] in {"otlp", "console", "none"}
    assert env["CADRE_ENV"]["value"] in {"development", "production"}
    assert env["NATS_URL"]["value"] == "nats://nats:4222"
    ds.get(docs, "Service", "nats")  # NATS_URL's host
    cluster = ds.get(docs, "Cluster", "cadre-db")
    assert env["POSTGRES_HOST"]["value"] == f"{cluster['metadata']['name']}-rw"
    assert env["POSTGRES_DBNAME"]["value"] == cluster["spec"]["bootstrap"]["initdb"]["database"]


def test_services_use_separate_cipher_keys_and_nats_users(docs: list[dict]) -> None:
    keys = set()
    for svc in ds.SERVICES:
        env = ds.resolved_env(docs, service_container(docs, svc))
        ref = env["CIPHER_KEY"]["valueFrom"]["secretKeyRef"]
        keys.add((ref["name"], ref["key"]))
    assert len(keys) == len(ds.SERVICES)


# ------------------------------------------------------------- security ----


def test_every_pod_runs_as_non_root_with_restricted_security_context(docs: list[dict]) -> None:
    for doc in ds.workloads(docs):
        spec = ds.pod_spec(doc)
        pod_sc = spec.get("securityContext") or {}
        assert spec.get("automountServiceAccountToken") is False, doc["metadata"]["name"]
        # No NATS_PORT=tcp://... style variables clashing with NATS_*/CADRE_* settings.
        assert spec.get("enableServiceLinks") is False, doc["metadata"]["name"]
        for container in ds.all_containers(spec):
            sc = container.get("securityContext") or {}
            where = f"{doc['metadata']['name']}/{container['name']}"
            assert sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot")) is True, where
            assert sc.get("runAsUser", pod_sc.get("runAsUser", 1)) != 0, where
            assert sc.get("allowPrivilegeEscalation") is False, where
            assert sc.get("capabilities", {}).get("drop") == ["ALL"], where
            assert not sc.get("privileged"), where
            assert sc.get("readOnlyRootFilesystem") is True, where
            seccomp = sc.get("seccompProfile") or pod_sc.get("seccompProfile") or {}
            assert seccomp.get("type") in {"RuntimeDefault", "Localhost"}, where


def test_project_containers_run_as_the_image_user(docs: list[dict]) -> None:
    _, stages = ds.parse_dockerfile()
    image_uid = int(stages[-1].all("USER")[-1].split(":")[0])
    for doc in ds.workloads(docs):
        spec = ds.pod_spec(doc)
        for container in ds.all_containers(spec):
            if ds.is_project_image(container["image"]):
                uid = (container.get("securityContext") or {}).get(
                    "runAsUser", (spec.get("securityContext") or {}).get("runAsUser")
                )
                assert uid == image_uid, doc["metadata"]["name"]


def test_every_container_has_requests_and_memory_limit(docs: list[dict]) -> None:
    for doc in ds.workloads(docs):
        for container in ds.all_containers(ds.pod_spec(doc)):
            resources = container.get("resources") or {}
            where = f"{doc['metadata']['name']}/{container['name']}"
            assert {"cpu", "memory"} <= set(resources.get("requests") or {}), where
            assert "memory" in (resources.get("limits") or {}), where
            assert ds.quantity_bytes(resources["limits"]["memory"]) >= ds.quantity_bytes(
                resources["requests"]["memory"]
            ), where


def test_namespace_enforces_restricted_pod_security(docs: list[dict]) -> None:
    ns = ds.get(docs, "Namespace", ds.NAMESPACE)
    assert ns["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"


# ------------------------------------------------------ network policies ----


def endpoint_of(docs: list[dict], kind: str, name: str) -> ds.Endpoint:
    return ds.Endpoint(labels=ds.pod_labels(ds.get(docs, kind, name)))


CNPG_POD = ds.Endpoint(labels={"cnpg.io/cluster": "cadre-db", "cnpg.io/instanceRole": "primary"})
INGRESS_CONTROLLER = ds.Endpoint(
    labels={"app.kubernetes.io/name": "ingress-nginx"},
    namespace_labels={"kubernetes.io/metadata.name": "ingress-nginx"},
)
OTEL_COLLECTOR = ds.Endpoint(
    labels={"app": "otel-collector"},
    namespace_labels={"kubernetes.io/metadata.name": "observability"},
)
ELSEWHERE = ds.Endpoint(labels={"app": "random"}, namespace_labels={"kubernetes.io/metadata.name": "other"})
DNS = ds.Endpoint(
    labels={"k8s-app": "kube-dns"}, namespace_labels={"kubernetes.io/metadata.name": "kube-system"}
)


def test_default_deny_policy_exists(docs: list[dict]) -> None:
    deny = [
        p
        for p in ds.by_kind(docs, "NetworkPolicy")
        if p["spec"]["podSelector"] == {}
        and set(p["spec"].get("policyTypes") or []) == {"Ingress", "Egress"}
        and not p["spec"].get("ingress")
        and not p["spec"].get("egress")
    ]
    assert len(deny) == 1
    # An unlabelled pod may talk to nobody but DNS.
    policies = ds.by_kind(docs, "NetworkPolicy")
    stranger = ds.Endpoint(labels={"app": "stranger"})
    nats = endpoint_of(docs, "StatefulSet", "nats")
    assert not ds.allowed(policies, stranger, nats, 4222)
    assert not ds.allowed(policies, stranger, CNPG_POD, 5432)
    assert not ds.allowed(policies, ELSEWHERE, stranger, 8000)
    assert ds.allowed(policies, stranger, DNS, 53, "UDP")


@pytest.mark.parametrize("svc", ds.SERVICES)
def test_service_network_access_is_exactly_what_it_needs(docs: list[dict], svc: str) -> None:
    policies = ds.by_kind(docs, "NetworkPolicy")
    me = endpoint_of(docs, "Deployment", svc)
    nats = endpoint_of(docs, "StatefulSet", "nats")
    # Needed: NATS, PostgreSQL, OTLP collector, DNS; HTTP from the ingress controller.
    assert ds.allowed(policies, me, nats, 4222)
    assert ds.allowed(policies, me, CNPG_POD, 5432)
    assert ds.allowed(policies, me, OTEL_COLLECTOR, 4318)
    assert ds.allowed(policies, me, DNS, 53, "UDP")
    assert ds.allowed(policies, me, DNS, 53, "TCP")
    assert ds.allowed(policies, INGRESS_CONTROLLER, me, ds.HTTP_PORT)
    # Not needed: anything else.
    assert not ds.allowed(policies, ELSEWHERE, me, ds.HTTP_PORT)
    assert not ds.allowed(policies, me, nats, 6222)
    assert not ds.allowed(policies, me, nats, 8222)
    assert not ds.allowed(policies, me, ELSEWHERE, 443)
    assert not ds.allowed(policies, me, ELSEWHERE, 5432)
    for other in ds.SERVICES:
        peer = endpoint_of(docs, "Deployment", other)
        assert not ds.allowed(policies, me, peer, ds.HTTP_PORT), f"{svc} -> {other}"
    # The ports opened for these pods by any policy.
    egress_ports = set()
    ingress_ports = set()
    for policy in ds.policies_selecting(policies, me.labels, "Egress"):
        for rule in policy["spec"].get("egress") or []:
            egress_ports |= {p["port"] for p in rule.get("ports") or [{"port": "any"}]}
    for policy in ds.policies_selecting(policies, me.labels, "Ingress"):
        for rule in policy["spec"].get("ingress") or []:
            ingress_ports |= {p["port"] for p in rule.get("ports") or [{"port": "any"}]}
    assert egress_ports == {4222, 5432, 4318, 53}
    assert ingress_ports == {ds.HTTP_PORT}


def test_nats_and_database_network_access(docs: list[dict]) -> None:
    policies = ds.by_kind(docs, "NetworkPolicy")
    nats = endpoint_of(docs, "StatefulSet", "nats")
    job = endpoint_of(docs, "Job", "cadre-streams")
    assert ds.allowed(policies, nats, nats, 6222)  # cluster routes
    assert ds.allowed(policies, job, nats, 4222)  # stream provisioning
    assert not ds.allowed(policies, job, CNPG_POD, 5432)
    assert not ds.allowed(policies, ELSEWHERE, nats, 4222)
    assert not ds.allowed(policies, nats, CNPG_POD, 5432)
    assert ds.allowed(policies, CNPG_POD, CNPG_POD, 5432)  # replication
    operator = ds.Endpoint(
        labels={"app.kubernetes.io/name": "cloudnative-pg"},
        namespace_labels={"kubernetes.io/metadata.name": "cnpg-system"},
    )
    assert ds.allowed(policies, operator, CNPG_POD, 8000)
    assert not ds.allowed(policies, ELSEWHERE, CNPG_POD, 5432)


def test_nats_admits_producers_clients_and_nothing_else(rendered: dict[str, list[dict]],
                                                          docs: list[dict]) -> None:
    policies = ds.by_kind(docs, "NetworkPolicy")
    nats = endpoint_of(docs, "StatefulSet", "nats")
    producers_ns = {"kubernetes.io/metadata.name": "petitions", "cadre.io/nats-producers": "true"}
    producer = ds.Endpoint(labels={"app": "petitions-bridge", "cadre.io/nats-producer": "true"},
                           namespace_labels=producers_ns)
    assert ds.allowed(policies, producer, nats, 4222)
    # Only NATS's client port, only labelled pods, only in namespaces the operator opened.
    assert not ds.allowed(policies, producer, nats, 6222)
    assert not ds.allowed(policies, producer, nats, 8222)
    for service in ds.SERVICES:
        assert not ds.allowed(policies, producer, endpoint_of(docs, "Deployment", service), ds.HTTP_PORT)
    assert not ds.allowed(policies, producer, CNPG_POD, 5432)
    unlabelled = ds.Endpoint(labels={"app": "petitions-bridge"}, namespace_labels=producers_ns)
    assert not ds.allowed(policies, unlabelled, nats, 4222)
    elsewhere = ds.Endpoint(labels={"cadre.io/nats-producer": "true"},
                            namespace_labels={"kubernetes.io/metadata.name": "other"})
    assert not ds.allowed(policies, elsewhere, nats, 4222)


def test_production_lets_outside_producers_in_over_tls_on_the_client_port_only(
    rendered: dict[str, list[dict]],
) -> None:
    docs = rendered["production"]
    external = ds.get(docs, "Service", "nats-external")
    assert external["spec"]["type"] == "LoadBalancer"
    assert [p["port"] for p in external["spec"]["ports"]] == [4222]
    nats = endpoint_of(docs, "StatefulSet", "nats")
    assert ds.selector_matches({"matchLabels": external["spec"]["selector"]}, nats.labels)
    outside = ds.get(docs, "NetworkPolicy", "nats-external-producers")["spec"]
    assert ds.selector_matches(outside["podSelector"], nats.labels)
    for rule in outside["ingress"]:
        assert all("ipBlock" in peer for peer in rule["from"])
        assert rule["ports"] == [{"protocol": "TCP", "port": 4222}]
    files = nats_conf_files(docs)
    assert "include ./tls.conf" in files["nats.conf"]
    assert 'cert_file: "/etc/nats-tls/tls.crt"' in files["tls.conf"]
    # The single-node overlay, inside one trusted network, has neither.
    single = rendered["single-node"]
    assert not [d for d in single if d["metadata"]["name"] == "nats-external"]
    assert "tls {" not in nats_conf_files(single)["tls.conf"]


# -------------------------------------------------------------- NATS ----


def nats_conf_files(docs: list[dict]) -> dict[str, str]:
    sts = ds.get(docs, "StatefulSet", "nats")
    volume = next(v for v in ds.pod_spec(sts)["volumes"] if "configMap" in v)
    return ds.get(docs, "ConfigMap", volume["configMap"]["name"])["data"]


def test_nats_statefulset_is_a_jetstream_server_with_persistent_storage(docs: list[dict]) -> None:
    sts = ds.get(docs, "StatefulSet", "nats")
    spec = ds.pod_spec(sts)
    (container,) = spec["containers"]
    assert ds.image_repository(container["image"]) == "nats"
    assert re.match(r"^(docker\.io/(library/)?)?nats:\d+\.\d+\.\d+", container["image"]), (
        "use the official nats image with a pinned version"
    )
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"client": 4222, "cluster": 6222, "monitor": 8222}

    # Config from the ConfigMap, data on the volumeClaimTemplate.
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    config_volume = next(v for v in spec["volumes"] if "configMap" in v)
    config_path = container["args"][container["args"].index("--config") + 1]
    assert config_path == f"{mounts[config_volume['name']]}/nats.conf"
    files = nats_conf_files(docs)
    assert "nats.conf" in files
    for included in re.findall(r"^\s*include\s+\.?/?(\S+)", files["nats.conf"], re.M):
        assert included in files, f"nats.conf includes {included}, not in the ConfigMap"

    (claim,) = sts["spec"]["volumeClaimTemplates"]
    assert claim["metadata"]["name"] in mounts
    assert claim["spec"]["accessModes"] == ["ReadWriteOnce"]
    pvc_bytes = ds.quantity_bytes(claim["spec"]["resources"]["requests"]["storage"])
    data_mount = mounts[claim["metadata"]["name"]]
    conf = "\n".join(files.values())
    store_dir = re.search(r"store_dir:\s*(\S+)", conf).group(1)
    assert store_dir.startswith(data_mount + "/"), "JetStream must store on the PVC"
    max_file = ds.nats_size_bytes(re.search(r"max_file_store:\s*(\S+)", conf).group(1))
    assert max_file < pvc_bytes, "max_file_store must fit the PVC"

    # Headless service for stable peer names; probes on the monitor port.
    headless = ds.get(docs, "Service", sts["spec"]["serviceName"])
    assert headless["spec"]["clusterIP"] == "None"
    assert headless["spec"]["publishNotReadyAddresses"] is True
    for probe in ("livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"]["path"].startswith("/healthz")
        assert container[probe]["httpGet"]["port"] == "monitor"


def test_nats_cluster_routes_match_the_replica_count(docs: list[dict]) -> None:
    sts = ds.get(docs, "StatefulSet", "nats")
    replicas = sts["spec"]["replicas"]
    conf = "\n".join(nats_conf_files(docs).values())
    routes = re.findall(r"nats://([\w.-]+):6222", conf)
    if replicas == 1:
        assert not re.search(r"^\s*cluster\s*\{", conf, re.M), "standalone server needs no cluster"
        assert routes == []
    else:
        assert re.search(r"^\s*cluster\s*\{", conf, re.M)
        headless = sts["spec"]["serviceName"]
        assert sorted(routes) == [f"nats-{i}.{headless}" for i in range(replicas)]
        assert sts["spec"]["podManagementPolicy"] == "Parallel"


def test_nats_users_exist_for_every_service_producer_and_the_admin(docs: list[dict]) -> None:
    conf = nats_conf_files(docs)["auth.conf"]
    users = re.findall(r'"user":\s*"(\w+)",\s*"password":\s*\$(\w+)', conf)
    assert {u for u, _ in users} == set(ds.NATS_USERS)
    sts = ds.get(docs, "StatefulSet", "nats")
    env = ds.env_sources(ds.pod_spec(sts)["containers"][0])
    for user, variable in users:
        assert env[variable]["valueFrom"]["secretKeyRef"]["key"] == user


def test_stream_provisioning_job(docs: list[dict]) -> None:
    job = ds.get(docs, "Job", "cadre-streams")
    (container,) = ds.pod_spec(job)["containers"]
    assert container["command"] + container.get("args", []) == ["cadre", "streams"]
    env = ds.resolved_env(docs, container)
    assert env["NATS_USER"]["value"] == "admin"
    assert env["NATS_PASSWORD"]["valueFrom"]["secretKeyRef"]["key"] == "admin"
    assert env["NATS_URL"]["value"] == "nats://nats:4222"
    nats_replicas = ds.get(docs, "StatefulSet", "nats")["spec"]["replicas"]
    assert int(env["CADRE_STREAM_REPLICAS"]["value"]) == nats_replicas
    assert job["spec"]["backoffLimit"] >= 5, "must retry until NATS is up"


# ----------------------------------------------------------- PostgreSQL ----


def test_cnpg_cluster_required_fields(docs: list[dict]) -> None:
    (cluster,) = ds.by_kind(docs, "Cluster")
    assert cluster["apiVersion"] == "postgresql.cnpg.io/v1"
    spec = cluster["spec"]
    assert set(spec) <= CNPG_SPEC_FIELDS, f"unknown fields {set(spec) - CNPG_SPEC_FIELDS}"
    assert isinstance(spec["instances"], int) and spec["instances"] >= 1
    assert ds.quantity_bytes(spec["storage"]["size"]) > 0
    initdb = spec["bootstrap"]["initdb"]
    assert set(initdb) <= CNPG_INITDB_FIELDS, f"unknown fields {set(initdb) - CNPG_INITDB_FIELDS}"
    assert initdb["database"] == "cadre"
    assert initdb["owner"] == "cadre"
    secret = ds.get(docs, "Secret", initdb["secret"]["name"])
    assert secret["type"] == "kubernetes.io/basic-auth"
    created = {
        m.group(1)
        for sql in initdb["postInitApplicationSQL"]
        for m in [re.match(r"CREATE SCHEMA (?:IF NOT EXISTS )?(\w+) AUTHORIZATION (\w+)", sql)]
        if m and m.group(2) == initdb["owner"]
    }
    assert created == set(ds.SERVICES)
    for value in spec.get("postgresql", {}).get("parameters", {}).values():
        assert isinstance(value, str), "CNPG parameters must be strings"
    assert spec.get("affinity", {}).get("podAntiAffinityType", "preferred") in {
        "preferred",
        "required",
    }


def test_database_connection_budget(docs: list[dict]) -> None:
    cluster = ds.get(docs, "Cluster", "cadre-db")
    max_connections = int(cluster["spec"]["postgresql"]["parameters"]["max_connections"])
    pool = int(config_value(docs, "POSTGRES_POOL_SIZE"))
    per_pod = pool + EVENTSOURCING_MAX_OVERFLOW
    worst_case = sum(h["spec"]["maxReplicas"] * per_pod for h in ds.by_kind(docs, "HorizontalPodAutoscaler"))
    # Leave room for replication, the operator and an operator's psql session.
    assert worst_case + 10 <= max_connections, (worst_case, max_connections)


# -------------------------------------------------------------- overlays ----


def test_production_overlay_is_highly_available(rendered: dict[str, list[dict]]) -> None:
    docs = rendered["production"]
    for svc in ds.SERVICES:
        assert service_deployment(docs, svc)["spec"]["replicas"] >= 2, svc
        hpa = ds.get(docs, "HorizontalPodAutoscaler", svc)
        assert hpa["spec"]["minReplicas"] >= 2, svc
        pdb = ds.get(docs, "PodDisruptionBudget", svc)
        assert pdb["spec"].get("maxUnavailable") == 1 or pdb["spec"].get("minAvailable", 0) >= 1
    assert ds.get(docs, "StatefulSet", "nats")["spec"]["replicas"] == 3
    assert ds.get(docs, "Cluster", "cadre-db")["spec"]["instances"] == 3
    assert config_value(docs, "CADRE_STREAM_REPLICAS") == "3"
    assert config_value(docs, "CADRE_ENV") == "production"
    nats_pdb = ds.get(docs, "PodDisruptionBudget", "nats")
    assert nats_pdb["spec"]["maxUnavailable"] == 1, "keep the JetStream R3 quorum"
    for kind, name in [("StatefulSet", "nats")] + [("Deployment", s) for s in ds.SERVICES]:
        spread = ds.pod_spec(ds.get(docs, kind, name))["topologySpreadConstraints"]
        assert [c["whenUnsatisfiable"] for c in spread] == ["DoNotSchedule"], name
    assert ds.get(docs, "Cluster", "cadre-db")["spec"]["affinity"]["podAntiAffinityType"] == "required"
    # An immutable, registry-qualified image, never :latest.
    for doc in ds.workloads(docs):
        for container in ds.all_containers(ds.pod_spec(doc)):
            image = container["image"]
            assert ":" in image.rsplit("/", 1)[-1] or "@" in image, image
            assert not image.endswith(":latest"), image
            if ds.is_project_image(image):
                assert "/" in image, "push the image to a registry"


def test_single_node_overlay_is_small(rendered: dict[str, list[dict]]) -> None:
    docs = rendered["single-node"]
    for svc in ds.SERVICES:
        assert service_deployment(docs, svc)["spec"]["replicas"] == 1
        assert ds.get(docs, "HorizontalPodAutoscaler", svc)["spec"]["minReplicas"] == 1
    assert ds.get(docs, "StatefulSet", "nats")["spec"]["replicas"] == 1
    assert ds.get(docs, "Cluster", "cadre-db")["spec"]["instances"] == 1
    assert config_value(docs, "CADRE_STREAM_REPLICAS") == "1"
    # A 1-replica PDB must still allow node drains.
    for pdb in ds.by_kind(docs, "PodDisruptionBudget"):
        assert "minAvailable" not in pdb["spec"], pdb["metadata"]["name"]
