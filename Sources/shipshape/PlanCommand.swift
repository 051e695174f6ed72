import ArgumentParser
import KubeClient
import Lint
import Plan
import SourceTree

/// `shipshape plan`: the ordered apply plan of a repository, as a file and a human summary, or the
/// difference between the plans of two revisions.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write the ordered apply plan of each cluster and print what it would do, or compare it with another revision's.",
        discussion: """
        Renders like lint, then orders each cluster's units in stages and each unit's objects in its engine's apply order. \
        Without a cluster the plan is offline: every object is "apply". --out writes the plan file (schemas/plan.schema.json), \
        which stores Secret manifests as the cluster needs them; the summary and diffs never show Secret values.
        --base REV compares the plan with REV's: objects and units added, changed and removed, and stage moves; \
        --format markdown gives a PR comment within 65,000 characters.
        With --kubeconfig or --context the plan is made against that cluster (one cluster of the repository; pick it \
        with --cluster): each object is read and server-side dry-run applied (nothing is written) and becomes create, \
        update (with a field diff, Secret values masked) or unchanged, with its live uid and resourceVersion. --prune \
        also lists the objects of the cluster's ApplySet inventory that are no longer in Git.
        Exit status: 0 done, 2 usage or configuration error, 1 an API error (with the server's Status reason). \
        With --detailed-exitcode: 0 no changes, 2 changes (offline: anything to apply; with --base: the plans differ), 1 error.
        """
    )

    @Argument(help: "The repository root (a working directory, or a Git repository with --rev/--base).")
    var path: String = "."

    @Option(help: "Plan this Git revision instead of the working directory.")
    var rev: String?

    @Option(help: "Compare with the plan of this Git revision.")
    var base: String?

    @Option(name: .customLong("cluster"), help: "Only this cluster (repeatable).")
    var clusters: [String] = []

    @Option(name: .customLong("cluster-root"), help: "Also render this directory as a cluster root, as a Flux bootstrap would (repeatable).")
    var clusterRoots: [String] = []

    @Option(name: .customLong("source"), help: "Map a Flux source to a directory of the repository: KIND/NAME=DIR (repeatable).")
    var sources: [String] = []

    @Option(help: "Read configuration from this file instead of the tree's .shipshape.yaml.")
    var config: String?

    @Flag(help: "Also apply Flux Kustomizations, Argo CD Applications and Flux sources as objects (to hand the cluster over to them).")
    var includeUnitObjects = false

    @Option(help: "Write the plan file here.")
    var out: String?

    @Option(help: "Output format: text, json (the plan, or with --base the diff) or markdown.")
    var format: PlanOutputFormat = .text

    @Flag(help: "Exit 0 when nothing would change, 2 when something would, 1 on error.")
    var detailedExitcode = false

    @Option(name: .customLong("kubeconfig"),
            help: "Plan against the cluster of this kubeconfig (repeatable, or several files joined by ':' as in KUBECONFIG).")
    var kubeconfigs: [String] = []

    @Option(help: "The kubeconfig context to plan against (default: its current context).")
    var context: String?

    @Flag(help: "With a cluster: also plan to prune the objects of the cluster's ApplySet that are no longer in Git.")
    var prune = false

    /// Planning reads a cluster when one is named either way; KUBECONFIG alone does not switch it on.
    private var isLive: Bool { !kubeconfigs.isEmpty || context != nil }

    func validate() throws {
        try validateSourceMappings(sources)
        if prune && !isLive { throw ValidationError("--prune needs a cluster: give --kubeconfig or --context") }
        if isLive && base != nil { throw ValidationError("--base compares two revisions offline; it cannot be combined with --kubeconfig or --context") }
    }

    func run() throws {
        let errorStatus = detailedExitcode ? ExitStatus.findings : ExitStatus.usage
        let head: PlanDocument
        let basePlan: PlanDocument?
        do {
            var options = LintOptions()
            options.clusterRoots = clusterRoots
            options.clusters = clusters
            options.sources = sourceMappings(sources)
            if let config { options.configuration = try Configuration.parse(try readFile(config), file: config) }
            let tree = try rev.map { rev throws(SourceTreeError) in try SourceTree.gitRevision(rev, in: path) }
                ?? SourceTree.workingDirectory(at: path)
            head = try live(try plan(tree, revision: rev, options: options), errorStatus: errorStatus)
            basePlan = try base.map { base in try plan(try SourceTree.gitRevision(base, in: path), revision: base, options: options) }
        } catch let error as SourceTreeError {
            printError("error: \(error)")
            throw ExitCode(errorStatus)
        } catch let error as Configuration.Error {
            printError("error: \(error)")
            throw ExitCode(errorStatus)
        } catch let error as ValidationError {
            printError("error: \(error)")
            throw ExitCode(errorStatus)
        }
        if head.clusters.isEmpty {
            printError("warning: no cluster found in \(path) (no Flux bootstrap, FluxInstance or unowned unit); name one with --cluster-root DIR")
        }
        let failed = head.clusters.flatMap(\.units).filter { $0.renderError != nil }.count
        if failed > 0 {
            printError("warning: \(failed) unit(s) failed to render; their objects are missing from the plan (`shipshape lint` says why)")
        }
        if let out, !writeFile(out, head.fileText()) {
            printError("error: cannot write \(out)")
            throw ExitCode(errorStatus)
        }

        let changes: Bool
        let text: String
        if let basePlan {
            let diff = PlanDiff.compare(base: basePlan, head: head)
            changes = !diff.isEmpty
            switch format {
            case .text: text = PlanDiffReport.text(diff)
            case .json: text = PlanDiffReport.json(diff).pretty()
            case .markdown: text = PlanDiffReport.markdown(diff)
            }
        } else {
            changes = head.hasChanges
            let live = head.target.kind == .cluster
            switch format {
            case .text: text = live ? LivePlanReport.text(head) : PlanSummary.text(head)
            case .json: text = head.fileText()
            case .markdown: text = live ? LivePlanReport.markdown(head) : PlanSummary.markdown(head)
            }
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        if detailedExitcode && changes { throw ExitCode(2) }
    }

    private func plan(_ tree: SourceTree, revision: String?, options: LintOptions) throws -> PlanDocument {
        let run = try Linter.lint(tree, options: options)
        let source = PlanSource(requestedRevision: revision, commit: tree.commit, treeHash: try TreeHash.compute(tree))
        return PlanBuilder.build(clusters: run.rendered.clusters, graphs: run.graphs, source: source,
                                 options: PlanOptions(includesUnitObjects: includeUnitObjects))
    }
}

extension PlanCommand {
    /// Classifies the plan against the cluster when one is named; the plan as is otherwise.
    /// API errors exit 1 whatever the flags, as Terraform's plan does on a provider error.
    private func live(_ plan: PlanDocument, errorStatus: Int32) throws -> PlanDocument {
        guard isLive else { return plan }
        guard plan.clusters.count <= 1 else {
            printError("error: a plan against a cluster covers one cluster of the repository; choose one with --cluster (found: \(plan.clusters.map(\.name).joined(separator: ", ")))")
            throw ExitCode(errorStatus)
        }
        let paths = kubeconfigs.flatMap { $0.split(separator: ":").map(String.init) }
        let target: KubeTarget
        do {
            target = try KubeConfig.load(paths: paths.isEmpty ? nil : paths, context: context)
        } catch {
            printError("error: \(error)")
            throw ExitCode(errorStatus)
        }
        do {
            return try LivePlanner.classify(plan, api: KubeAPI(target: target), prune: prune)
        } catch {
            printError("error: planning against \(target.server) failed (\(error.reason)): \(error)")
            throw ExitCode(ExitStatus.findings)
        }
    }
}

enum PlanOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}
