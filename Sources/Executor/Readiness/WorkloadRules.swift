import KubeClient

/// kstatus's rules for the built-in workload kinds (defaults: `spec.replicas` 1, counters 0).
enum WorkloadRules {
    static func deployment(_ object: JSON) -> Readiness {
        if let progressing = object.condition("Progressing"), progressing.reason == "ProgressDeadlineExceeded" {
            return .failed("progress deadline exceeded" + (progressing.message.isEmpty ? "" : ": \(progressing.message)"))
        }
        if object[path: "status", "observedGeneration"] == nil, object[path: "metadata", "generation"] != nil {
            return .inProgress("the controller has not observed it yet")
        }
        let wanted = object.integer("spec", "replicas", default: 1)
        let status = (replicas: object.integer("status", "replicas"), updated: object.integer("status", "updatedReplicas"),
                      ready: object.integer("status", "readyReplicas"), available: object.integer("status", "availableReplicas"))
        if wanted > status.replicas || wanted > status.updated { return .inProgress("\(status.updated)/\(wanted) replicas updated") }
        if status.replicas > wanted { return .inProgress("\(status.replicas - wanted) old replica(s) terminating") }
        if status.updated > status.available || wanted > status.ready {
            return .inProgress("\(status.available)/\(wanted) replicas available")
        }
        if object.condition("Available")?.status != "True", wanted > 0 { return .inProgress("Available is not True") }
        return .current
    }

    static func statefulSet(_ object: JSON) -> Readiness {
        if object[path: "spec", "updateStrategy", "type"]?.string == "OnDelete" { return .current }
        if object[path: "status", "observedGeneration"] == nil { return .inProgress("the controller has not observed it yet") }
        let wanted = object.integer("spec", "replicas", default: 1)
        let replicas = object.integer("status", "replicas"), ready = object.integer("status", "readyReplicas")
        if wanted > replicas || wanted > ready { return .inProgress("\(ready)/\(wanted) replicas ready") }
        if replicas > wanted { return .inProgress("\(replicas - wanted) extra replica(s) terminating") }
        if let partition = object[path: "spec", "updateStrategy", "rollingUpdate", "partition"]?.int {
            let updated = object.integer("status", "updatedReplicas")
            return updated < wanted - partition ? .inProgress("\(updated)/\(wanted - partition) partitioned replicas updated") : .current
        }
        if wanted > object.integer("status", "currentReplicas") { return .inProgress("replicas are being updated") }
        let current = object[path: "status", "currentRevision"]?.string, update = object[path: "status", "updateRevision"]?.string
        if current != update { return .inProgress("rolling out revision \(update ?? "?")") }
        return .current
    }

    static func daemonSet(_ object: JSON) -> Readiness {
        guard object[path: "status", "observedGeneration"] != nil, object[path: "status", "desiredNumberScheduled"] != nil else {
            return .inProgress("the controller has not observed it yet")
        }
        let desired = object.integer("status", "desiredNumberScheduled")
        for field in ["currentNumberScheduled", "updatedNumberScheduled", "numberAvailable", "numberReady"] {
            let count = object.integer("status", field)
            if desired > count { return .inProgress("\(field) \(count)/\(desired)") }
        }
        return .current
    }

    static func replicaSet(_ object: JSON) -> Readiness {
        if object.condition("ReplicaFailure")?.status == "True" { return .inProgress("ReplicaFailure") }
        let wanted = object.integer("spec", "replicas", default: 1)
        for field in ["fullyLabeledReplicas", "availableReplicas", "readyReplicas"] where wanted > object.integer("status", field) {
            return .inProgress("\(field) \(object.integer("status", field))/\(wanted)")
        }
        if object.integer("status", "replicas") > wanted { return .inProgress("extra replicas terminating") }
        return .current
    }

    /// Flux's override of kstatus: a running Job is InProgress (kstatus says Current), so a unit
    /// that waits for a Job waits for it to finish.
    static func job(_ object: JSON) -> Readiness {
        if object[path: "spec", "suspend"]?.bool == true { return .current }
        if object.condition("Complete")?.status == "True" { return .current }
        if let failed = object.condition("Failed"), failed.status == "True" {
            return .failed("Job failed" + (failed.message.isEmpty ? "" : ": \(failed.message)"))
        }
        return .inProgress(object[path: "status", "startTime"] == nil ? "not started" : "running")
    }

    static func pod(_ object: JSON) -> Readiness {
        let phase = object[path: "status", "phase"]?.string ?? ""
        switch phase {
        case "Succeeded", "Failed": return .current
        case "Running":
            if object.condition("Ready")?.status == "True" { return .current }
            let waiting = (object[path: "status", "containerStatuses"]?.array ?? []).compactMap { $0[path: "state", "waiting", "reason"]?.string }
            if waiting.contains("CrashLoopBackOff") { return .failed("a container is in CrashLoopBackOff") }
            return .inProgress("Pod is not Ready")
        default:
            return .inProgress("Pod phase is \(phase.isEmpty ? "unset" : phase)")
        }
    }
}
