import Dispatch
import Foundation
import Rendering

/// How discovery maps sources to directories and how strictly it substitutes.
public struct DiscoveryOptions: Sendable {
    /// Local directories (repository-relative) for sources that are not this repository,
    /// keyed by kind, namespace and name (`flux build --local-sources`).
    public var sourceDirectories: [ObjectKey: String] = [:]
    /// URLs that name this repository: a GitRepository or an Argo CD `repoURL` with one of these
    /// URLs (or the bootstrap GitRepository's) renders from the working tree.
    public var repositoryURLs: [String] = []
    /// Flux ≥ 2.9 default: an unset variable without a default fails the Kustomization.
    public var strictSubstitution = true
    /// Builds of one round run concurrently.
    public var parallel = true

    public init() {}
}

/// Discovery by rendering: renders a cluster root as Flux would, finds the Flux Kustomizations
/// and Argo CD Applications in the output, renders those, and repeats until nothing new appears.
public struct Discovery: Sendable {
    public let fileSystem: any RenderFileSystem
    public let builder: any KustomizeBuilding
    public let options: DiscoveryOptions
    /// Source file systems by artifact root and ignore rules, shared by every cluster: finding
    /// `.sourceignore` files walks the whole source once, not once per cluster.
    let sourceFileSystems = SourceFileSystemCache()

    public init(fileSystem: any RenderFileSystem, builder: any KustomizeBuilding = KustomizerBuilder(),
                options: DiscoveryOptions = DiscoveryOptions()) {
        self.fileSystem = fileSystem
        self.builder = builder
        self.options = options
    }

    public func render(_ cluster: ClusterRoot) -> ClusterRender {
        var run = DiscoveryRun(discovery: self, cluster: cluster)
        return run.run()
    }

    /// Clusters are independent, so they render concurrently (each also builds its rounds in parallel).
    public func render(_ clusters: [ClusterRoot]) -> [ClusterRender] {
        guard options.parallel, clusters.count > 1 else { return clusters.map { render($0) } }
        let slots = Slots<ClusterRender>(count: clusters.count)
        DispatchQueue.concurrentPerform(iterations: clusters.count) { index in
            slots.buffer[index] = render(clusters[index])
        }
        return slots.buffer.compactMap { $0 }
    }
}

final class SourceFileSystemCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cached: [String: SourceFileSystem] = [:]

    func fileSystem(root: String, ignore: String?, base: any RenderFileSystem) -> SourceFileSystem {
        let key = root + "\u{0}" + (ignore ?? "\u{1}")
        lock.lock()
        defer { lock.unlock() }
        if let found = cached[key] { return found }
        let files = SourceFileSystem(base: base, root: root, specIgnore: ignore)
        cached[key] = files
        return files
    }
}

/// A unit waiting to be rendered.
struct PendingUnit: Sendable {
    enum Job: Sendable {
        case flux(FluxKustomizationSpec)
        case argo(ArgoApplicationSpec)
    }

    var job: Job
    var parent: ObjectKey?
    var depth: Int
    /// The Kustomization or Application object as its parent rendered it (nil for a bootstrap
    /// known only from its sync settings).
    var object: Node?
    /// Why it cannot proceed yet; reported if discovery closes without resolving it.
    var blocked: RenderError?

    var key: ObjectKey {
        switch job {
        case .flux(let spec): return spec.key
        case .argo(let spec): return spec.key
        }
    }

    var origin: Origin? {
        switch job {
        case .flux(let spec): return spec.origin
        case .argo(let spec): return spec.origin
        }
    }

    var kind: RenderedUnit.Kind {
        if case .argo = job { return .argoApplication }
        return .fluxKustomization
    }
}

/// What one build needs.
struct BuildPlan: Sendable {
    var unit: PendingUnit
    var directory: String
    var kustomization: Kustomization
    var fileSystem: any RenderFileSystem
    var loadRestriction: LoadRestriction
}

/// A finished build waiting for its post-build step.
struct BuiltUnit: Sendable {
    var plan: BuildPlan
    var resources: ResourceMap
}

enum Outcome<Value> {
    case ready(Value)
    /// May succeed once more of the cluster is rendered.
    case blocked(RenderError)
    case failed(RenderError)
}

/// Results written by concurrent workers, one slot each.
private final class Slots<Value>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        _ = buffer.deinitialize()
        buffer.deallocate()
    }
}

extension Discovery {
    /// Runs `plans` through the builder, concurrently when allowed.
    func build(_ plans: [BuildPlan]) -> [Result<ResourceMap, RenderError>] {
        let builder = self.builder
        let work: @Sendable (BuildPlan) -> Result<ResourceMap, RenderError> = { plan in
            do throws(RenderError) {
                return .success(try builder.build(plan.kustomization, fileSystem: plan.fileSystem, loadRestriction: plan.loadRestriction))
            } catch {
                return .failure(error)
            }
        }
        guard options.parallel, plans.count > 1 else { return plans.map(work) }
        let slots = Slots<Result<ResourceMap, RenderError>>(count: plans.count)
        DispatchQueue.concurrentPerform(iterations: plans.count) { index in
            slots.buffer[index] = work(plans[index])
        }
        return slots.buffer.map { $0 ?? .failure(RenderError(.invalid, "build did not run")) }
    }
}
