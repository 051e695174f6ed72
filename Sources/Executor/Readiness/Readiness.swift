import KubeClient

/// kstatus's verdict on one object (sigs.k8s.io/cli-utils `pkg/kstatus/status`), with the
/// overrides documented in docs/apply.md: Flux's Job rule and a stricter LoadBalancer rule.
public enum Readiness: Sendable, Equatable {
    case current
    case inProgress(String)
    case failed(String)
    case terminating
    case notFound

    public var isCurrent: Bool { self == .current }
    public var isFailed: Bool { if case .failed = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .current: return "Current"
        case .inProgress(let why): return "InProgress: \(why)"
        case .failed(let why): return "Failed: \(why)"
        case .terminating: return "Terminating"
        case .notFound: return "NotFound"
        }
    }
}

public enum ReadinessRules {
    /// Evaluates an object the way kstatus does, in its order: deletion, generation, the
    /// Reconciling/Stalled conditions, the kind's rule, then the `Ready` condition.
    public static func evaluate(_ object: JSON?) -> Readiness {
        guard let object else { return .notFound }
        if object[path: "metadata", "deletionTimestamp"].map({ !$0.isNull }) == true { return .terminating }
        if let generation = object[path: "metadata", "generation"]?.int,
           let observed = object[path: "status", "observedGeneration"]?.int, generation != observed {
            return .inProgress("observedGeneration \(observed) is not generation \(generation)")
        }
        if object.condition("Reconciling")?.status == "True" { return .inProgress("Reconciling") }
        if let stalled = object.condition("Stalled"), stalled.status == "True" {
            return .failed(stalled.message.isEmpty ? "Stalled" : stalled.message)
        }
        let group = RESTMapper.split(apiVersion: object["apiVersion"]?.string ?? "").group
        if let verdict = kindRule(group: group, kind: object["kind"]?.string ?? "", object: object) { return verdict }
        if let ready = object.condition("Ready") {
            return ready.status == "True" ? .current : .inProgress("Ready is \(ready.status)" + (ready.message.isEmpty ? "" : ": \(ready.message)"))
        }
        return .current
    }

    static func kindRule(group: String, kind: String, object: JSON) -> Readiness? {
        switch (group, kind) {
        case ("apps", "Deployment"), ("extensions", "Deployment"): return WorkloadRules.deployment(object)
        case ("apps", "StatefulSet"): return WorkloadRules.statefulSet(object)
        case ("apps", "DaemonSet"): return WorkloadRules.daemonSet(object)
        case ("apps", "ReplicaSet"): return WorkloadRules.replicaSet(object)
        case ("batch", "Job"): return WorkloadRules.job(object)
        case ("", "Pod"): return WorkloadRules.pod(object)
        case ("", "PersistentVolumeClaim"):
            let phase = object[path: "status", "phase"]?.string ?? ""
            return phase == "Bound" ? .current : .inProgress("PVC phase is \(phase.isEmpty ? "unset" : phase), not Bound")
        case ("", "Service"): return service(object)
        case ("", "Namespace"):
            let phase = object[path: "status", "phase"]?.string ?? ""
            return phase == "Active" ? .current : .inProgress("Namespace phase is \(phase.isEmpty ? "unset" : phase)")
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): return crd(object)
        case ("", "Secret"), ("", "ConfigMap"), ("batch", "CronJob"), ("policy", "PodDisruptionBudget"): return .current
        default: return nil
        }
    }

    /// Stricter than kstatus: a LoadBalancer is ready only once it has an ingress address.
    static func service(_ object: JSON) -> Readiness {
        guard object[path: "spec", "type"]?.string == "LoadBalancer" else { return .current }
        if object[path: "status", "loadBalancer", "ingress"]?.array?.isEmpty == false { return .current }
        return .inProgress("LoadBalancer has no ingress address yet")
    }

    static func crd(_ object: JSON) -> Readiness {
        if let names = object.condition("NamesAccepted"), names.status == "False" {
            return .failed("NamesAccepted is False: \(names.message)")
        }
        guard let established = object.condition("Established") else { return .inProgress("not Established yet") }
        if established.status == "True" { return .current }
        if established.status == "False", established.reason != "Installing" {
            return .failed("Established is False: \(established.reason) \(established.message)")
        }
        return .inProgress("not Established yet")
    }
}
