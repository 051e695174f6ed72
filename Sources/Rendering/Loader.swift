/// Resolves the paths a kustomization names and reads files under the load restriction.
/// One loader per kustomization directory, as in kustomize, so "root" means that directory.
import SourceTree

struct Loader: Sendable {
    let fileSystem: RenderFileSystem
    let restriction: LoadRestriction
    /// The kustomization's own directory.
    let root: String

    func child(_ directory: String) -> Loader {
        Loader(fileSystem: fileSystem, restriction: restriction, root: directory)
    }

    /// A path relative to the root, normalised; leaving the repository is always refused.
    /// A leading '/' means the repository root, as in kustomize's in-memory file system.
    func resolve(_ reference: String, at origin: Origin?) throws(RenderError) -> String {
        let relative = String(reference.drop { $0 == "/" })
        switch RepositoryPath.resolve(relative, relativeTo: relative.count == reference.count ? root : "") {
        case .success(let path): return path
        case .failure:
            throw RenderError(.loadRestriction,
                "security; file '\(reference)' leaves the repository root", at: origin)
        }
    }

    /// Reads a file, honouring the load restriction.
    func read(_ reference: String, at origin: Origin?) throws(RenderError) -> (path: String, bytes: [UInt8]) {
        let path = try resolve(reference, at: origin)
        if restriction == .rootOnly, !Loader.isInside(path, root) {
            throw RenderError(.loadRestriction,
                "security; file '\(Kustomization.displayPath(path))' is not in or below '\(Kustomization.displayPath(root))'",
                at: origin)
        }
        guard fileSystem.isFile(path) else {
            throw RenderError(.missing, "'\(Kustomization.displayPath(path))' doesn't exist", at: origin)
        }
        return (path, try fileSystem.read(path))
    }

    static func isInside(_ path: String, _ directory: String) -> Bool {
        directory.isEmpty || path == directory || path.hasPrefix(directory + "/")
    }

    static func isRemote(_ reference: String) -> Bool {
        reference.contains("://") || reference.hasPrefix("git@") || reference.hasPrefix("github.com/")
            || reference.hasPrefix("gitlab.com/") || reference.hasPrefix("bitbucket.org/")
    }
}
