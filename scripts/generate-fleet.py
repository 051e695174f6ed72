#!/usr/bin/env python3
"""Generate a synthetic Flux monorepo ("fleet") for scale tests of discovery by rendering.

Layout (the usual Flux monorepo shape):
  clusters/<c>/flux-system/{gotk-components.yaml,gotk-sync.yaml,kustomization.yaml}
  clusters/<c>/cluster-vars.yaml      ConfigMap read through postBuild.substituteFrom
  clusters/<c>/apps.yaml              Flux Kustomization "apps" (path ./fleet/<c>) substituting CLUSTER into ...
  fleet/<c>/<group>.yaml              ... one Namespace and one Flux Kustomization per app (path uses ${CLUSTER}, dependsOn);
                                      outside clusters/<c>, or the bootstrap would apply them unsubstituted
  apps/base/<app>/                    Deployment, Service, configMapGenerator, kustomization
  apps/overlays/<c>/<app>/            namePrefix, a replicas patch, an image override

With the defaults (20 clusters x 500 apps) that is 10,000 app Kustomizations plus 2 per cluster.
Output is deterministic for a given seed.
"""
import argparse
import os
import random
import shutil

REGIONS = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1"]
GROUP_SIZE = 25


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def cluster_name(index):
    return f"cluster-{index:02d}"


def app_name(index):
    return f"app-{index:04d}"


def bootstrap(out, cluster, repo_url):
    base = os.path.join(out, "clusters", cluster, "flux-system")
    write(os.path.join(base, "gotk-components.yaml"), """\
apiVersion: v1
kind: Namespace
metadata:
  name: flux-system
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: kustomize-controller
  namespace: flux-system
spec:
  replicas: 1
  selector:
    matchLabels:
      app: kustomize-controller
  template:
    metadata:
      labels:
        app: kustomize-controller
    spec:
      containers:
      - name: manager
        image: ghcr.io/fluxcd/kustomize-controller:v1.9.0
""")
    write(os.path.join(base, "gotk-sync.yaml"), f"""\
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  url: {repo_url}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./clusters/{cluster}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
""")
    write(os.path.join(base, "kustomization.yaml"), """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- gotk-components.yaml
- gotk-sync.yaml
""")


def cluster_files(out, cluster, index, apps, rng):
    root = os.path.join(out, "clusters", cluster)
    write(os.path.join(root, "cluster-vars.yaml"), f"""\
apiVersion: v1
kind: ConfigMap
metadata:
  name: cluster-vars
  namespace: flux-system
data:
  CLUSTER: {cluster}
  REGION: {REGIONS[index % len(REGIONS)]}
  REPLICAS: "{rng.randint(1, 4)}"
""")
    write(os.path.join(root, "apps.yaml"), f"""\
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./fleet/{cluster}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  postBuild:
    substitute:
      CLUSTER: {cluster}
""")
    for start in range(0, apps, GROUP_SIZE):
        documents = []
        for app in range(start, min(start + GROUP_SIZE, apps)):
            name = app_name(app)
            depends = ""
            if app != start:
                # Each app in a group waits for the group's first app.
                depends = f"""\
  dependsOn:
  - name: {app_name(start)}
"""
            # The app's namespace is created with its Kustomization (Flux never creates it).
            documents.append(f"""\
apiVersion: v1
kind: Namespace
metadata:
  name: {name}
""")
            documents.append(f"""\
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: {name}
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps/overlays/${{CLUSTER}}/{name}
  prune: true
  wait: {"true" if app == start else "false"}
  targetNamespace: {name}
  sourceRef:
    kind: GitRepository
    name: flux-system
{depends}  postBuild:
    substituteFrom:
    - kind: ConfigMap
      name: cluster-vars
""")
        write(os.path.join(out, "fleet", cluster, f"group-{start // GROUP_SIZE:03d}.yaml"), "---\n".join(documents))


def base_app(out, name, rng):
    root = os.path.join(out, "apps", "base", name)
    port = 8000 + rng.randint(0, 999)
    write(os.path.join(root, "kustomization.yaml"), f"""\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- deployment.yaml
- service.yaml
configMapGenerator:
- name: {name}-config
  literals:
  - LOG_LEVEL={rng.choice(["debug", "info", "warn"])}
  - PORT={port}
""")
    write(os.path.join(root, "deployment.yaml"), f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels:
    app: {name}
spec:
  replicas: ${{REPLICAS:=2}}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
      - name: {name}
        image: registry.example.com/{name}:1.0.0
        ports:
        - containerPort: {port}
        env:
        - name: CLUSTER
          value: ${{CLUSTER}}
        - name: REGION
          value: ${{REGION}}
        envFrom:
        - configMapRef:
            name: {name}-config
        resources:
          requests:
            cpu: {rng.choice(["50m", "100m", "250m"])}
            memory: {rng.choice(["64Mi", "128Mi", "256Mi"])}
""")
    write(os.path.join(root, "service.yaml"), f"""\
apiVersion: v1
kind: Service
metadata:
  name: {name}
spec:
  selector:
    app: {name}
  ports:
  - port: 80
    targetPort: {port}
""")


def overlay(out, cluster, name, rng):
    root = os.path.join(out, "apps", "overlays", cluster, name)
    write(os.path.join(root, "kustomization.yaml"), f"""\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- ../../../base/{name}
namePrefix: {cluster}-
images:
- name: registry.example.com/{name}
  newTag: 1.{rng.randint(0, 9)}.{rng.randint(0, 20)}
patches:
- patch: |
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: {name}
      annotations:
        fleet.example.com/tier: {rng.choice(["gold", "silver", "bronze"])}
""")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir")
    parser.add_argument("--clusters", type=int, default=20)
    parser.add_argument("--apps", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20260)
    parser.add_argument("--repo-url", default="ssh://git@github.com/example/fleet")
    parser.add_argument("--force", action="store_true", help="replace OUTDIR if it exists")
    args = parser.parse_args()

    if os.path.exists(args.outdir):
        if not args.force:
            parser.error(f"{args.outdir} exists (use --force to replace it)")
        shutil.rmtree(args.outdir)
    rng = random.Random(args.seed)
    for app in range(args.apps):
        base_app(args.outdir, app_name(app), rng)
    for index in range(args.clusters):
        cluster = cluster_name(index)
        bootstrap(args.outdir, cluster, args.repo_url)
        cluster_files(args.outdir, cluster, index, args.apps, rng)
        for app in range(args.apps):
            overlay(args.outdir, cluster, app_name(app), rng)
    total = args.clusters * (args.apps + 2)
    print(f"wrote {args.outdir}: {args.clusters} clusters, {args.apps} apps, {total} Flux Kustomizations")


if __name__ == "__main__":
    main()
