import Foundation
import Testing
@testable import Graph
import Rendering

@Suite struct GraphOutputTests {
    typealias Sample = GraphOutputSamples

    // MARK: Exact output for a tiny graph

    @Test func dotOfATinyGraph() {
        let text = DotGraphFormat().render([Sample.tiny], plan: [:], options: GraphOutputOptions())
        #expect(text == #"""
        digraph shipshape {
          rankdir=LR;
          compound=true;
          node [fontname="Helvetica", fontsize=10];
          edge [fontname="Helvetica", fontsize=9];
          subgraph "cluster_prod" {
            label="prod";
            style=rounded;
            color="#9ca3af";
            "prod/source:GitRepository/flux-system/flux-system" [label="GitRepository\nflux-system/flux-system", shape=cylinder, style=filled, fillcolor="#f3f4f6"];
            "prod/unit:Kustomization/flux-system/apps" [label="Kustomization\nflux-system/apps", shape=box, style=filled, fillcolor="#dbeafe"];
            "prod/unit:Kustomization/flux-system/infra" [label="Kustomization\nflux-system/infra", shape=box, style=filled, fillcolor="#dbeafe"];
            "prod/unit:Kustomization/flux-system/apps" -> "prod/source:GitRepository/flux-system/flux-system" [color="#4b5563", style=dashed];
            "prod/unit:Kustomization/flux-system/apps" -> "prod/unit:Kustomization/flux-system/infra" [color="#111827", penwidth=1.5];
            "prod/unit:Kustomization/flux-system/infra" -> "prod/source:GitRepository/flux-system/flux-system" [color="#4b5563", style=dashed];
          }
        }

        """#)
    }

    @Test func mermaidOfATinyGraph() {
        let text = MermaidGraphFormat().render([Sample.tiny], plan: [:], options: GraphOutputOptions())
        #expect(text == """
        flowchart LR
          subgraph n_cluster_prod["prod"]
            n_prod_source_GitRepository_flux_system_flux_system[("GitRepository<br/>flux-system/flux-system")]:::source
            n_prod_unit_Kustomization_flux_system_apps["Kustomization<br/>flux-system/apps"]:::kustomization
            n_prod_unit_Kustomization_flux_system_infra["Kustomization<br/>flux-system/infra"]:::kustomization
          end
          n_prod_unit_Kustomization_flux_system_apps -.-> n_prod_source_GitRepository_flux_system_flux_system
          n_prod_unit_Kustomization_flux_system_apps --> n_prod_unit_Kustomization_flux_system_infra
          n_prod_unit_Kustomization_flux_system_infra -.-> n_prod_source_GitRepository_flux_system_flux_system
          classDef kustomization fill:#dbeafe,stroke:#1e3a8a
          classDef source fill:#f3f4f6,stroke:#4b5563
          linkStyle 1 stroke:#111827,stroke-width:2px
          linkStyle 0,2 stroke:#4b5563,stroke-width:1px,stroke-dasharray:6 4

        """)
    }

    @Test func jsonOfATinyGraph() {
        var graph = ClusterGraph(cluster: "prod")
        let unit = Sample.unit("apps", wait: false)
        graph.nodes[unit.id] = unit
        let text = JSONGraphFormat().render([graph], plan: [:], options: GraphOutputOptions())
        #expect(text == """
        {
          "schemaVersion": 1,
          "view": "units",
          "clusters": [
            {
              "name": "prod",
              "nodes": [
                {
                  "id": "unit:Kustomization/flux-system/apps",
                  "role": "fluxKustomization",
                  "kind": "Kustomization",
                  "apiVersion": "kustomize.toolkit.fluxcd.io/v1",
                  "namespace": "flux-system",
                  "name": "apps",
                  "appliedBy": [],
                  "gpuProvider": false,
                  "file": "clusters/prod/apps.yaml",
                  "line": 1,
                  "column": 1
                }
              ],
              "edges": [],
              "external": []
            }
          ]
        }

        """)
    }

    @Test func stagesAsText() {
        let infra = NodeID.unit(.init(kind: "Kustomization", namespace: "flux-system", name: "infra"))
        let apps = NodeID.unit(.init(kind: "Kustomization", namespace: "flux-system", name: "apps"))
        let plan = ApplyPlan(stages: [.init(units: [infra]), .init(units: [apps])],
                             objectOrder: [infra: [Sample.crd.id, Sample.namespace.id,
                                                   .object(group: "apps", kind: "Deployment", namespace: "w", name: "web")]])
        var graph = Sample.tiny
        graph.nodes[Sample.crd.id] = Sample.crd
        graph.nodes[Sample.namespace.id] = Sample.namespace
        let text = StagesTextFormat().render([graph], plan: ["prod": plan], options: GraphOutputOptions(includesStages: true))
        #expect(text == """
        cluster prod
        stage 1: Kustomization/flux-system/infra
          Kustomization/flux-system/infra
            CustomResourceDefinition/widgets.example.com
            Namespace/widgets
            apps/Deployment/w/web
        stage 2: Kustomization/flux-system/apps
          Kustomization/flux-system/apps
            (no objects)

        """)
    }

    // MARK: Escaping and determinism

    @Test func quotesAndBackslashesAreEscaped() throws {
        var graph = ClusterGraph(cluster: #"we"ird\name"#)
        let odd = GraphNode(id: .unit(.init(kind: "Kustomization", namespace: "flux-system", name: #"a"b\c<d>#e"#)),
                            role: .fluxKustomization, apiVersion: "v1", kind: "Kustomization", namespace: "flux-system",
                            name: #"a"b\c<d>#e"#)
        graph.nodes[odd.id] = odd

        let dot = DotGraphFormat().render([graph], plan: [:], options: GraphOutputOptions())
        #expect(dot.contains(#"subgraph "cluster_we\"ird\\name" {"#))
        #expect(dot.contains(#"[label="Kustomization\nflux-system/a\"b\\c<d>#e", "#))

        let mermaid = MermaidGraphFormat().render([graph], plan: [:], options: GraphOutputOptions())
        #expect(mermaid.contains(#"["Kustomization<br/>flux-system/a#quot;b\c#lt;d#gt;#35;e"]"#))
        // Ids are bare words, whatever the names hold.
        for line in mermaid.split(separator: "\n") where line.hasPrefix("    n_") {
            let id = line.dropFirst(4).prefix { $0 != "[" }
            #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }, "\(line)")
        }

        let json = JSONGraphFormat().render([graph], plan: [:], options: GraphOutputOptions())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let cluster = try #require((document["clusters"] as? [[String: Any]])?.first)
        #expect(cluster["name"] as? String == #"we"ird\name"#)
        #expect((cluster["nodes"] as? [[String: Any]])?.first?["name"] as? String == #"a"b\c<d>#e"#)
    }

    @Test func mermaidNamesThatSanitizeAlikeStayDistinct() {
        var names = MermaidNames()
        let first = names.name(for: "prod a-b")
        let second = names.name(for: "prod a_b")
        #expect(first == "n_prod_a_b")
        #expect(second == "n_prod_a_b_2")
        #expect(names.name(for: "prod a-b") == first)
    }

    @Test func outputDoesNotDependOnInsertionOrder() {
        let graph = Sample.homelab
        var shuffled = ClusterGraph(cluster: graph.cluster, edges: graph.edges.reversed(), external: graph.external.reversed())
        for node in graph.nodes.values.sorted(by: { $0.id > $1.id }) { shuffled.nodes[node.id] = node }
        let other = ClusterGraph(cluster: "aaa-first")
        for options in [GraphOutputOptions(), GraphOutputOptions(showsObjects: true)] {
            for format in GraphOutputFormat.allCases.map(\.format) {
                let one = format.render([graph, other], plan: [:], options: options)
                let two = format.render([other, shuffled], plan: [:], options: options)
                #expect(one == two)
            }
        }
        let dot = DotGraphFormat().render([graph, other], plan: [:], options: GraphOutputOptions(showsObjects: true))
        let nodeLines = dot.split(separator: "\n").filter { $0.hasPrefix("    \"") && !$0.contains(" -> ") }
        #expect(nodeLines.count == graph.nodes.count)
        #expect(nodeLines == nodeLines.sorted())
        // Clusters are sorted by name too.
        let clusters = dot.split(separator: "\n").filter { $0.contains("subgraph") }
        #expect(clusters.first?.contains("aaa-first") == true)
    }

    // MARK: Views and styling

    @Test func requirementsAreLiftedToTheUnitsApplyingTheirEnds() {
        let view = GraphView(Sample.homelab, showsObjects: false)
        #expect(view.nodes.allSatisfy { $0.role.isUnit || $0.role.isSource })
        let requires = view.edges.filter { $0.kind == .requires }
        let apps = Sample.unitID("apps"), infra = Sample.unitID("infra"), gpu = Sample.unitID("infra-gpu")
        // Two CRD needs of different objects become one edge standing for both; the namespace
        // need is its own edge; the need inside one unit disappears.
        #expect(requires.map { "\($0.from.rawValue) -> \($0.to.rawValue) \($0.requirement?.rawValue ?? "")" } == [
            "\(apps.rawValue) -> \(infra.rawValue) customResourceDefinition",
            "\(apps.rawValue) -> \(infra.rawValue) namespace",
            "\(apps.rawValue) -> \(gpu.rawValue) gpuDevicePlugin",
        ])
        #expect(requires.first?.count == 2)
        // The unit's own need for its source is its `source` edge, not a second arrow.
        #expect(!view.edges.contains { $0.kind == .requires && $0.requirement == .source })
        #expect(view.edges.contains { $0.kind == .source && $0.from == apps })
        // Applies edges between units stay; a unit applying an object is not shown.
        #expect(view.edges.filter { $0.kind == .applies }.map(\.to) == [apps, infra, gpu].sorted())

        let dot = DotGraphFormat().render([Sample.homelab], plan: [:], options: GraphOutputOptions())
        #expect(dot.contains(##""homelab/\##(apps.rawValue)" -> "homelab/\##(infra.rawValue)" [color="#2563eb", fontcolor="#2563eb", style=dotted, label="CRD, namespace"];"##))
        let mermaid = MermaidGraphFormat().render([Sample.homelab], plan: [:], options: GraphOutputOptions())
        #expect(mermaid.contains(#"n_homelab_unit_Kustomization_flux_system_apps -.->|"CRD, namespace"| n_homelab_unit_Kustomization_flux_system_infra"#))
    }

    @Test func theObjectViewShowsEveryNodeAndEdgeAsBuilt() {
        let graph = Sample.homelab
        let view = GraphView(graph, showsObjects: true)
        #expect(view.nodes.map(\.id) == graph.nodes.keys.sorted())
        #expect(view.edges.map { "\($0.from) \($0.to) \($0.kind) \($0.requirement?.rawValue ?? "")" }
                == graph.edges.sorted().map { "\($0.from) \($0.to) \($0.kind) \($0.requirement?.rawValue ?? "")" })
        #expect(view.edges.allSatisfy { $0.count == 1 })
    }

    @Test func aDependsOnWithoutWaitOrHealthChecksIsWeak() {
        var graph = Sample.tiny
        let extra = Sample.unit("extra", wait: false)
        graph.nodes[extra.id] = extra
        graph.edges.append(GraphEdge(from: extra.id, to: Sample.unitID("apps"), kind: .dependsOn))
        var checked = Sample.unit("checked", wait: false, healthChecks: true)
        checked.origin = nil
        graph.nodes[checked.id] = checked
        graph.edges.append(GraphEdge(from: extra.id, to: checked.id, kind: .dependsOn))
        graph.edges.sort()

        let weak = graph.edges.filter { GraphView.isWeak($0, in: graph) }
        #expect(weak.map(\.to) == [Sample.unitID("apps")])
        let dot = DotGraphFormat().render([graph], plan: [:], options: GraphOutputOptions())
        #expect(dot.contains(##"extra" -> "prod/unit:Kustomization/flux-system/apps" [color="#ea580c", fontcolor="#ea580c", style=dashed, penwidth=1.5];"##))
        #expect(dot.contains(##"extra" -> "prod/unit:Kustomization/flux-system/checked" [color="#111827", penwidth=1.5];"##))
        #expect(dot.contains(##"apps" -> "prod/unit:Kustomization/flux-system/infra" [color="#111827", penwidth=1.5];"##))
        let json = JSONGraphFormat().render([graph], plan: [:], options: GraphOutputOptions())
        #expect(json.components(separatedBy: "\"weak\": true").count == 2)
    }

    @Test func gpuProvidersAreHighlighted() {
        let units = GraphView(Sample.homelab, showsObjects: false)
        #expect(units.highlighted == [Sample.unitID("infra-gpu")])
        let objects = GraphView(Sample.homelab, showsObjects: true)
        #expect(objects.highlighted == [Sample.devicePlugin.id])

        let dot = DotGraphFormat().render([Sample.homelab], plan: [:], options: GraphOutputOptions())
        let gpuLine = dot.split(separator: "\n").first { $0.contains("infra-gpu\" [") }
        #expect(gpuLine?.hasSuffix(##"color="#15803d", penwidth=2.5];"##) == true)
        let mermaid = MermaidGraphFormat().render([Sample.homelab], plan: [:], options: GraphOutputOptions(showsObjects: true))
        #expect(mermaid.contains("]]:::gpu\n"))
    }

    // MARK: JSON schema

    @Test func jsonFollowsItsSchema() throws {
        let plan = ApplyPlan(stages: [.init(units: [Sample.unitID("infra")]), .init(units: [Sample.unitID("apps")])],
                             objectOrder: [Sample.unitID("infra"): [Sample.crd.id]])
        for options in [GraphOutputOptions(), GraphOutputOptions(showsObjects: true, includesStages: true)] {
            let json = JSONGraphFormat().render([Sample.homelab, Sample.tiny], plan: ["homelab": plan], options: options)
            try GraphOutputSupport.validate(json)
        }
    }

    @Test func schemaListsEveryRoleKindAndRequirement() throws {
        let schema = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: GraphOutputSupport.schema))) as? [String: Any])
        let definitions = try #require(schema["definitions"] as? [String: Any])
        func enumeration(_ path: [String]) -> Set<String> {
            var value: Any? = definitions
            for key in path { value = (value as? [String: Any])?[key] }
            return Set((value as? [String]) ?? [])
        }
        #expect(enumeration(["node", "properties", "role", "enum"]) == Set(NodeRole.allCases.map(\.rawValue)))
        #expect(enumeration(["edge", "properties", "kind", "enum"]) == Set(EdgeKind.allCases.map(\.rawValue)))
        #expect(enumeration(["requirement", "enum"]) == Set(Requirement.allCases.map(\.rawValue)))
    }

    // MARK: The command

    @Test func commandPrintsEveryClusterOfTheFleetAsJSON() throws {
        try #require(FileManager.default.isExecutableFile(atPath: GraphOutputSupport.binary), "build the package first")
        let fleet = GraphOutputSupport.packageRoot + "/Tests/Fixtures/clusters/fleet"
        let json = try GraphOutputSupport.run(GraphOutputSupport.binary, ["graph", fleet, "--format", "json"]).stdout
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let clusters = try #require(document["clusters"] as? [[String: Any]])
        #expect(clusters.compactMap { $0["name"] as? String } == ["prod", "staging"])
        #expect(clusters.allSatisfy { !(($0["nodes"] as? [Any]) ?? []).isEmpty })
        try GraphOutputSupport.validate(json)

        let staged = try GraphOutputSupport.run(GraphOutputSupport.binary, ["graph", fleet, "--stages", "--cluster", "prod"]).stdout
        #expect(staged.hasPrefix("cluster prod\nstage 1: "))
        #expect(!staged.contains("cluster staging"))

        let dot = try GraphOutputSupport.run(GraphOutputSupport.binary, ["graph", fleet]).stdout
        #expect(dot.hasPrefix("digraph shipshape {") && dot.contains(#"subgraph "cluster_staging""#))

        let unknown = try GraphOutputSupport.run(GraphOutputSupport.binary, ["graph", fleet, "--cluster", "nope"], status: 2)
        #expect(unknown.stderr.contains("nope"))
        try GraphOutputSupport.run(GraphOutputSupport.binary, ["graph", fleet, "--format", "svg"], status: 2)
        try GraphOutputSupport.run(GraphOutputSupport.binary, ["graph", fleet, "--stages", "--format", "mermaid"], status: 2)
    }
}

/// Hand-built graphs: a tiny Flux pair, and a GPU homelab with lifted requirements.
enum GraphOutputSamples {
    static func unitID(_ name: String) -> NodeID { .unit(.init(kind: "Kustomization", namespace: "flux-system", name: name)) }

    static func unit(_ name: String, wait: Bool, healthChecks: Bool = false, parent: String? = nil) -> GraphNode {
        var spec: [Node.Entry] = []
        if wait { spec.append(.init(key: "wait", value: .scalar("true", tag: .bool))) }
        if healthChecks {
            spec.append(.init(key: "healthChecks", value: .sequence([.mapping([.init(key: "kind", value: .string("Deployment"))])])))
        }
        return GraphNode(id: unitID(name), role: .fluxKustomization, apiVersion: "kustomize.toolkit.fluxcd.io/v1",
                         kind: "Kustomization", namespace: "flux-system", name: name,
                         appliedBy: parent.map { [unitID($0)] } ?? [],
                         origin: Origin(file: "clusters/prod/\(name).yaml", line: 1, column: 1),
                         object: .mapping([.init(key: "spec", value: .mapping(spec))]))
    }

    static let repository = GraphNode(id: .source(.init(kind: "GitRepository", namespace: "flux-system", name: "flux-system")),
                                      role: .gitRepository, apiVersion: "source.toolkit.fluxcd.io/v1", kind: "GitRepository",
                                      namespace: "flux-system", name: "flux-system")

    static func object(_ group: String, _ kind: String, _ namespace: String, _ name: String, role: NodeRole = .object,
                       in unit: String) -> GraphNode {
        GraphNode(id: .object(group: group, kind: kind, namespace: namespace, name: name), role: role,
                  apiVersion: group.isEmpty ? "v1" : "\(group)/v1", kind: kind, namespace: namespace, name: name,
                  appliedBy: [unitID(unit)], origin: Origin(file: "\(unit)/\(name).yaml", line: 1, column: 1))
    }

    static let crd = object("apiextensions.k8s.io", "CustomResourceDefinition", "", "widgets.example.com",
                            role: .customResourceDefinition, in: "infra")
    static let namespace = object("", "Namespace", "", "widgets", role: .namespace, in: "infra")
    static let devicePlugin = object("apps", "DaemonSet", "gpu", "nvidia-device-plugin", role: .gpuDevicePlugin, in: "infra-gpu")

    static let tiny: ClusterGraph = {
        var graph = ClusterGraph(cluster: "prod")
        for node in [unit("infra", wait: true), unit("apps", wait: false), repository] { graph.nodes[node.id] = node }
        graph.edges = [
            GraphEdge(from: unitID("apps"), to: unitID("infra"), kind: .dependsOn,
                      origin: Origin(file: "clusters/prod/apps.yaml", line: 9, column: 7)),
            GraphEdge(from: unitID("apps"), to: repository.id, kind: .source),
            GraphEdge(from: unitID("infra"), to: repository.id, kind: .source),
        ].sorted()
        return graph
    }()

    static let homelab: ClusterGraph = {
        var graph = ClusterGraph(cluster: "homelab")
        let widget = object("example.com", "Widget", "widgets", "one", in: "apps")
        let gadget = object("example.com", "Widget", "widgets", "two", in: "apps")
        let job = object("batch", "Job", "widgets", "train", role: .workload, in: "apps")
        let config = object("", "ConfigMap", "widgets", "settings", in: "apps")
        let nodes = [unit("flux-system", wait: false), unit("infra", wait: true, parent: "flux-system"),
                     unit("infra-gpu", wait: true, parent: "flux-system"), unit("apps", wait: false, parent: "flux-system"),
                     repository, crd, namespace, devicePlugin, widget, gadget, job, config]
        for node in nodes { graph.nodes[node.id] = node }
        var edges = [
            GraphEdge(from: unitID("apps"), to: unitID("infra"), kind: .dependsOn),
            GraphEdge(from: unitID("apps"), to: repository.id, kind: .source),
            GraphEdge(from: unitID("apps"), to: repository.id, kind: .requires, requirement: .source),
            GraphEdge(from: widget.id, to: crd.id, kind: .requires, requirement: .customResourceDefinition,
                      origin: Origin(file: "apps/one.yaml", line: 1, column: 13)),
            GraphEdge(from: gadget.id, to: crd.id, kind: .requires, requirement: .customResourceDefinition),
            GraphEdge(from: widget.id, to: namespace.id, kind: .requires, requirement: .namespace),
            GraphEdge(from: job.id, to: devicePlugin.id, kind: .requires, requirement: .gpuDevicePlugin),
            GraphEdge(from: job.id, to: config.id, kind: .requires, requirement: .configMap),
        ]
        for node in nodes where !node.appliedBy.isEmpty {
            edges += node.appliedBy.map { GraphEdge(from: $0, to: node.id, kind: .applies) }
        }
        graph.edges = Array(Set(edges)).sorted()
        graph.external = [ExternalRequirement(requirement: .secret, provider: "Secret widgets/token",
                                              consumers: [job.id, widget.id], origin: nil)]
        return graph
    }()
}

/// Running the built binary and python's jsonschema; named apart from other suites' helpers.
enum GraphOutputSupport {
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()
    static let binary = packageRoot + "/.build/debug/shipshape"
    static let schema = packageRoot + "/schemas/graph.schema.json"

    struct Failure: Error, CustomStringConvertible { let description: String }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], status expected: Int32 = 0) throws -> (stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        // Standard error goes to a file: two pipes read one after the other could stall the child.
        let errorFile = NSTemporaryDirectory() + "shipshape-graph-stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: errorFile)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stdout = String(decoding: data, as: UTF8.self)
        let stderr = String(decoding: FileManager.default.contents(atPath: errorFile) ?? Data(), as: UTF8.self)
        guard process.terminationStatus == expected else {
            throw Failure(description: "\(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(stderr)")
        }
        return (stdout, stderr)
    }

    /// Validates a graph document against `schemas/graph.schema.json` with python3-jsonschema.
    static func validate(_ json: String) throws {
        let file = NSTemporaryDirectory() + "shipshape-graph-\(UUID().uuidString).json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "/usr/bin/env"
        try run(python, (python == "/usr/bin/env" ? ["python3"] : []) + ["-c",
            "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))",
            file, schema])
    }
}
