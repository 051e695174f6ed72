import Foundation
import Testing
@testable import Plan

@Suite struct DirectoryTargetTests {
    @Test func writesOneFilePerUnitInStageOrderAndIsIdempotent() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let plan = try PlanFixtures.plan(at: PlanFixtures.path("clusters/fleet"))
        let first = try plan.write(to: scratch.root)
        #expect(first.written.contains("prod/02-kustomization-flux-system-infra-prod.yaml"))
        #expect(first.written.contains(HydratedLayout.manifestName) && first.removed.isEmpty)
        let infra = try scratch.read("prod/02-kustomization-flux-system-infra-prod.yaml")
        #expect(infra.hasPrefix("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n---\napiVersion: v1\nkind: ServiceAccount\n"))

        let modified = try FileManager.default.attributesOfItem(atPath: scratch.path("prod/03-kustomization-flux-system-web.yaml"))[.modificationDate] as? Date
        let second = try plan.write(to: scratch.root)
        #expect(second.written.isEmpty && second.removed.isEmpty && !second.changedAnything)
        #expect(second.unchanged.sorted() == first.written.sorted())
        let after = try FileManager.default.attributesOfItem(atPath: scratch.path("prod/03-kustomization-flux-system-web.yaml"))[.modificationDate] as? Date
        #expect(modified == after)
    }

    @Test func removesOnlyWhatAnEarlierWriteListed() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        var plan = try PlanFixtures.plan(at: PlanFixtures.path("clusters/fleet"))
        try plan.write(to: scratch.root)
        try scratch.write("prod/keep-me.yaml", "mine: true\n")
        plan.clusters = plan.clusters.filter { $0.name == "staging" }
        let result = try plan.write(to: scratch.root)
        #expect(result.removed.contains("prod/02-kustomization-flux-system-infra-prod.yaml"))
        #expect(result.written == [HydratedLayout.manifestName])
        #expect(FileManager.default.fileExists(atPath: scratch.path("prod/keep-me.yaml")))
    }

    @Test func tamperedManifestCannotReachOutside() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("outside.yaml", "x: 1\n")
        try scratch.write("target/manifest.json", #"{"clusters":[{"files":[{"file":"../outside.yaml"},{"file":"/etc/passwd.yaml"}]}]}"#)
        let plan = try PlanFixtures.plan(at: PlanFixtures.path("clusters/fleet"))
        let result = try plan.write(to: scratch.path("target"))
        #expect(result.removed.isEmpty)
        #expect(FileManager.default.fileExists(atPath: scratch.path("outside.yaml")))
    }
}
