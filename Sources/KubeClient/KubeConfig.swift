import Foundation
import Rendering

/// Loads kubeconfig v1 files the way kubectl does and resolves one context to a `KubeTarget`.
///
/// Merging (client-go's loading rules): files are read in order; for clusters, users and contexts
/// the first file that defines a name wins, and the first non-empty `current-context` wins.
/// Relative paths inside an entry resolve against the directory of the file that defined it.
public enum KubeConfig {
    /// `$KUBECONFIG` split on `:` (empty parts dropped), else `~/.kube/config`.
    public static func defaultPaths(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return [home + "/.kube/config"]
    }

    /// Loads the given files (an explicit `--kubeconfig` is one path that must exist) or, when
    /// `paths` is nil, the default list, where missing files are skipped as kubectl skips them.
    public static func load(paths: [String]? = nil, context: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(KubeConfigError) -> KubeTarget {
        if let paths { return try load(paths: paths, context: context, ignoringMissing: false) }
        return try load(paths: defaultPaths(environment: environment), context: context, ignoringMissing: true)
    }

    public static func load(paths: [String], context: String?, ignoringMissing: Bool) throws(KubeConfigError) -> KubeTarget {
        var merged = MergedConfig()
        var readAny = false
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else {
                if ignoringMissing { continue }
                throw KubeConfigError(.unreadable, file: path, "no such file")
            }
            try merged.add(file: path)
            readAny = true
        }
        guard readAny else {
            throw KubeConfigError(.unreadable, file: paths.joined(separator: ":"), "no kubeconfig file found")
        }
        return try merged.resolve(context: context)
    }
}

/// One named entry and the file it came from.
struct ConfigEntry {
    var node: Node
    var file: String
    var directory: String { (file as NSString).deletingLastPathComponent }
}

struct MergedConfig {
    var clusters: [String: ConfigEntry] = [:]
    var users: [String: ConfigEntry] = [:]
    var contexts: [String: ConfigEntry] = [:]
    var currentContext: (name: String, file: String)?
    var files: [String] = []

    mutating func add(file: String) throws(KubeConfigError) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw KubeConfigError(.unreadable, file: file, "cannot read the file")
        }
        let documents: [Node]
        do {
            documents = try Kustomization.parseDocuments(Array(data), path: file)
        } catch {
            throw KubeConfigError(.invalid, file: file, "not valid YAML: \(error.message)")
        }
        files.append(file)
        guard let root = documents.first, !root.isNull else { return }   // empty files are allowed
        guard root.isMapping else { throw KubeConfigError(.invalid, file: file, "the document is not a mapping") }
        if let kind = root["kind"]?.text, kind != "Config" {
            throw KubeConfigError(.invalid, file: file, field: "kind", "expected Config, found \(kind)")
        }
        try collect(root["clusters"], key: "cluster", listName: "clusters", file: file, into: &clusters)
        try collect(root["users"], key: "user", listName: "users", file: file, into: &users)
        try collect(root["contexts"], key: "context", listName: "contexts", file: file, into: &contexts)
        if currentContext == nil, let name = root["current-context"]?.text, !name.isEmpty {
            currentContext = (name, file)
        }
    }

    private func collect(_ list: Node?, key: String, listName: String, file: String,
                         into table: inout [String: ConfigEntry]) throws(KubeConfigError) {
        guard let list, !list.isNull else { return }
        guard list.isSequence else { throw KubeConfigError(.invalid, file: file, field: listName, "expected a list") }
        for (index, item) in list.elements.enumerated() {
            guard let name = item["name"]?.text, !name.isEmpty else {
                throw KubeConfigError(.invalid, file: file, field: "\(listName)[\(index)].name", "missing")
            }
            if table[name] == nil { table[name] = ConfigEntry(node: item[key] ?? .mapping(), file: file) }
        }
    }

    func resolve(context requested: String?) throws(KubeConfigError) -> KubeTarget {
        let fileList = files.joined(separator: ":")
        let contextName: String
        if let requested, !requested.isEmpty {
            contextName = requested
        } else if let current = currentContext {
            contextName = current.name
        } else {
            throw KubeConfigError(.noContext, file: fileList, field: "current-context",
                                  "no current context is set; choose one with --context")
        }
        guard let context = contexts[contextName] else {
            throw KubeConfigError(.contextNotFound, file: fileList, field: "contexts",
                                  "context \"\(contextName)\" is not defined")
        }
        let clusterName = context.node["cluster"]?.text ?? ""
        guard let cluster = clusters[clusterName] else {
            throw KubeConfigError(.clusterNotFound, file: context.file, field: "contexts[\(contextName)].context.cluster",
                                  clusterName.isEmpty ? "no cluster named" : "cluster \"\(clusterName)\" is not defined")
        }
        let userName = context.node["user"]?.text ?? ""
        var user: ConfigEntry?
        if !userName.isEmpty {
            guard let found = users[userName] else {
                throw KubeConfigError(.userNotFound, file: context.file, field: "contexts[\(contextName)].context.user",
                                      "user \"\(userName)\" is not defined")
            }
            user = found
        }
        let namespace = context.node["namespace"]?.text.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let (server, tls, clusterInfo) = try ClusterFields(entry: cluster, name: clusterName).resolve()
        let credentials = try user.map { entry throws(KubeConfigError) in
            try UserFields(entry: entry, name: userName).resolve(clusterInfo: clusterInfo)
        } ?? Credentials()
        return KubeTarget(server: server, contextName: contextName, clusterName: clusterName, userName: userName,
                          namespace: namespace, tls: tls, credentials: credentials)
    }
}
