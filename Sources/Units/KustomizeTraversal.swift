import Diagnostics
import Model
import SourceTree
import YAMLTree

/// Resolves which files a kustomization directory builds, without rendering: `resources`,
/// `bases` and `components`, recursively. Each directory is expanded once and shared by every
/// unit that reaches it; problems are reported once, where the reference is written.
final class KustomizeTraversal {
    private let repository: ParsedRepository
    private var expansions: [String: [Member]] = [:]
    private var visiting: [String] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(repository: ParsedRepository) {
        self.repository = repository
    }

    /// The kustomization file of a directory, if it has one (kustomize's own lookup order).
    func kustomizationFile(in directory: String) -> String? {
        for name in ["kustomization.yaml", "kustomization.yml", "Kustomization"] {
            let path = RepositoryPath.join(directory, name)
            if repository.tree.isFile(path) { return path }
        }
        return nil
    }

    /// The members of a directory that has a kustomization file.
    func expand(directory: String, reachedFrom reference: SourceLocation? = nil) -> [Member] {
        if let done = expansions[directory] { return done }
        if let start = visiting.firstIndex(of: directory) {
            reportCycle(Array(visiting[start...]) + [directory], at: reference)
            return []
        }
        guard let path = kustomizationFile(in: directory) else { return [] }
        visiting.append(directory)
        defer { visiting.removeLast() }
        guard let root = repository.files[path]?.documents.first?.root, let file = KustomizationFile(root) else {
            expansions[directory] = []
            return []
        }
        var members: [Member] = []
        for input in file.inputs {
            members += resolve(input, in: directory)
        }
        for problem in file.shapeProblems {
            report(.kustomizeInvalid, problem.message, at: problem.node.location, fix: nil)
        }
        for auxiliary in file.auxiliaryFiles {
            checkExists(auxiliary, in: directory)
        }
        // Duplicates stay: a file reached twice is an object applied twice, which kustomize rejects.
        let result = members.map { $0.wrapped(namespace: file.namespace, prefix: file.namePrefix, suffix: file.nameSuffix) }
        expansions[directory] = result
        return result
    }

    private func resolve(_ input: KustomizationFile.Reference, in directory: String) -> [Member] {
        let location = input.node.location
        if KustomizationFile.isRemote(input.path) {
            report(.kustomizeRemoteBase, "\(input.field) entry \(input.path) is remote and was not fetched", at: location,
                   fix: "vendor the base into the repository to have it analysed")
            return []
        }
        switch RepositoryPath.resolve(input.path, relativeTo: directory) {
        case .failure:
            report(.pathEscape, "\(input.field) entry \(input.path) leaves the repository root", at: location,
                   fix: "reference a path inside the repository")
            return []
        case .success(let target):
            if repository.tree.isFile(target) { return [Member(file: target)] }
            if repository.tree.isDirectory(target) {
                if kustomizationFile(in: target) != nil { return expand(directory: target, reachedFrom: location) }
                report(.kustomizeMissingResource, "\(input.field) entry \(input.path) is a directory without a kustomization file",
                       at: location, fix: "add a kustomization.yaml to \(target) or list its files individually")
                return []
            }
            report(.kustomizeMissingResource, "\(input.field) entry \(input.path) does not exist", at: location,
                   fix: "fix the path or remove the entry")
            return []
        }
    }

    private func checkExists(_ reference: KustomizationFile.Reference, in directory: String) {
        guard !KustomizationFile.isRemote(reference.path) else { return }
        switch RepositoryPath.resolve(reference.path, relativeTo: directory) {
        case .failure:
            report(.pathEscape, "\(reference.field) entry \(reference.path) leaves the repository root",
                   at: reference.node.location, fix: "reference a path inside the repository")
        case .success(let target):
            if !repository.tree.exists(target) {
                report(.kustomizeMissingResource, "\(reference.field) entry \(reference.path) does not exist",
                       at: reference.node.location, fix: "fix the path or remove the entry")
            }
        }
    }

    private func reportCycle(_ chain: [String], at reference: SourceLocation?) {
        let display = chain.map { $0.isEmpty ? "." : $0 }.joined(separator: " -> ")
        let location = reference ?? .startOf(kustomizationFile(in: chain[0]) ?? chain[0])
        report(.kustomizeCycle, "kustomizations include each other: \(display)", at: location,
               fix: "remove one of the references in the cycle")
    }

    private func report(_ rule: RuleID, _ message: String, at location: SourceLocation, fix: String?) {
        diagnostics.append(Diagnostic(rule: rule, message: message, at: location, fix: fix))
    }
}
