import Clusters
import Foundation
import Graph
import Rendering
import SourceTree
@testable import Plan

enum PlanFixtures {
    static let packageRoot: String = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")

    static func path(_ relative: String) -> String { packageRoot + "/Tests/Fixtures/" + relative }

    /// The corpus of real repositories, when it is present beside the package (or its worktree).
    static var corpus: String? {
        ["/../shared/corpus", "/../../shared/corpus"].map { packageRoot + $0 }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Renders and plans a tree the way `shipshape plan` does, without lint's configuration.
    static func plan(_ tree: SourceTree, revision: String? = nil, options: PlanOptions = PlanOptions()) throws -> PlanDocument {
        let files = TreeFileSystem(tree: tree)
        let clusters = Discovery(fileSystem: files).renderRepository(ClusterRoots.find(in: files))
        let graphs = clusters.map { GraphBuilder.build($0) }
        let source = PlanSource(requestedRevision: revision, commit: tree.commit, treeHash: try TreeHash.compute(tree))
        return PlanBuilder.build(clusters: clusters, graphs: graphs, source: source, options: options)
    }

    static func plan(at directory: String, options: PlanOptions = PlanOptions()) throws -> PlanDocument {
        try plan(try SourceTree.workingDirectory(at: directory), options: options)
    }
}

/// A scratch directory removed by `remove()`.
struct ScratchDirectory {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "shipshape-plan-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path(relative))), as: UTF8.self)
    }

    func git(_ arguments: String...) throws {
        try PlanProcess.run("/usr/bin/env", ["git", "-C", root, "-c", "user.name=Test", "-c", "user.email=test@example.com",
                                             "-c", "commit.gpgsign=false"] + arguments)
    }
}

struct PlanProcessFailure: Error, CustomStringConvertible {
    let description: String
}

enum PlanProcess {
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw PlanProcessFailure(description: "\(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
        }
        return text
    }

    /// Validates plan files against `schemas/plan.schema.json` with python3-jsonschema; nil when
    /// every file is valid, else the validator's message.
    static func schemaErrors(_ files: [String]) throws -> String? {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
            if errors:
                print(path, list(errors[0].path), errors[0].message[:200]); sys.exit(1)
        """
        do {
            try run("/usr/bin/env", ["python3", "-c", script, PlanFixtures.packageRoot + "/schemas/plan.schema.json"] + files)
            return nil
        } catch let failure as PlanProcessFailure {
            return failure.description
        }
    }
}

extension PlanDocument {
    func cluster(_ name: String) -> PlanCluster? { clusters.first { $0.name == name } }
}

extension PlanCluster {
    /// `Kind/namespace/name` of each stage's units.
    var stageNames: [[String]] { stages.map { $0.units.map { "\($0.kind)/\($0.namespace)/\($0.name)" } } }

    func unit(_ id: String) -> PlanUnit? { units.first { $0.id == id } }
}
