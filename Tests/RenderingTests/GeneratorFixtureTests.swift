import Testing
@testable import Rendering

/// Builds kustomizations and in-memory file readers for the generator tests.
enum GeneratorFixture {
    static func kustomization(_ yaml: String, file: String = "kustomization.yaml") throws -> Kustomization {
        let documents = try Kustomization.parseDocuments(Array(yaml.utf8), path: file)
        let node = try #require(documents.first)
        let directory = file.contains("/") ? String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) : ""
        return Kustomization(kind: .kustomization, file: file, directory: directory, node: node)
    }

    static func node(_ yaml: String, file: String = "config.yaml") throws -> Node {
        try #require(try Kustomization.parseDocuments(Array(yaml.utf8), path: file).first)
    }

    /// A reader over `files` (names as written in the kustomization); anything else is missing.
    static func reader(_ files: [String: [UInt8]]) -> GeneratorFileReader {
        return { name throws(RenderError) in
            guard let bytes = files[name] else { throw RenderError(.missing, "file '\(name)' not found") }
            return (name, bytes)
        }
    }

    static func reader(_ files: [String: String]) -> GeneratorFileReader {
        reader(files.mapValues { Array($0.utf8) })
    }

    /// Generates, absorbs into `map`, optionally prefixes names as a namePrefix would, and hashes.
    static func build(_ kustomization: Kustomization, files: [String: String] = [:], prefix: String = "",
                      into map: ResourceMap = ResourceMap()) throws -> ResourceMap {
        var map = map
        let generated = try Generators.resources(for: kustomization, read: reader(files))
        try Generators.absorb(generated, into: &map)
        if !prefix.isEmpty {
            for index in map.resources.indices {
                map.resources[index].rememberID()
                map.resources[index].name = prefix + map.resources[index].name
            }
        }
        return map
    }

    static func hashed(_ map: ResourceMap) throws -> [String] {
        var map = map
        try Generators.appendHashSuffixes(to: &map)
        return map.resources.map(\.name)
    }

    static func data(_ resource: Resource, _ field: String = "data") -> [String: String] {
        var result: [String: String] = [:]
        for entry in resource.node[field]?.entries ?? [] { result[entry.key] = entry.value.text ?? "" }
        return result
    }
}
