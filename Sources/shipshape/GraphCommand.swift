import ArgumentParser
import Clusters
import Graph
import Lint
import SourceTree

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the dependency graph of each cluster (Graphviz, Mermaid or JSON), or its apply stages.",
        discussion: """
        Units and sources by default, with requirements between objects lifted to the units that apply them; \
        --objects shows every object. Arrows point from a dependant to what it needs.
        Exit status: 0 printed, 2 usage or configuration error (an unknown --cluster included).
        """
    )

    @Argument(help: "The repository root.")
    var path: String = "."

    @Option(help: "Output format: dot, mermaid or json (default dot; with --stages, text unless json).")
    var format: GraphOutputFormat?

    @Flag(help: "Show every object each unit applies, not only units and sources.")
    var objects = false

    @Flag(help: "Print the apply stages: units in dependency order, grouped when independent, and each unit's objects in apply order.")
    var stages = false

    @Option(name: .customLong("cluster"), help: "Only this cluster (repeatable).")
    var clusters: [String] = []

    @Option(name: .customLong("cluster-root"), help: "Also render this directory as a cluster root, as a Flux bootstrap would (repeatable).")
    var clusterRoots: [String] = []

    @Option(name: .customLong("source"), help: "Map a Flux source to a directory of the repository: KIND/NAME=DIR (repeatable).")
    var sources: [String] = []

    @Option(help: "Read configuration from this file instead of the tree's .shipshape.yaml.")
    var config: String?

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        try validateSourceMappings(sources)
        if stages, let format, format != .json {
            throw ValidationError("--stages prints text or, with --format json, JSON; not \(format.rawValue)")
        }
    }

    func run() throws {
        var options = LintOptions()
        options.clusterRoots = clusterRoots
        options.clusters = clusters
        options.sources = sourceMappings(sources)
        let rendered: RenderedClusters
        let graphs: [ClusterGraph]
        do {
            if let config { options.configuration = try Configuration.parse(try readFile(config), file: config) }
            // The graphs lint checks: bootstrap charts and namespaces, `charts:` from the configuration.
            let run = try Linter.lint(try SourceTree.workingDirectory(at: path), options: options)
            rendered = run.rendered
            graphs = run.graphs
        } catch let error as SourceTreeError {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        } catch let error as Configuration.Error {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        if rendered.clusters.isEmpty {
            printError("warning: no cluster found in \(path) (no Flux bootstrap, FluxInstance or unowned unit); name one with --cluster-root DIR")
        }
        let failed = rendered.clusters.flatMap(\.units).filter { $0.error != nil }.count
        if failed > 0 {
            printError("warning: \(failed) unit(s) failed to render; what they apply is missing from the graph (`shipshape lint` says why)")
        }
        var plans: [String: ApplyPlan] = [:]
        if stages {
            for graph in graphs where plans[graph.cluster] == nil { plans[graph.cluster] = ApplyPlan.compute(graph) }
        }
        let writer: any GraphFormat = stages && format != .json ? StagesTextFormat() : (format ?? .dot).format
        let text = writer.render(graphs, plan: plans, options: GraphOutputOptions(showsObjects: objects, includesStages: stages))
        try emit(text, to: output)
    }
}

extension GraphOutputFormat: ExpressibleByArgument {}
