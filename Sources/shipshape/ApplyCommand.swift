import ArgumentParser
import Executor
import Foundation
import KubeClient
import Plan
import SourceTree
#if canImport(Glibc)
import Glibc
#endif

/// `shipshape apply`: runs a plan file exactly as planned against a cluster or a directory, or
/// refuses it when it is stale.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a plan file to a cluster (server-side apply, waits, prune) or write it to a directory.",
        discussion: """
        Applies the stages of the plan in order, never re-sorting, with field manager "shipshape", and waits for readiness \
        where the plan's units wait (kstatus rules). Refuses a stale plan before the first write: an object the plan read \
        changed, the apply set changed (with --prune), or the plan is not of --rev. See docs/apply.md.
        Exit status: 0 applied, 1 the apply failed or the plan was refused, 2 usage or configuration error.
        """
    )

    @Argument(help: "The plan file written by `shipshape plan --out`.")
    var plan: String

    @Option(help: "Where to apply: dir:PATH writes the hydrated manifests, git:BRANCH commits them to a branch of the --repo repository; without it, the kubeconfig's cluster.")
    var target: String?

    @Option(name: .customLong("kubeconfig"), help: "A kubeconfig file (repeatable; default $KUBECONFIG or ~/.kube/config).")
    var kubeconfigs: [String] = []

    @Option(help: "The kubeconfig context (default: its current context).")
    var context: String?

    @Option(help: "Refuse the plan unless it is of this revision (resolved in --repo when it is a Git repository).")
    var rev: String?

    @Option(help: "The repository --rev is resolved in.")
    var repo: String = "."

    @Option(name: .customLong("cluster"), help: "Only this cluster of the plan (repeatable).")
    var clusters: [String] = []

    @Flag(help: "Delete objects of the apply set that the plan no longer has.")
    var prune = false

    @Option(name: .customLong("dry-run"), help: "server: send every write with dryRun=All; nothing persists, waits or is deleted.")
    var dryRun: String?

    @Flag(help: "Take over fields other field managers own (server-side apply force).")
    var forceConflicts = false

    @Flag(help: "Delete and recreate objects whose change touches an immutable field.")
    var forceRecreate = false

    @Flag(help: "Also apply the plan's unit and source objects (Kustomizations, Applications, GitRepositories).")
    var includeUnitObjects = false

    @Flag(help: "List every object's outcome in the final report.")
    var verbose = false

    func validate() throws {
        if let dryRun, dryRun != "server" { throw ValidationError("--dry-run takes only \"server\"") }
        if let target {
            guard (target.hasPrefix("dir:") || target.hasPrefix("git:")), target.count > 4 else {
                throw ValidationError("--target takes dir:PATH or git:BRANCH (without it the plan is applied to the kubeconfig's cluster)")
            }
            if dryRun != nil { throw ValidationError("--dry-run=server needs a cluster, not --target \(target)") }
            if !kubeconfigs.isEmpty || context != nil { throw ValidationError("--kubeconfig and --context select a cluster; --target writes a directory") }
        }
    }

    func run() throws {
        let document: PlanDocument
        do {
            document = try PlanDocument(fileBytes: try readFile(plan))
        } catch let error as PlanFileError {
            printError("error: \(plan): \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let interactive = isatty(1) == 1
        let progress = LiveProgress(interactive: interactive) { text in
            var bytes = Array(text.utf8)
            _ = Glibc.write(1, &bytes, bytes.count)
        }
        let repository = repo
        var options = ApplyOptions(prune: prune, dryRunServer: dryRun == "server", forceConflicts: forceConflicts,
                                   forceRecreate: forceRecreate, includeUnitObjects: includeUnitObjects, expectedRevision: rev,
                                   resolveRevision: { revision in try? SourceTree.gitRevision(revision, in: repository).commit },
                                   clusters: clusters)
        options.progress = progress.sink

        if let target, target.hasPrefix("git:") {
            // The rendered-manifests pattern: one commit per apply on the branch, nothing else touched.
            let branch = String(target.dropFirst("git:".count))
            do {
                let result = try GitTarget.commit(document, repository: repo, branch: branch)
                print(result.committed
                      ? "Apply complete: \(result.files) file(s) committed to \(branch) as \(result.commit.prefix(12))."
                      : "Apply complete: \(branch) already holds these \(result.files) file(s); no commit.")
                return
            } catch {
                printError("error: \(error)")
                throw ExitCode(ExitStatus.findings)
            }
        }
        let applyTarget: ApplyTarget
        if let target {
            applyTarget = .directory(String(target.dropFirst("dir:".count)))
        } else {
            do {
                let kube = try KubeConfig.load(paths: kubeconfigs.isEmpty ? nil : kubeconfigs, context: context)
                applyTarget = .cluster(KubeAPI(target: kube))
            } catch {
                printError("error: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        let report = Executor.apply(plan: document, to: applyTarget, options: options)
        progress.finish()
        print(report.text(verbose: verbose), terminator: "")
        if !report.succeeded { throw ExitCode(ExitStatus.findings) }
    }
}
