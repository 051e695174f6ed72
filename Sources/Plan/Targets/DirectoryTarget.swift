import Foundation

/// The result of writing a plan's manifests somewhere.
public struct TargetWriteResult: Sendable, Equatable {
    /// Repository- or directory-relative paths, sorted.
    public var written: [String] = []
    public var unchanged: [String] = []
    public var removed: [String] = []

    public init(written: [String] = [], unchanged: [String] = [], removed: [String] = []) {
        self.written = written
        self.unchanged = unchanged
        self.removed = removed
    }

    public var changedAnything: Bool { !written.isEmpty || !removed.isEmpty }
}

public struct TargetWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The hydrated manifests of a plan as files (the rendered-manifests pattern): one directory per
/// cluster, one file per unit named after its stage (`02-kustomization-flux-system-apps.yaml`),
/// objects in apply order, plus `manifest.json` naming the source and every file.
public enum HydratedLayout {
    public static let manifestName = "manifest.json"

    /// Relative path → contents, for the directory and Git targets alike.
    public static func files(for plan: PlanDocument) -> [String: String] {
        var files: [String: String] = [:]
        var clusters: [PlanJSON] = []
        for cluster in plan.clusters {
            let directory = component(cluster.name)
            var units: [PlanJSON] = []
            for stage in cluster.stages {
                for unit in stage.units where !unit.objects.isEmpty {
                    let stem = directory + "/" + String(format: "%02d", stage.index) + "-" + component("\(unit.kind)-\(unit.namespace)-\(unit.name)")
                    // Distinct units can sanitise to one name (`a-b/c`, `a/b-c`): number the later ones.
                    var path = stem + ".yaml"
                    var suffix = 2
                    while files[path] != nil {
                        path = stem + "-\(suffix).yaml"
                        suffix += 1
                    }
                    files[path] = stream(unit.objects)
                    units.append(.object(["file": .string(path), "stage": .integer(stage.index), "unit": .string(unit.id),
                                          "objects": .integer(unit.objects.count)]))
                }
            }
            clusters.append(.object(["name": .string(cluster.name), "directory": .string(directory), "files": .array(units)]))
        }
        var source: [String: PlanJSON] = ["treeHash": .string(plan.source.treeHash)]
        source["revision"] = plan.source.requestedRevision.map(PlanJSON.string)
        source["commit"] = plan.source.commit.map(PlanJSON.string)
        files[manifestName] = PlanJSON.object([
            "generator": .string("shipshape plan"), "source": .object(source), "clusters": .array(clusters),
        ]).pretty()
        return files
    }

    /// kustomize-style YAML documents joined by `---`. Prune entries have no manifest to write.
    static func stream(_ objects: [PlanObject]) -> String {
        var documents: [String] = []
        for object in objects {
            guard let manifest = object.manifest else { continue }
            documents.append(ManifestConversion.yaml(manifest) ?? "# \(object.displayName): cannot be written as YAML\n{}\n")
        }
        return documents.joined(separator: "---\n")
    }

    /// A safe single path component: lower-case letters, digits, `.`, `_` and `-` only.
    static func component(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        var out = String(text.lowercased().map { allowed.contains($0) ? $0 : "-" })
        while out.hasPrefix(".") { out.removeFirst() }
        return out.isEmpty ? "_" : out
    }
}

extension PlanDocument {
    /// Writes the hydrated manifests under `directory`. Idempotent: a file whose content is already
    /// there is not touched, and files a previous write listed in its manifest but this plan no
    /// longer has are removed (nothing else in the directory is).
    @discardableResult
    public func write(to directory: String) throws(TargetWriteError) -> TargetWriteResult {
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: directory)
        let files = HydratedLayout.files(for: self)
        var result = TargetWriteResult()
        let previous = Self.listedFiles(in: root.appendingPathComponent(HydratedLayout.manifestName))
        for path in files.keys.sorted() {
            let url = root.appendingPathComponent(path)
            let data = Data((files[path] ?? "").utf8)
            if let existing = try? Data(contentsOf: url), existing == data {
                result.unchanged.append(path)
                continue
            }
            do {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } catch {
                throw TargetWriteError("cannot write \(url.path): \(error.localizedDescription)")
            }
            result.written.append(path)
        }
        for path in previous.subtracting(files.keys).sorted() {
            let url = root.appendingPathComponent(path)
            guard fileManager.fileExists(atPath: url.path) else { continue }
            do { try fileManager.removeItem(at: url) } catch {
                throw TargetWriteError("cannot remove \(url.path): \(error.localizedDescription)")
            }
            result.removed.append(path)
        }
        return result
    }

    /// Files named by an earlier manifest, keeping only plain relative paths of our own layout so
    /// a tampered manifest cannot make the write delete anything outside the target.
    static func listedFiles(in manifest: URL) -> Set<String> {
        guard let data = try? Data(contentsOf: manifest), let json = try? PlanJSONParser.parse(Array(data)) else { return [] }
        var paths: Set<String> = []
        for cluster in json["clusters"]?.arrayValue ?? [] {
            for file in cluster["files"]?.arrayValue ?? [] {
                guard let path = file["file"]?.stringValue else { continue }
                let parts = path.split(separator: "/", omittingEmptySubsequences: false)
                let safe = parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." } && path.hasSuffix(".yaml")
                if safe { paths.insert(path) }
            }
        }
        return paths
    }
}
