import Foundation
import Testing
@testable import Plan

/// Every repository of the shared corpus is planned without error, deterministically, and the
/// plan is valid against the schema. Skipped when the corpus is not beside the package.
@Suite struct CorpusPlanTests {
    @Test func everyCorpusRepositoryPlans() throws {
        guard let corpus = PlanFixtures.corpus else {
            print("corpus not found beside the package; skipped")
            return
        }
        let repositories = try FileManager.default.contentsOfDirectory(atPath: corpus)
            .filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".tsv") }.sorted()
        #expect(!repositories.isEmpty)
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        var files: [String] = []
        for repository in repositories {
            let start = Date()
            let first = try PlanFixtures.plan(at: corpus + "/" + repository).fileText()
            let elapsed = Int(Date().timeIntervalSince(start) * 1000)
            let second = try PlanFixtures.plan(at: corpus + "/" + repository).fileText()
            #expect(first == second, "\(repository) is not deterministic")
            #expect(try PlanDocument(fileBytes: Array(first.utf8)).fileText() == first, "\(repository) does not round-trip")
            try scratch.write(repository + ".json", first)
            files.append(scratch.path(repository + ".json"))
            let plan = try PlanDocument(fileBytes: Array(first.utf8))
            print("corpus \(repository): clusters=\(plan.clusters.count) units=\(plan.clusters.flatMap(\.units).count) objects=\(plan.allObjects.count) plan \(elapsed) ms")
        }
        #expect(try PlanProcess.schemaErrors(files) == nil)
    }
}
