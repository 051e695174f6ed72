import Clusters
import Dispatch
import Foundation
import Rendering
import SourceTree
#if canImport(Glibc)
import Glibc
#endif

/// Discovery by rendering over a whole repository: clusters, units, objects, failures and time,
/// against libyaml's bare event parse of the same YAML bytes on one core.
enum RenderBench {
    static func run(repository: String, label: String, verbose: Bool) throws {
        let tree = try SourceTree.workingDirectory(at: repository)
        var yamlBytes: [[UInt8]] = []
        for file in tree.files where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            if let bytes = try? tree.contents(of: file) { yamlBytes.append(bytes) }
        }
        let total = yamlBytes.reduce(0) { $0 + $1.count }
        let floorStart = Bench.now()
        for bytes in yamlBytes { _ = Floor.eventParse(bytes) }
        let floor = Bench.now() - floorStart

        let start = Bench.now()
        let fileSystem = TreeFileSystem(tree: tree)
        let roots = ClusterRoots.find(in: fileSystem)
        let clusters = Discovery(fileSystem: fileSystem).renderRepository(roots)
        let wall = Bench.now() - start
        let units = clusters.flatMap(\.units)
        let failed = units.filter { $0.error != nil }
        let objects = units.reduce(0) { $0 + $1.resources.count }
        print("  \(label.padded(40)) \(clusters.count) clusters, \(units.count) units (\(failed.count) failed), \(objects) objects;"
              + " render \(String(format1: wall * 1000)) ms, \(Int(Double(objects) / max(wall, 1e-9))) objects/s;"
              + " floor \(String(format1: floor * 1000)) ms for \(String(format1: Double(total) / 1_048_576)) MiB; ratio \(String(format2: wall / max(floor, 1e-9)))x")
        if verbose {
            for unit in failed.prefix(20) {
                print("      \(unit.key): \(unit.error.map { String($0.description.prefix(200)) } ?? "")")
            }
        }
    }

    /// Peak resident set size of this process, in MiB.
    static func peakMemory() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
