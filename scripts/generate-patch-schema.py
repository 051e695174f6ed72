#!/usr/bin/env python3
"""Extracts the strategic-merge facts kustomize's kyaml walker reads from the Kubernetes
OpenAPI (swagger v2) document and writes them as a compact Swift table.

kyaml only consults the schema to decide whether a list is merged by key
(`x-kubernetes-patch-strategy` containing `merge`) and with which keys
(`x-kubernetes-list-map-keys`, else `x-kubernetes-patch-merge-key`). Everything else is
dropped: we keep the merge lists, and the references that lead from a kind's root
definition down to them, so the table stays small.

Usage: scripts/generate-patch-schema.py [swagger.json] [output.swift]
"""
import json
import sys

DEFAULT_SWAGGER = "/work/shared/schemas/kubernetes/v1.36.2/swagger.json"
DEFAULT_OUTPUT = "Sources/Rendering/Patching/KubernetesPatchSchema+Data.swift"

# kustomize's built-in schema is the union of Kubernetes 1.21.2 .. 1.36, so kinds that newer
# releases removed still merge by key. Map those old group/versions to the current
# definition of the same kind (field layouts match where merge lists are concerned).
LEGACY_ALIASES = {
    ("apps", "v1beta1"): ("apps", "v1"),
    ("apps", "v1beta2"): ("apps", "v1"),
    ("extensions", "v1beta1"): None,  # per kind below
    ("batch", "v1beta1"): ("batch", "v1"),
    ("policy", "v1beta1"): ("policy", "v1"),
    ("networking.k8s.io", "v1beta1"): ("networking.k8s.io", "v1"),
    ("rbac.authorization.k8s.io", "v1beta1"): ("rbac.authorization.k8s.io", "v1"),
    ("admissionregistration.k8s.io", "v1beta1"): ("admissionregistration.k8s.io", "v1"),
    ("autoscaling", "v2beta1"): ("autoscaling", "v2"),
    ("autoscaling", "v2beta2"): ("autoscaling", "v2"),
    ("storage.k8s.io", "v1beta1"): ("storage.k8s.io", "v1"),
    ("scheduling.k8s.io", "v1beta1"): ("scheduling.k8s.io", "v1"),
    ("coordination.k8s.io", "v1beta1"): ("coordination.k8s.io", "v1"),
    ("discovery.k8s.io", "v1beta1"): ("discovery.k8s.io", "v1"),
    ("events.k8s.io", "v1beta1"): ("events.k8s.io", "v1"),
    ("node.k8s.io", "v1beta1"): ("node.k8s.io", "v1"),
    ("certificates.k8s.io", "v1beta1"): ("certificates.k8s.io", "v1"),
}
EXTENSIONS_KINDS = {  # extensions/v1beta1 kinds and where they live now
    "Deployment": ("apps", "v1"), "DaemonSet": ("apps", "v1"), "ReplicaSet": ("apps", "v1"),
    "Ingress": ("networking.k8s.io", "v1"), "NetworkPolicy": ("networking.k8s.io", "v1"),
}
LEGACY_KINDS = {  # kinds to alias for the group/versions above
    ("apps", "v1beta1"): ["Deployment", "StatefulSet", "ControllerRevision"],
    ("apps", "v1beta2"): ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision"],
    ("batch", "v1beta1"): ["CronJob"],
    ("policy", "v1beta1"): ["PodDisruptionBudget"],
    ("networking.k8s.io", "v1beta1"): ["Ingress", "IngressClass"],
    ("rbac.authorization.k8s.io", "v1beta1"): ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"],
    ("admissionregistration.k8s.io", "v1beta1"): ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
    ("autoscaling", "v2beta1"): ["HorizontalPodAutoscaler"],
    ("autoscaling", "v2beta2"): ["HorizontalPodAutoscaler"],
    ("storage.k8s.io", "v1beta1"): ["StorageClass", "VolumeAttachment", "CSIDriver", "CSINode"],
    ("scheduling.k8s.io", "v1beta1"): ["PriorityClass"],
    ("coordination.k8s.io", "v1beta1"): ["Lease"],
    ("discovery.k8s.io", "v1beta1"): ["EndpointSlice"],
    ("events.k8s.io", "v1beta1"): ["Event"],
    ("node.k8s.io", "v1beta1"): ["RuntimeClass"],
    ("certificates.k8s.io", "v1beta1"): ["CertificateSigningRequest"],
}


# Definition-name prefixes written as one character to keep the table small; the Swift
# reader expands them again (PatchSchema+Table.swift).
ABBREVIATIONS = [("io.k8s.apimachinery.pkg.apis.meta.v1.", "^"), ("io.k8s.api.", "~")]


def ref_name(schema):
    ref = schema.get("$ref", "")
    prefix = "#/definitions/"
    return ref[len(prefix):] if ref.startswith(prefix) else None


def merge_keys(schema):
    """The merge keys of a list kyaml merges by key, or None when it replaces the list."""
    strategy = schema.get("x-kubernetes-patch-strategy")
    if not strategy or "merge" not in strategy.split(","):
        return None
    if "x-kubernetes-list-map-keys" in schema:
        return list(schema["x-kubernetes-list-map-keys"])
    key = schema.get("x-kubernetes-patch-merge-key")
    return [key] if key else []


class Extractor:
    def __init__(self, definitions):
        self.definitions = definitions
        self.interesting = set()

    def link(self, schema):
        """Encodes the part of a property schema kyaml can use; None when it is irrelevant."""
        name = ref_name(schema)
        if name is not None:  # kyaml resolves a $ref and ignores its siblings
            return name if name in self.interesting else None
        keys = merge_keys(schema)
        if keys is not None:
            element = self.link(schema.get("items") or {}) or ""
            return "[" + element + "@" + ",".join(keys)
        additional = schema.get("additionalProperties")
        if isinstance(additional, dict):
            inner = self.link(additional)
            if inner is not None:
                return "{" + inner
        return None

    def properties(self, definition):
        result = []
        for field, schema in sorted(definition.get("properties", {}).items()):
            encoded = self.link(schema)
            if encoded is not None:
                result.append((field, encoded))
        additional = definition.get("additionalProperties")
        if isinstance(additional, dict):
            encoded = self.link(additional)
            if encoded is not None:
                result.append(("*", encoded))
        return result

    def compute(self):
        # Grow the set of definitions that lead to a merge list until it is stable.
        changed = True
        while changed:
            changed = False
            for name, definition in self.definitions.items():
                if name not in self.interesting and self.properties(definition):
                    self.interesting.add(name)
                    changed = True


def main():
    swagger_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SWAGGER
    output_path = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT
    with open(swagger_path) as f:
        definitions = json.load(f)["definitions"]
    extractor = Extractor(definitions)
    extractor.compute()

    kinds = {}
    for name, definition in definitions.items():
        if name not in extractor.interesting:
            continue
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            kinds[(gvk.get("group", ""), gvk["version"], gvk["kind"])] = name
    for (group, version), target in LEGACY_ALIASES.items():
        kind_list = EXTENSIONS_KINDS.keys() if target is None else LEGACY_KINDS.get((group, version), [])
        for kind in kind_list:
            g, v = EXTENSIONS_KINDS[kind] if target is None else target
            current = kinds.get((g, v, kind))
            if current and (group, version, kind) not in kinds:
                kinds[(group, version, kind)] = current

    lines = []
    for (group, version, kind), name in sorted(kinds.items()):
        lines.append(f"G {group}/{version}/{kind} {name}")
    for name in sorted(extractor.interesting):
        props = " ".join(f"{field}={encoded}" for field, encoded in extractor.properties(definitions[name]))
        lines.append(f"D {name} {props}")

    body = "\n".join(lines)
    for prefix, token in ABBREVIATIONS:
        body = body.replace(prefix, token)
    with open(output_path, "w") as f:
        f.write("// Generated by scripts/generate-patch-schema.py from the Kubernetes 1.36.2 OpenAPI\n")
        f.write("// document (Apache-2.0). Do not edit. Format: see PatchSchema+Table.swift.\n\n")
        f.write("extension PatchSchema {\n")
        f.write("    static let kubernetesTable = \"\"\"\n")
        f.write(body)
        f.write("\n\"\"\"\n}\n")
    print(f"{len(kinds)} kinds, {len(extractor.interesting)} definitions, {len(body)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
