import Foundation
import Rendering

/// The native kustomize engine as discovery's builder. The default order is "unspecified"
/// (a kustomization's `sortOptions`, else legacy), as the CLI and the controllers use it.
/// One engine per source artifact and load restriction, so a base shared by many units
/// (per-cluster overlays of one app) is accumulated once.
public final class KustomizerBuilder: KustomizeBuilding, @unchecked Sendable {
    public let reorder: Reorder?
    private let lock = NSLock()
    private var engines: [String: Kustomizer] = [:]

    public init(reorder: Reorder? = nil) {
        self.reorder = reorder
    }

    public func build(_ kustomization: Kustomization, fileSystem: any RenderFileSystem,
                      loadRestriction: LoadRestriction) throws(RenderError) -> ResourceMap {
        try engine(for: fileSystem, loadRestriction: loadRestriction).build(kustomization)
    }

    private func engine(for fileSystem: any RenderFileSystem, loadRestriction: LoadRestriction) -> Kustomizer {
        var options = BuildOptions()
        options.loadRestriction = loadRestriction
        options.reorder = reorder
        // Only source and artifact file systems have a stable identity (discovery shares one per artifact).
        guard let identity = (fileSystem as? SourceFileSystem)?.identity ?? (fileSystem as? ArtifactFileSystem).map({ "artifact\u{0}" + $0.identity }) else {
            return Kustomizer(fileSystem: fileSystem, options: options)
        }
        let key = "\(loadRestriction.rawValue)\u{0}\(identity)"
        lock.lock()
        defer { lock.unlock() }
        if let engine = engines[key] { return engine }
        let engine = Kustomizer(fileSystem: fileSystem, options: options)
        engines[key] = engine
        return engine
    }
}
