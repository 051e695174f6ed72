import Foundation
import Testing
@testable import Rendering

/// Every hashed ConfigMap/Secret name in kustomize's conformance outputs: the suffix must be the
/// hash of the object as printed. Runs when the conformance cases are on disk
/// (`SHIPSHAPE_KUSTOMIZE_CASES`, or the shared checkout).
@Suite struct GeneratorConformanceHashTests {
    static let casesDirectory: String? = {
        let path = ConformanceCase.casesDirectory().path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// The alphabet `encode` leaves: hex digits with 0, 1, 3, a and e swapped for g, h, k, m, t.
    static func hashSuffix(of name: String) -> String? {
        let alphabet = Set("bcdfghkmt2456789")
        guard let dash = name.lastIndex(of: "-") else { return nil }
        let suffix = name[name.index(after: dash)...]
        guard suffix.count == 10, suffix.allSatisfy(alphabet.contains) else { return nil }
        return String(suffix)
    }

    @Test(.enabled(if: casesDirectory != nil))
    func suffixesMatchKustomizeOutputs() throws {
        let root = try #require(Self.casesDirectory)
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: root).sorted() {
            let path = root + "/" + name + "/expected.yaml"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            for document in try Kustomization.parseDocuments(Array(data), path: path) {
                let kind = document["kind"]?.text
                guard kind == "ConfigMap" || kind == "Secret",
                      let suffix = Self.hashSuffix(of: document[path: ["metadata", "name"]]?.text ?? "") else { continue }
                #expect(try Generators.hash(of: document) == suffix, "\(name): \(kind ?? "")")
                checked += 1
            }
        }
        #expect(checked >= 70)
    }
}
