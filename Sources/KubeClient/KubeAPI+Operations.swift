extension KubeAPI {
    /// `/apis/apps/v1/namespaces/a/deployments[/b]`.
    public func path(for ref: ObjectRef, includeName: Bool = true) throws(KubeError) -> String {
        let mapping = try mapping(apiVersion: ref.apiVersion, kind: ref.kind)
        var path = mapping.groupVersionPath
        if mapping.namespaced {
            path += "/namespaces/" + PercentEncoding.encode(ref.namespace ?? target.namespace)
        }
        path += "/" + mapping.resource
        if includeName { path += "/" + PercentEncoding.encode(ref.name) }
        return path
    }

    /// The live object, or nil when it does not exist.
    public func get(_ ref: ObjectRef) throws(KubeError) -> JSON? {
        let request = HTTPRequest(method: "GET", path: try path(for: ref))
        do {
            return try decode(try send(request), request: request)
        } catch where error.kind == .notFound {
            return nil
        }
    }

    /// Every object of a kind (in one namespace, or all when `namespace` is nil for namespaced
    /// kinds), following `continue` tokens. Items get their `apiVersion` and `kind` back (lists omit them).
    public func list(apiVersion: String, kind: String, namespace: String? = nil, labelSelector: String? = nil,
                     pageSize: Int = 500) throws(KubeError) -> [JSON] {
        let mapping = try mapping(apiVersion: apiVersion, kind: kind)
        var base = mapping.groupVersionPath
        if mapping.namespaced, let namespace { base += "/namespaces/" + PercentEncoding.encode(namespace) }
        base += "/" + mapping.resource
        var items: [JSON] = []
        var token: String?
        repeat {
            var query = [("limit", String(pageSize))]
            if let labelSelector { query.append(("labelSelector", labelSelector)) }
            if let token { query.append(("continue", token)) }
            let request = HTTPRequest(method: "GET", path: base + PercentEncoding.query(query))
            let page = try decode(try send(request), request: request)
            for var item in page["items"]?.array ?? [] {
                item["apiVersion"] = .string(apiVersion)
                item["kind"] = .string(kind)
                items.append(item)
            }
            token = page[path: "metadata", "continue"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return items
    }

    /// Server-side apply: `PATCH` with `application/apply-patch+yaml` (JSON is valid YAML).
    /// `metadata.managedFields` is dropped from the intent because the server rejects it.
    public func apply(_ object: JSON, fieldManager: String = "shipshape", force: Bool = false,
                      dryRun: Bool = false) throws(KubeError) -> AppliedObject {
        guard let ref = ObjectRef(object: object) else {
            throw KubeError(kind: .badRequest, request: "apply", message: "the object needs apiVersion, kind and metadata.name")
        }
        var intent = object
        if var metadata = intent["metadata"] {
            metadata["managedFields"] = nil
            intent["metadata"] = metadata
        }
        var query = [("fieldManager", fieldManager)]
        if force { query.append(("force", "true")) }
        if dryRun { query.append(("dryRun", "All")) }
        let request = HTTPRequest(method: "PATCH", path: try path(for: ref) + PercentEncoding.query(query),
                                  headers: [Header("Content-Type", "application/apply-patch+yaml")],
                                  body: intent.serialized())
        return AppliedObject(object: try decode(try send(request), request: request))
    }

    /// Deletes an object. A 404 is `.notFound`, not an error: the goal state is reached.
    public func delete(_ ref: ObjectRef, propagation: PropagationPolicy = .background,
                       preconditionUID: String? = nil, dryRun: Bool = false) throws(KubeError) -> DeleteResult {
        var options: [(key: String, value: JSON)] = [
            (key: "apiVersion", value: .string("v1")), (key: "kind", value: .string("DeleteOptions")),
            (key: "propagationPolicy", value: .string(propagation.rawValue)),
        ]
        if let preconditionUID { options.append((key: "preconditions", value: .object(["uid": .string(preconditionUID)]))) }
        if dryRun { options.append((key: "dryRun", value: .array([.string("All")]))) }
        let request = HTTPRequest(method: "DELETE", path: try path(for: ref),
                                  headers: [Header("Content-Type", "application/json")],
                                  body: JSON.object(options).serialized())
        let response: HTTPResponse
        do {
            response = try send(request)
        } catch where error.kind == .notFound {
            return .notFound
        }
        let body = try decode(response, request: request)
        if body["kind"]?.string != "Status", body[path: "metadata", "deletionTimestamp"] != nil {
            return .pending(body)
        }
        return .deleted
    }

    /// Polls GET until `condition` holds for the object (nil = absent) or `timeout` seconds pass.
    /// Returns the last object seen. Errors other than absence end the wait at once.
    public func waitFor(_ ref: ObjectRef, timeout: Double, interval: Double = 1,
                        until condition: (JSON?) -> Bool) throws(KubeError) -> JSON? {
        let deadline = clock.now() + timeout
        while true {
            let object = try get(ref)
            if condition(object) { return object }
            let remaining = deadline - clock.now()
            guard remaining > 0 else {
                throw KubeError(kind: .timeout, request: "GET \(try path(for: ref))",
                                message: "\(ref) did not reach the wanted state within \(Self.seconds(timeout))")
            }
            clock.sleep(min(interval, remaining))
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))s" : "\(value)s"
    }

    func decode(_ response: HTTPResponse, request: HTTPRequest) throws(KubeError) -> JSON {
        do {
            return try JSON.parse(response.body)
        } catch {
            throw KubeError(kind: .decoding, request: request.summary, httpStatus: response.status,
                            message: "the response is not JSON (\(error))")
        }
    }
}

extension JSON {
    fileprivate static func object(_ members: [String: JSON]) -> JSON {
        .object(members.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }
}
