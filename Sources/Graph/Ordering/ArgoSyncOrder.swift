/// Argo CD sync phases, in gitops-engine's order (`syncPhaseOrder`).
public enum ArgoSyncPhase: String, Sendable, CaseIterable, Comparable {
    case preSync = "PreSync", sync = "Sync", postSync = "PostSync", syncFail = "SyncFail"

    var rank: Int {
        switch self {
        case .preSync: -1
        case .sync: 0
        case .postSync: 1
        case .syncFail: 2
        }
    }

    public static func < (lhs: ArgoSyncPhase, rhs: ArgoSyncPhase) -> Bool { lhs.rank < rhs.rank }
}

/// One sync task: an object in one phase (a hook listing several phases has one task per phase).
public struct ArgoSyncTask: Sendable, Hashable {
    public var node: NodeID
    public var phase: ArgoSyncPhase
    public var wave: Int
    public var kind: String
    public var group: String
    public var namespace: String
    public var name: String
    public var isHook: Bool
    /// A Namespace or CRD moved ahead of its first user, taking that task's phase and wave.
    public var isHoisted: Bool
}

/// gitops-engine's sync order inside one Application (`pkg/sync/sync_tasks.go`: `syncTasks.Less`,
/// `Sort`, `adjustDeps`; `sync_phase.go`; `syncwaves.Wave`; `hook.Types`, `hook/helm`).
public enum ArgoSyncOrder {
    /// `kindOrder` (Helm's install order without PriorityClass); unlisted kinds rank after all of these.
    public static let kinds = [
        "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
        "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
        "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
        "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
        "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job",
        "CronJob", "IngressClass", "Ingress", "APIService",
    ]

    private static let ranks: [String: Int] =
        Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0 - kinds.count) })

    static let hookAnnotation = "argocd.argoproj.io/hook"
    static let waveAnnotation = "argocd.argoproj.io/sync-wave"

    public static func rank(ofKind kind: String) -> Int { ranks[kind] ?? 0 }

    /// `argocd.argoproj.io/sync-wave`, else `helm.sh/hook-weight`, else 0 (unparsable values count as absent).
    public static func wave(of node: GraphNode) -> Int {
        if let text = node.annotation(waveAnnotation), let wave = Int(text.trimmed) { return wave }
        if let text = node.annotation("helm.sh/hook-weight"), let wave = Int(text.trimmed) { return wave }
        return 0
    }

    /// Whether the object is a hook (`hook.IsHook`): an Argo CD hook annotation other than a lone
    /// `Skip`, or, without one, any Helm hook except `crd-install`.
    public static func isHook(_ node: GraphNode) -> Bool {
        if node.annotation(hookAnnotation) != nil { return !isSkipped(node) }
        guard let helm = node.annotation("helm.sh/hook") else { return false }
        return helm.trimmed != "crd-install"
    }

    /// The phases the object is synced in (`syncPhases`): none for a skipped object or a hook of no
    /// sync phase (`PreDelete`, Helm `test`…), one per hook phase, else `Sync`.
    public static func phases(of node: GraphNode) -> [ArgoSyncPhase] {
        if isSkipped(node) { return [] }
        guard isHook(node) else { return [.sync] }
        let phases = Set(hookTypes(of: node).compactMap(ArgoSyncPhase.init(rawValue:)))
        return phases.sorted()
    }

    /// `hook.Types`: the Argo CD hook list, or, only when it names no known type, the Helm hooks
    /// mapped to Argo CD phases (pre-install/pre-upgrade → PreSync, post-install/post-upgrade → PostSync).
    static func hookTypes(of node: GraphNode) -> [String] {
        let known: Set<String> = ["PreSync", "Sync", "PostSync", "SyncFail", "Skip", "PreDelete", "PostDelete"]
        let argo = csv(node.annotation(hookAnnotation)).filter(known.contains)
        if !argo.isEmpty { return argo }
        let helm: [String: String] = ["pre-install": "PreSync", "pre-upgrade": "PreSync",
                                      "post-install": "PostSync", "post-upgrade": "PostSync"]
        return csv(node.annotation("helm.sh/hook")).compactMap { helm[$0] }
    }

    /// `hook.Skip`: `Skip` is the only hook type.
    static func isSkipped(_ node: GraphNode) -> Bool {
        let types = hookTypes(of: node)
        return types.contains("Skip") && types.count == 1
    }

    private static func csv(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// The sorted and adjusted task list of one Application.
    /// - Parameter destinationNamespace: the Application's `spec.destination.namespace`; gitops-engine
    ///   gives every object without a namespace this one (even cluster-scoped ones) before sorting.
    public static func tasks(for objects: [GraphNode], destinationNamespace: String? = nil) -> [ArgoSyncTask] {
        var servedBy: [NodeID: String] = [:]
        var tasks: [ArgoSyncTask] = []
        for node in objects {
            let hook = isHook(node)
            let namespace = node.namespace.isEmpty ? destinationNamespace ?? "" : node.namespace
            if let served = node.servedGroupKind { servedBy[node.id] = served }
            for phase in phases(of: node) {
                tasks.append(ArgoSyncTask(node: node.id, phase: phase, wave: wave(of: node), kind: node.kind,
                                          group: node.group, namespace: namespace, name: node.name,
                                          isHook: hook, isHoisted: false))
            }
        }
        tasks.sort(by: precedes)
        // Namespaces ahead of the first object in them, then CRDs ahead of their first custom resource.
        hoist(&tasks, dependency: { $0.kind == "Namespace" && $0.group == "" ? $0.name : nil },
              reference: { $0.namespace.isEmpty ? nil : $0.namespace })
        hoist(&tasks, dependency: { $0.kind == "CustomResourceDefinition" && $0.group == "apiextensions.k8s.io" ? servedBy[$0.node] : nil },
              reference: { "\($0.group)/\($0.kind)" })
        return tasks
    }

    /// `syncTasks.Less`: phase, wave, kind rank, name. The engine's sort is not stable, so ties
    /// beyond the name are broken here by group, kind and namespace for a deterministic result.
    static func precedes(_ lhs: ArgoSyncTask, _ rhs: ArgoSyncTask) -> Bool {
        if lhs.phase != rhs.phase { return lhs.phase < rhs.phase }
        if lhs.wave != rhs.wave { return lhs.wave < rhs.wave }
        let (left, right) = (rank(ofKind: lhs.kind), rank(ofKind: rhs.kind))
        if left != right { return left < right }
        return (lhs.name, lhs.group, lhs.kind, lhs.namespace) < (rhs.name, rhs.group, rhs.kind, rhs.namespace)
    }

    /// `adjustDeps`: walks the sorted tasks once; a dependency found after the first task that
    /// references it moves in front of that task and takes its phase and wave.
    static func hoist(_ tasks: inout [ArgoSyncTask], dependency: (ArgoSyncTask) -> String?,
                      reference: (ArgoSyncTask) -> String?) {
        var firstUse: [String: Int] = [:]
        for index in tasks.indices {
            var task = tasks[index]
            if let key = dependency(task) {
                guard let target = firstUse[key] else { continue }
                task.phase = tasks[target].phase
                task.wave = tasks[target].wave
                task.isHoisted = true
                tasks.remove(at: index)
                tasks.insert(task, at: target)
                for (other, position) in firstUse where position >= target { firstUse[other] = position + 1 }
            } else if let key = reference(task), firstUse[key] == nil {
                firstUse[key] = index
            }
        }
    }

    /// `syncTasks.multiStep`: more than one phase or wave. Only then does a wave wait for the
    /// health of the previous one.
    public static func isMultiStep(_ tasks: [ArgoSyncTask]) -> Bool {
        guard let first = tasks.first, let last = tasks.last else { return false }
        return first.phase != last.phase || first.wave != last.wave
    }

    static func applyOrder(unit: NodeID, objects: [GraphNode], destinationNamespace: String?) -> UnitApplyOrder {
        let tasks = tasks(for: objects, destinationNamespace: destinationNamespace)
        let multiStep = isMultiStep(tasks)
        // An object synced in several phases is placed at its first task.
        var seen: Set<NodeID> = []
        var gates: [String: Int] = [:]
        var ordered: [(id: NodeID, gate: Int, waited: Bool, concurrencyKey: String)] = []
        for task in tasks where seen.insert(task.node).inserted {
            let key = "\(task.phase.rank)/\(task.wave)"
            let gate = gates[key] ?? gates.count
            gates[key] = gate
            // Hooks are always waited for; other tasks only when the sync has several steps.
            ordered.append((task.node, gate, multiStep || task.isHook, task.kind))
        }
        return UnitApplyOrder(unit: unit, ordered: ordered)
    }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
