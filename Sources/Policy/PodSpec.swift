import Rendering

/// The pod spec of a workload, by group and kind (`podSpec` in rule expressions); nil for
/// every other object, and when a step of the path is missing or not a map.
public enum PodSpec {
    public static func path(group: String, kind: String) -> [String]? {
        switch (group, kind) {
        case ("", "Pod"): return ["spec"]
        case ("", "ReplicationController"): return ["spec", "template", "spec"]
        case ("", "PodTemplate"): return ["template", "spec"]
        case ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("apps", "ReplicaSet"), ("batch", "Job"):
            return ["spec", "template", "spec"]
        case ("batch", "CronJob"): return ["spec", "jobTemplate", "spec", "template", "spec"]
        default: return nil
        }
    }

    public static func of(_ object: Node, group: String, kind: String) -> Node? {
        guard let path = path(group: group, kind: kind) else { return nil }
        var current = object
        for key in path {
            guard current.isMapping, let next = current[key] else { return nil }
            current = next
        }
        return current.isMapping ? current : nil
    }
}
