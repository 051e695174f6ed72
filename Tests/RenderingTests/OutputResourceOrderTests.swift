import Foundation
import Testing
import YAMLTree
@testable import Rendering

@Suite struct OutputResourceOrderTests {
    private func resource(_ apiVersion: String, _ kind: String, _ name: String, namespace: String = "") -> Resource {
        var metadata: [Node.Entry] = [.init(key: "name", value: .string(name))]
        if !namespace.isEmpty { metadata.append(.init(key: "namespace", value: .string(namespace))) }
        let node = Node.mapping([
            .init(key: "apiVersion", value: .string(apiVersion)),
            .init(key: "kind", value: .string(kind)),
            .init(key: "metadata", value: .mapping(metadata)),
        ])
        return Resource(node: node, source: Origin(file: "test.yaml", line: 1, column: 1))
    }

    private func labels(_ resources: [Resource]) -> [String] {
        resources.map { "\($0.kind)/\($0.namespace.isEmpty ? "" : $0.namespace + "/")\($0.name)" }
    }

    @Test func ordersListedKindsFirstAndLastAroundTheRest() {
        let input = [
            resource("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "hook"),
            resource("v1", "Pod", "pod"),
            resource("apps/v1", "Deployment", "web"),
            resource("networking.k8s.io/v1", "Ingress", "in"),
            resource("v1", "Namespace", "ns"),
            resource("v1", "ConfigMap", "b"),
            resource("v1", "ConfigMap", "a"),
        ]
        #expect(labels(ResourceOrder.legacy(input)) == [
            "Namespace/ns", "ConfigMap/a", "ConfigMap/b", "Deployment/web",
            // Unlisted kinds by "group_version_kind"; "~G" for the core group sorts after letters.
            "Ingress/in", "Pod/pod", "ValidatingWebhookConfiguration/hook",
        ])
    }

    @Test func comparesNamespaceAndNameAsOneString() {
        let input = [
            resource("v1", "Service", "z", namespace: "a"),
            resource("v1", "Service", "x", namespace: "a-b"),
            resource("v1", "Service", "y"),
            resource("v1", "Service", "", namespace: "a"),
        ]
        // "a-b|x" < "a|z" because '-' < '|'; an empty namespace is "~X", an empty name "~N".
        #expect(labels(ResourceOrder.legacy(input)) == ["Service/a-b/x", "Service/a/z", "Service/a/", "Service/y"])
    }

    @Test func sortsTheCoreNamespaceBeforeCustomKindsOfThatName() {
        let input = [resource("servicebus.azure.com/v1", "Namespace", "bus"), resource("v1", "Namespace", "core"),
                     resource("a.example.com/v1", "Namespace", "a"), resource("b.example.com/v1", "Namespace", "b")]
        #expect(labels(ResourceOrder.legacy(input)) == ["Namespace/core", "Namespace/a", "Namespace/b", "Namespace/bus"])
        // The reversal applies whenever a group is empty, so core versions compare backwards.
        let versions = [resource("v1", "Namespace", "one"), resource("v2", "Namespace", "two")]
        #expect(labels(ResourceOrder.legacy(versions)) == ["Namespace/two", "Namespace/one"])
    }

    @Test func honoursCustomListsWithTheLastMentionWinning() {
        let options = LegacySortOptions(orderFirst: ["Service", "Secret"], orderLast: ["Namespace", "Service"])
        let input = [resource("v1", "Namespace", "n"), resource("v1", "Service", "s"),
                     resource("v1", "Secret", "c"), resource("v1", "Pod", "p")]
        #expect(labels(ResourceOrder.legacy(input, options: options)) == ["Secret/c", "Pod/p", "Namespace/n", "Service/s"])
        let none = LegacySortOptions(orderFirst: [], orderLast: [])
        #expect(labels(ResourceOrder.legacy(input, options: none)) == ["Namespace/n", "Pod/p", "Secret/c", "Service/s"])
    }

    @Test func readsSortOptionsWithKustomizeMessages() throws {
        func parse(_ yaml: String) throws(RenderError) -> ResourceSortOrder {
            let file = YAMLParser.parse(Array(yaml.utf8), path: "kustomization.yaml")
            return try ResourceSortOrder(sortOptions: Node(yaml: file.documents[0].root!))
        }
        #expect(try parse("order: fifo") == .fifo)
        #expect(try parse("order: legacy") == .legacy(.standard))
        #expect(try parse("order: legacy\nlegacySortOptions: null") == .legacy(.standard))
        #expect(try parse("order: legacy\nlegacySortOptions: {}") == .legacy(LegacySortOptions(orderFirst: [], orderLast: [])))
        #expect(try parse("order: legacy\nlegacySortOptions:\n  orderFirst: [A]\n  orderLast: [B]")
            == .legacy(LegacySortOptions(orderFirst: ["A"], orderLast: ["B"])))
        let fifoWithLists = #expect(throws: RenderError.self) { try parse("order: fifo\nlegacySortOptions: {}") }
        #expect(fifoWithLists?.message.contains("the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'") == true)
        let noOrder = #expect(throws: RenderError.self) { try parse("legacySortOptions: {}") }
        #expect(noOrder?.message.contains("the field 'sortOptions.order' must be one of [fifo, legacy]") == true)
    }

    /// Every output case that kustomize sorted with the legacy order: shuffled, then sorted, the
    /// resources must come back in the expected order.
    @Test func restoresTheOrderOfLegacySortedConformanceCases() throws {
        var checked: [String] = []
        for (name, expected) in OutputConformanceTests.outputCases() {
            guard let order = try Self.legacyOrder(ofCase: name), case .legacy(let options) = order else { continue }
            let resources = OutputConformanceTests.reparsed(expected, name: name).map {
                Resource(node: $0, source: Origin(file: name, line: 1, column: 1))
            }
            let want = resources.map(\.id)
            for permutation in Self.permutations(of: resources) {
                #expect(ResourceOrder.legacy(permutation, options: options).map(\.id) == want, "\(name)")
            }
            checked.append(name)
        }
        print("ResourceOrder.legacy: \(checked.count) conformance cases checked: \(checked.joined(separator: ", "))")
        #expect(checked.count >= 2)
    }

    /// The order a case's build applies: `sortOptions` in the built kustomization wins, else the
    /// harness option (`legacy`/`unspecified` mean the legacy sort); nil for accumulation order.
    static func legacyOrder(ofCase name: String) throws -> ResourceSortOrder? {
        let dir = OutputConformanceTests.casesDirectory.appendingPathComponent(name)
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("case.json"))) as? [String: Any]
        let buildDir = meta?["build_dir"] as? String ?? "."
        let reorder = (meta?["options"] as? [String: Any])?["reorder"] as? String ?? "none"
        for file in ["kustomization.yaml", "kustomization.yml", "Kustomization"] {
            let url = dir.appendingPathComponent("files").appendingPathComponent(buildDir).appendingPathComponent(file)
            guard let bytes = try? Data(contentsOf: url) else { continue }
            let parsed = YAMLParser.parse(Array(bytes), path: file)
            if let root = parsed.documents.first?.root, let options = Node(yaml: root)["sortOptions"] {
                return try ResourceSortOrder(sortOptions: options)
            }
            break
        }
        return reorder == "legacy" || reorder == "unspecified" ? .legacy(.standard) : nil
    }

    /// Reversed, rotated and a few seeded shuffles.
    static func permutations<T>(of items: [T]) -> [[T]] {
        var result = [Array(items.reversed()), Array(items.dropFirst(items.count / 2) + items.prefix(items.count / 2))]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<4 {
            var shuffled = items
            for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                shuffled.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
            }
            result.append(shuffled)
        }
        return result
    }
}
