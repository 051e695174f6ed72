import Foundation

/// The status controllers would write, per kind. "Not ready" is what a controller
/// reports once it has seen a generation; "ready" is the converged state kstatus
/// calls Current; "failed" is the kind's failure shape.
enum StatusProgression {
    static func isProgressed(_ type: ResourceType) -> Bool {
        switch (type.group, type.kind) {
        case ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("apps", "ReplicaSet"),
            ("batch", "Job"), ("", "Pod"), ("", "PersistentVolumeClaim"):
            return true
        default:
            return false
        }
    }

    /// Kinds that cannot progress on a cluster without nodes.
    static func needsNodes(_ type: ResourceType) -> Bool {
        switch (type.group, type.kind) {
        case ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "ReplicaSet"), ("batch", "Job"), ("", "Pod"):
            return true
        default:
            return false
        }
    }

    static func defaultDelay(_ type: ResourceType, options: KubeAPIDouble.Options) -> TimeInterval {
        type.kind == "Job" ? options.jobCompleteDelay : options.workloadReadyDelay
    }

    static func status(for object: StoredObject, ready: Bool, failed: Bool, options: KubeAPIDouble.Options, time: String) -> JSONValue? {
        let body = object.body
        let generation = JSONValue.int(object.generation)
        let replicas = body.value(at: ["spec", "replicas"])?.intValue ?? 1
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
             "lastTransitionTime": .string(time), "lastUpdateTime": .string(time)]
        }
        let name = body.value(at: ["metadata", "name"])?.stringValue ?? ""
        switch (object.type.group, object.type.kind) {
        case ("apps", "Deployment"):
            if failed {
                return ["observedGeneration": generation, "replicas": .int(replicas), "updatedReplicas": .int(replicas),
                        "unavailableReplicas": .int(replicas), "readyReplicas": 0, "availableReplicas": 0,
                        "conditions": [
                            condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
                            condition("Progressing", "False", "ProgressDeadlineExceeded", "ReplicaSet \"\(name)\" has timed out progressing."),
                        ]]
            }
            if ready {
                return ["observedGeneration": generation, "replicas": .int(replicas), "updatedReplicas": .int(replicas),
                        "readyReplicas": .int(replicas), "availableReplicas": .int(replicas), "unavailableReplicas": 0,
                        "conditions": [
                            condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
                            condition("Progressing", "True", "NewReplicaSetAvailable", "ReplicaSet \"\(name)\" has successfully progressed."),
                        ]]
            }
            return ["observedGeneration": generation, "replicas": .int(replicas), "updatedReplicas": .int(replicas),
                    "readyReplicas": 0, "availableReplicas": 0, "unavailableReplicas": .int(replicas),
                    "conditions": [
                        condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
                        condition("Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"\(name)\" is progressing."),
                    ]]
        case ("apps", "StatefulSet"), ("apps", "ReplicaSet"):
            let count = ready ? replicas : 0
            var status: [String: JSONValue] = [
                "observedGeneration": generation, "replicas": .int(replicas), "readyReplicas": .int(count),
                "availableReplicas": .int(count), "currentReplicas": .int(replicas), "updatedReplicas": .int(replicas),
                "fullyLabeledReplicas": .int(replicas),
            ]
            if object.type.kind == "StatefulSet" {
                let revision = JSONValue.string("\(name)-\(object.generation)")
                status["currentRevision"] = revision
                status["updateRevision"] = revision
                status.removeValue(forKey: "fullyLabeledReplicas")
            }
            return .object(status)
        case ("apps", "DaemonSet"):
            let nodes = options.noNodes ? 0 : max(0, options.nodeCount)
            let count = ready ? nodes : 0
            return ["observedGeneration": generation, "desiredNumberScheduled": .int(nodes), "currentNumberScheduled": .int(nodes),
                    "updatedNumberScheduled": .int(nodes), "numberAvailable": .int(count), "numberReady": .int(count),
                    "numberMisscheduled": 0]
        case ("batch", "Job"):
            let completions = body.value(at: ["spec", "completions"])?.intValue ?? 1
            if failed {
                return ["startTime": .string(time), "failed": 1, "active": 0,
                        "conditions": [condition("FailureTarget", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit"),
                                       condition("Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit")]]
            }
            if ready {
                return ["startTime": .string(time), "completionTime": .string(time), "succeeded": .int(completions), "active": 0,
                        "conditions": [condition("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods"),
                                       condition("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods")]]
            }
            return ["startTime": .string(time), "active": 1]
        case ("", "Pod"):
            if failed {
                return ["phase": "Running", "conditions": [condition("Ready", "False", "ContainersNotReady", "containers with unready status")],
                        "containerStatuses": [["name": "main", "ready": false, "restartCount": 5,
                                               "state": ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off restarting failed container"]]]]]
            }
            if ready {
                return ["phase": "Running", "conditions": [condition("PodScheduled", "True", "", ""), condition("Ready", "True", "", "")]]
            }
            if options.noNodes {
                return ["phase": "Pending", "conditions": [condition("PodScheduled", "False", "Unschedulable", "0/0 nodes are available.")]]
            }
            return ["phase": "Pending"]
        case ("", "PersistentVolumeClaim"):
            return ["phase": ready ? "Bound" : "Pending"]
        default:
            return nil
        }
    }
}
