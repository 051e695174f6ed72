import Diagnostics
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import SourceTree
import Units
import YAMLTree

/// Reads and parses every YAML file of a tree once, on all cores.
public enum FrontEnd {
    public static func parse(_ tree: SourceTree, classifier: FileClassifier, limits: YAMLLimits = .default) -> [String: YAMLFile] {
        let paths = tree.files.filter { classifier.role(of: $0).isParsed }
        let results = UnsafeMutableBufferPointer<YAMLFile?>.allocate(capacity: paths.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        // Interleaved striding balances large and small files across workers without a queue.
        let workers = max(1, min(paths.count, activeProcessorCount() * 2))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var i = worker
            while i < paths.count {
                slots[i] = parseOne(paths[i], in: tree, limits: limits)
                i += workers
            }
        }
        var files: [String: YAMLFile] = [:]
        files.reserveCapacity(paths.count)
        for (i, path) in paths.enumerated() {
            if let file = results[i] { files[path] = file }
        }
        return files
    }

    static func parseOne(_ path: String, in tree: SourceTree, limits: YAMLLimits) -> YAMLFile {
        do {
            return YAMLParser.parse(try tree.contents(of: path), path: path, limits: limits)
        } catch {
            return YAMLFile(path: path, documents: [], comments: [], diagnostics: [
                .init(rule: .fileUnreadable, message: error.description, at: .startOf(path)),
            ], size: 0)
        }
    }
}

func activeProcessorCount() -> Int {
    let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    return online > 0 ? online : 1
}
