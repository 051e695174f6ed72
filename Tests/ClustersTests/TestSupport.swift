import Testing
import Rendering
import SourceTree
@testable import Clusters

/// The fixture repositories under Tests/Fixtures/clusters.
enum Fixtures {
    static func directory(_ name: String) -> String {
        let here = #filePath.split(separator: "/").dropLast(2).joined(separator: "/")
        return "/" + here + "/Fixtures/clusters/" + name
    }

    static func fileSystem(_ name: String) throws -> TreeFileSystem {
        TreeFileSystem(tree: try SourceTree.workingDirectory(at: directory(name)))
    }
}

/// Files held in memory, for tests that need a tiny tree.
struct MemoryFileSystem: RenderFileSystem {
    var files: [String: String]

    func isFile(_ path: String) -> Bool { files[path] != nil }

    func isDirectory(_ path: String) -> Bool {
        path.isEmpty || files.keys.contains { $0.hasPrefix(path + "/") }
    }

    func read(_ path: String) throws(RenderError) -> [UInt8] {
        guard let text = files[path] else { throw RenderError(.missing, "no file \(path)") }
        return Array(text.utf8)
    }

    func children(of directory: String) -> [String] {
        var result = Set<String>()
        let prefix = directory.isEmpty ? "" : directory + "/"
        for path in files.keys where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            let first = rest.split(separator: "/").first.map(String.init) ?? String(rest)
            result.insert(prefix + first)
        }
        return result.sorted()
    }
}

/// A deliberately small kustomize stand-in until the engine lands: resources (files and
/// directories), components, namespace, namePrefix/nameSuffix, mapping-merge patches and JSON
/// patch add/replace, with kustomize's root-only rule for files.
struct MiniKustomize: KustomizeBuilding {
    func build(_ kustomization: Kustomization, fileSystem: any RenderFileSystem,
               loadRestriction: LoadRestriction) throws(RenderError) -> ResourceMap {
        var map = ResourceMap()
        for reference in kustomization.strings("resources") + kustomization.strings("components") {
            let path = SourcePath.join(kustomization.directory, reference, clampedTo: "")
            if fileSystem.isDirectory(path) {
                let nested = try Kustomization.load(from: path, fileSystem: fileSystem)
                try map.append(contentsOf: build(nested, fileSystem: fileSystem, loadRestriction: loadRestriction))
                continue
            }
            let root = kustomization.directory
            if loadRestriction == .rootOnly, !(root.isEmpty || path.hasPrefix(root + "/")) {
                throw RenderError(.loadRestriction,
                    "security; file '/\(path)' is not in or below '/\(root)'", at: kustomization.origin(of: "resources"))
            }
            for document in try Kustomization.parseDocuments(try fileSystem.read(path), path: path) where document.isMapping {
                try map.append(Resource(node: document, source: document.origin ?? Origin(file: path, line: 1, column: 1)))
            }
        }
        for index in map.resources.indices {
            if let namespace = kustomization.string("namespace"), !map.resources[index].gvk.isClusterScoped {
                map.resources[index].namespace = namespace
            }
            let name = (kustomization.string("namePrefix") ?? "") + map.resources[index].name + (kustomization.string("nameSuffix") ?? "")
            map.resources[index].name = name
        }
        for patch in kustomization["patches"]?.elements ?? [] {
            guard let text = patch["patch"]?.text,
                  let body = try Kustomization.parseDocuments(Array(text.utf8), path: kustomization.file).first else { continue }
            let kind = patch[path: ["target", "kind"]]?.text ?? body["kind"]?.text
            let name = patch[path: ["target", "name"]]?.text ?? body[path: ["metadata", "name"]]?.text
            for index in map.resources.indices
            where (kind == nil || map.resources[index].kind == kind) && (name == nil || map.resources[index].name == name) {
                if body.isSequence {
                    for operation in body.elements {
                        guard let path = operation["path"]?.text, let value = operation["value"] else { continue }
                        map.resources[index].node[path: path.split(separator: "/").map(String.init)] = value
                    }
                } else {
                    map.resources[index].node = merge(map.resources[index].node, body)
                }
            }
        }
        return map
    }

    private func merge(_ base: Node, _ patch: Node) -> Node {
        guard base.isMapping, patch.isMapping else { return patch }
        var result = base
        for entry in patch.entries {
            result[entry.key] = result[entry.key].map { merge($0, entry.value) } ?? entry.value
        }
        return result
    }
}

func parse(_ yaml: String) throws -> Node {
    try #require(try Kustomization.parseDocuments(Array(yaml.utf8), path: "test.yaml").first)
}

