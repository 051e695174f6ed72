# Shipshape — build, test, demo and benchmark entry points.
# Works on a fresh Debian 12 machine: `make deps` installs the system libraries, and the
# Swift toolchain is taken from /opt/swift even when it is not on the caller's PATH.

export PATH := /opt/swift/usr/bin:$(PATH)
SHELL := /bin/bash

SHIPSHAPE := .build/release/shipshape
BENCH := .build/release/ShipshapeBench
CORPUS ?= ../shared/corpus
OUT := out

# System packages: C libraries wrapped by the Sources/C* system-library targets, pkg-config
# to locate them, and tools used by the schema/report checks (jsonschema, xmllint) and by
# `make demo` to draw the dependency graph (graphviz's dot).
DEPS_PKGS := libyaml-dev libpcre2-dev libgit2-dev libcurl4-openssl-dev pkg-config \
	python3-jsonschema libxml2-utils graphviz

.DEFAULT_GOAL := build
.PHONY: deps build demo test bench clean

deps:
	@set -e; missing=""; \
	for pkg in $(DEPS_PKGS); do \
		dpkg-query -W -f='$${Status}' "$$pkg" 2>/dev/null | grep -q "install ok installed" \
			|| missing="$$missing $$pkg"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all present"; exit 0; fi; \
	sudo=""; \
	if [ "$$(id -u)" -ne 0 ]; then \
		if command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
		else echo "deps: missing:$$missing - run as root or install sudo" >&2; exit 1; fi; \
	fi; \
	echo "deps: installing:$$missing"; \
	$$sudo apt-get update; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	echo "deps: installed:$$missing"

build: deps
	swift build -c release --product shipshape

# The examples contain deliberate findings, so `lint` exits 1 there; only other
# statuses (2 = usage/configuration error, crashes) fail the demo.
demo: build
	@mkdir -p $(OUT)
	$(SHIPSHAPE) lint examples || test $$? -eq 1
	$(SHIPSHAPE) lint examples --format sarif > $(OUT)/examples.sarif || test $$? -eq 1
	$(SHIPSHAPE) lint examples --format json > $(OUT)/examples.json || test $$? -eq 1
	$(SHIPSHAPE) build examples/apps/production > $(OUT)/production.yaml
	@echo "demo: rendered examples/apps/production natively into $(OUT)/production.yaml"
	@echo "demo: wrote $(OUT)/examples.sarif"
	@echo "demo: wrote $(OUT)/examples.json"
	$(SHIPSHAPE) graph examples --format dot > .build/examples-graph.dot
	@mkdir -p docs
	dot -Tsvg .build/examples-graph.dot -o docs/examples-graph.svg
	@echo "demo: drew the examples' dependency graph into docs/examples-graph.svg"
	$(SHIPSHAPE) plan examples --out .build/examples-plan.json
	$(SHIPSHAPE) apply .build/examples-plan.json --target dir:$(OUT)/hydrated
	@echo "demo: wrote the plan to .build/examples-plan.json and its hydrated manifests to $(OUT)/hydrated"

test: deps
	swift build --build-tests
	swift test

bench: deps
	swift build -c release --product ShipshapeBench
	$(BENCH) $(CORPUS)
	python3 scripts/generate-fleet.py .build/fleet
	$(BENCH) --fleet .build/fleet
	$(BENCH) --graph $(CORPUS)
	$(BENCH) --rules $(CORPUS)
	$(BENCH) --sops $(CORPUS)/../conformance/sops/generated
	$(BENCH) --plan $(CORPUS)

clean:
	rm -rf .build $(OUT)
