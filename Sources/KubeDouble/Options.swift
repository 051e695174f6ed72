import Foundation

extension KubeAPIDouble {
    /// How the simulated cluster behaves. Delays are in seconds; `.infinity` means "never".
    public struct Options: Sendable {
        /// Time from creating a CRD until it is `Established` and its resources are served
        /// (about half a second on a real v1.36 server).
        public var crdEstablishDelay: TimeInterval = 0.5
        /// Time until Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods and PVCs report ready.
        public var workloadReadyDelay: TimeInterval = 0.3
        /// Time until a Job reports `Complete`.
        public var jobCompleteDelay: TimeInterval = 0.5
        /// Time until a LoadBalancer Service gets an ingress IP.
        public var loadBalancerDelay: TimeInterval = 0.3
        /// Time a deleted Namespace stays `Terminating` before it and its contents disappear.
        public var namespaceTerminationDelay: TimeInterval = 0.2
        /// Time until an object's finalizers are removed after deletion (the controllers' work).
        public var finalizerDelay: TimeInterval = 0.5
        /// Per-finalizer overrides of `finalizerDelay`; the longest delay among an object's finalizers wins.
        public var finalizerDelays: [String: TimeInterval] = [:]
        /// A cluster without nodes: workloads are observed but never become ready, Jobs never finish.
        public var noNodes = false
        /// Nodes a DaemonSet schedules onto (0 when `noNodes`).
        public var nodeCount = 1
        /// Serve the aggregated discovery (apidiscovery.k8s.io/v2) form when asked for it.
        public var aggregatedDiscovery = true
        /// When set, requests must send `Authorization: Bearer <token>`: none gets 403 (as the
        /// anonymous user), a wrong one 401.
        public var bearerToken: String?
        /// Freeze time: it then moves only through `advanceTime(by:)`, making progression deterministic.
        public var frozenClock = false
        /// Watch events kept; a watch from an older resourceVersion gets 410 Expired.
        public var watchHistoryLimit = 10_000
        /// Upper bound for a watch's lifetime when the client gives no `timeoutSeconds`.
        public var maximumWatchSeconds: TimeInterval = 60
        public var serverVersion = "v1.36.0"

        public init() {}
    }

    /// How one object's status progresses, overriding the per-kind default.
    public enum Progression: Sendable, Equatable {
        /// The kind's default (the delays in `Options`).
        case normal
        /// Observed but never ready (a stuck rollout, a Job that never finishes, an LB without IP).
        case never
        /// Fails: Deployment `ProgressDeadlineExceeded`, Job `Failed`, Pod `CrashLoopBackOff`.
        case fail
        /// Ready after this many seconds instead of the kind's default.
        case after(TimeInterval)
    }
}
