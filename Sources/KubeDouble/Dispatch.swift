import Foundation

/// Turns a request into a call on the simulated cluster.
extension KubeAPIDouble {
    func route(_ request: HTTPRequest) -> HTTPReply {
        if isWatch(request) { return watch(request) }
        return lock.withLock {
            state.advance()
            let startVersion = state.resourceVersion
            defer { if state.resourceVersion != startVersion { lock.broadcast() } }
            do throws(APIError) {
                return .response(try dispatch(request))
            } catch {
                return .response(error.response)
            }
        }
    }

    func isWatch(_ request: HTTPRequest) -> Bool {
        request.method == "GET" && ["1", "true"].contains(request.queryValue("watch") ?? "")
    }

    /// Runs under the lock.
    private func dispatch(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        let route = try Route(path: request.path, state: state)
        let types = state.allTypes
        switch route {
        case .coreVersions:
            guard request.method == "GET" else { throw APIError.methodNotAllowed(request.method) }
            if options.aggregatedDiscovery, Discovery.wantsAggregated(request.header("accept")) {
                return .json(200, Discovery.aggregated(types, core: true), contentType: Discovery.aggregatedContentType)
            }
            return .json(200, Discovery.apiVersions(serverAddress: "127.0.0.1:\(port)"))
        case .groupList:
            guard request.method == "GET" else { throw APIError.methodNotAllowed(request.method) }
            if options.aggregatedDiscovery, Discovery.wantsAggregated(request.header("accept")) {
                return .json(200, Discovery.aggregated(types, core: false), contentType: Discovery.aggregatedContentType)
            }
            return .json(200, Discovery.apiGroupList(types))
        case .group(let name):
            guard let document = Discovery.apiGroup(types, name: name) else { throw APIError.pageNotFound }
            return .json(200, document)
        case .resourceList(let group, let version):
            return .json(200, Discovery.resourceList(types, group: group, version: version))
        case .nonResource(let name):
            if name == "version" {
                let parts = options.serverVersion.dropFirst().split(separator: ".")
                return .json(200, [
                    "major": .string(parts.first.map(String.init) ?? "1"), "minor": .string(parts.dropFirst().first.map(String.init) ?? "0"),
                    "gitVersion": .string(options.serverVersion), "platform": "linux/amd64",
                ])
            }
            return .text(200, "ok")
        case .object(let target):
            return try dispatch(request, target: target)
        }
    }

    private func dispatch(_ request: HTTPRequest, target: Route.ResourceTarget) throws(APIError) -> HTTPResponse {
        let dryRun = try dryRunFlag(request)
        switch (request.method, target.name) {
        case ("GET", nil):
            var query = ListQuery(type: target.type, namespace: target.namespace)
            if let selector = request.queryValue("labelSelector") { query.labelSelector = try LabelSelector(parsing: selector) }
            if let selector = request.queryValue("fieldSelector") {
                (query.fieldName, query.fieldNamespace) = try ListQuery.fieldSelector(selector)
            }
            if let version = request.queryValue("resourceVersion"), request.queryValue("resourceVersionMatch") == "Exact",
                let number = Int(version), number <= state.compactedThrough
            {
                throw state.expired(number)
            }
            return .json(200, state.list(query))
        case ("GET", let name?):
            return .json(200, try state.get(target.type, namespace: target.namespace, name: name))
        case ("PATCH", let name?):
            guard target.subresource == nil else { throw APIError.methodNotAllowed(request.method) }
            let writeTarget = WriteTarget(type: target.type, namespace: target.namespace, name: name)
            let body = try parseBody(request)
            let contentType = (request.header("content-type") ?? "").lowercased()
            if contentType.hasPrefix("application/apply-patch") {
                guard let manager = request.queryValue("fieldManager"), !manager.isEmpty else {
                    throw APIError(code: 422, reason: "Invalid", message: "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
                }
                if let field = faults.schemaField(kind: target.type.kind), target.type.definedBy != nil {
                    throw APIError(
                        code: 500, reason: "InternalError",
                        message: "failed to create typed patch object (\(target.type.groupVersion), Kind=\(target.type.kind)): \(field): field not declared in schema",
                        details: ["causes": [["message": .string("failed to create typed patch object (\(target.type.groupVersion), Kind=\(target.type.kind)): \(field): field not declared in schema")]]])
                }
                let force = request.queryValue("force") == "true"
                let result = try state.apply(writeTarget, body: body, manager: manager, force: force, dryRun: dryRun)
                return .json(result.status, result.object)
            }
            if contentType.hasPrefix("application/merge-patch+json") || contentType.hasPrefix("application/strategic-merge-patch+json") {
                let manager = request.queryValue("fieldManager") ?? Self.defaultManager(request)
                let result = try state.mergePatch(writeTarget, patch: body, manager: manager, dryRun: dryRun)
                return .json(result.status, result.object)
            }
            throw APIError(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml, application/merge-patch+json, application/strategic-merge-patch+json")
        case ("POST", nil):
            let body = try parseBody(request)
            var name = body.value(at: ["metadata", "name"])?.stringValue ?? ""
            if name.isEmpty, let prefix = body.value(at: ["metadata", "generateName"])?.stringValue {
                name = prefix + String(state.nextUID().suffix(5))
            }
            guard !name.isEmpty else {
                throw APIError.invalid(target.type, name: "", causes: [("metadata.name", "Required value: name or generateName is required")])
            }
            var named = body
            named.setValue(.string(name), at: ["metadata", "name"])
            let manager = request.queryValue("fieldManager") ?? Self.defaultManager(request)
            let result = try state.createObject(
                WriteTarget(type: target.type, namespace: target.namespace, name: name), body: named, manager: manager, dryRun: dryRun)
            return .json(result.status, result.object)
        case ("DELETE", let name?):
            guard target.subresource == nil else { throw APIError.methodNotAllowed(request.method) }
            let options: JSONValue? = request.body.isEmpty ? nil : try parseBody(request)
            let result = try state.delete(
                WriteTarget(type: target.type, namespace: target.namespace, name: name), options: options,
                propagation: request.queryValue("propagationPolicy"), dryRun: dryRun || options?["dryRun"]?.arrayValue?.contains("All") == true)
            return .json(result.status, result.object)
        default:
            throw APIError.methodNotAllowed(request.method)
        }
    }

    private func dryRunFlag(_ request: HTTPRequest) throws(APIError) -> Bool {
        guard let value = request.queryValue("dryRun") else { return false }
        guard value == "All" else { throw APIError.badRequest("dryRun: Unsupported value: \"\(value)\": supported values: \"All\"") }
        return true
    }

    /// Bodies must be JSON (which is also YAML); the double has no YAML parser.
    private func parseBody(_ request: HTTPRequest) throws(APIError) -> JSONValue {
        do {
            return try JSONValue(parsing: request.body)
        } catch {
            throw APIError.badRequest("error decoding request body: \(error.description) (the API double accepts JSON bodies only)")
        }
    }

    /// The server's default manager for non-apply writes: the user agent's program name.
    private static func defaultManager(_ request: HTTPRequest) -> String {
        let agent = request.header("user-agent") ?? "unknown"
        return String(agent.split(separator: "/").first ?? "unknown")
    }
}
