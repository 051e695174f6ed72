import Dispatch
import Lint
import Model
import SourceTree
import Units
import YAMLTree
#if canImport(Glibc)
import Glibc
#endif

/// `ShipshapeBench CORPUS_DIR` (or `--render CORPUS_DIR` for discovery alone, `--graph CORPUS_DIR` for the dependency graph, `--rules CORPUS_DIR` for the rule catalog, `--sops VECTORS_DIR` for SOPS verification, `--plan CORPUS_DIR` for plan time and apply throughput, `--fleet DIR`): front-end throughput against the libyaml floor, and full-lint wall
/// time per corpus repository. A benchmark, not a test: it reports figures and asserts nothing.
@main
struct Bench {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let index = arguments.firstIndex(of: "--fleet"), index + 1 < arguments.count {
            try fleet(arguments[index + 1])
            return
        }
        if let index = arguments.firstIndex(of: "--plan"), index + 1 < arguments.count {
            for name in try listRepositories(arguments[index + 1]) {
                try PlanBench.plan(repository: arguments[index + 1] + "/" + name, label: name)
            }
            try PlanBench.apply()
            return
        }
        if let index = arguments.firstIndex(of: "--sops"), index + 1 < arguments.count {
            try SOPSBench.run(vectors: arguments[index + 1])
            return
        }
        if let index = arguments.firstIndex(of: "--rules"), index + 1 < arguments.count {
            for name in try listRepositories(arguments[index + 1]) {
                try PolicyBench.run(repository: arguments[index + 1] + "/" + name, label: name)
            }
            return
        }
        if let index = arguments.firstIndex(of: "--graph"), index + 1 < arguments.count {
            for name in try listRepositories(arguments[index + 1]) {
                try GraphBench.run(repository: arguments[index + 1] + "/" + name, label: name)
            }
            return
        }
        if let index = arguments.firstIndex(of: "--render"), index + 1 < arguments.count {
            for name in try listRepositories(arguments[index + 1]) {
                try RenderBench.run(repository: arguments[index + 1] + "/" + name, label: name, verbose: true)
            }
            return
        }
        let corpus = arguments.first ?? "../shared/corpus"
        let repositories = try listRepositories(corpus)
        var collected: [(path: String, bytes: [UInt8])] = []
        for name in repositories {
            let tree = try SourceTree.workingDirectory(at: corpus + "/" + name)
            for file in tree.files where FileRole.isYAML(file) {
                if let bytes = try? tree.contents(of: file) { collected.append((name + "/" + file, bytes)) }
            }
        }
        let inputs = collected
        let total = inputs.reduce(0) { $0 + $1.bytes.count }
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        print("input: \(inputs.count) YAML files, \(String(format1: Double(total) / 1_048_576)) MiB from \(repositories.count) corpus repositories; \(cores) cores\n")

        let floor1 = measure(total) { for input in inputs { _ = Floor.eventParse(input.bytes) } }
        let floorN = measure(total) { parallel(inputs.count) { _ = Floor.eventParse(inputs[$0].bytes) } }
        let frontEnd1 = measure(total) { for input in inputs { _ = model(input) } }
        let frontEndN = measure(total) { parallel(inputs.count) { _ = model(inputs[$0]) } }
        print("front-end throughput (MB/s, best of runs; MB = 10^6 bytes)")
        print("  libyaml bare event parse, 1 core      \(String(format1: floor1))   (floor)")
        print("  libyaml bare event parse, all cores   \(String(format1: floorN))")
        print("  shipshape tree + object model, 1 core \(String(format1: frontEnd1))   \(String(format2: frontEnd1 / floor1))x of floor")
        print("  shipshape tree + object model, all    \(String(format1: frontEndN))   \(String(format2: frontEndN / floorN))x of all-core floor\n")

        print("full lint (read tree, parse, units, checks), wall time, best of 5")
        for name in repositories {
            var best = Double.infinity
            var summary = ""
            for _ in 0..<5 {
                let start = now()
                let tree = try SourceTree.workingDirectory(at: corpus + "/" + name)
                let run = try Linter.lint(tree)
                best = min(best, now() - start)
                summary = "\(run.summary.files) files, \(run.summary.objects) objects, \(run.summary.units) units, \(run.diagnostics.count) findings"
            }
            print("  \(name.padded(40)) \(String(format1: best * 1000)) ms   \(summary)")
        }
        print("\ndiscovery by rendering (every cluster, every unit)")
        for name in repositories {
            try RenderBench.run(repository: corpus + "/" + name, label: name, verbose: true)
        }
    }

    /// The synthetic fleet: discovery by rendering, then a full lint, with the one-core floor and peak memory.
    static func fleet(_ directory: String) throws {
        print("fleet \(directory), \(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) cores")
        try RenderBench.run(repository: directory, label: "discovery by rendering", verbose: true)
        let start = now()
        let run = try Linter.lint(try SourceTree.workingDirectory(at: directory))
        let wall = now() - start
        let units = run.rendered.clusters.flatMap(\.units)
        let objects = units.reduce(0) { $0 + $1.resources.count }
        print("  full lint: \(String(format1: wall * 1000)) ms, \(run.summary.files) files, \(units.count) rendered units, \(objects) rendered objects, \(Int(Double(objects) / wall)) objects/s, \(run.diagnostics.count) findings")
        print("  peak memory \(String(format1: RenderBench.peakMemory())) MiB")
    }

    /// What the front-end does per file: parse into the node tree, then classify every object.
    static func model(_ input: (path: String, bytes: [UInt8])) -> Int {
        let file = YAMLParser.parse(input.bytes, path: input.path)
        var count = 0
        for document in file.documents {
            if let root = document.root, let object = KubernetesObject(root) {
                _ = TypedObject(object)
                count += 1
            }
        }
        return count
    }

    /// Runs `body` until at least a second has passed (and at least 3 times); best MB/s.
    static func measure(_ bytes: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        var elapsed = 0.0
        var runs = 0
        while runs < 3 || elapsed < 1.0 {
            let start = now()
            body()
            let seconds = now() - start
            best = min(best, seconds)
            elapsed += seconds
            runs += 1
        }
        return Double(bytes) / best / 1_000_000
    }

    static func parallel(_ count: Int, _ body: @Sendable (Int) -> Void) {
        let workers = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) * 2
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var i = worker
            while i < count {
                body(i)
                i += workers
            }
        }
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func listRepositories(_ corpus: String) throws -> [String] {
        guard let dir = opendir(corpus) else { throw SourceTreeError.notFound(corpus) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix("."), entry.pointee.d_type == UInt8(DT_DIR) { names.append(name) }
        }
        return names.sorted()
    }
}

extension String {
    init(format1 value: Double) { self = String(Double(Int(value * 10)) / 10) }
    init(format2 value: Double) { self = String(Double(Int(value * 100)) / 100) }
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
