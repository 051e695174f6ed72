import Foundation

/// `GET <collection>?watch=1`: a chunked stream of `{type, object}` lines. Without a
/// resourceVersion (or with "0") the current objects come first as ADDED; a
/// resourceVersion older than the kept history gets an ERROR event with a 410 Status,
/// as a real server sends it.
extension KubeAPIDouble {
    func watch(_ request: HTTPRequest) -> HTTPReply {
        let prepared: Result<(ListQuery, Int, [JSONValue]), APIError> = lock.withLock {
            state.advance()
            do throws(APIError) {
                guard case .object(let target) = try Route(path: request.path, state: state), target.name == nil else {
                    throw APIError.methodNotAllowed("WATCH")
                }
                var query = ListQuery(type: target.type, namespace: target.namespace)
                if let selector = request.queryValue("labelSelector") { query.labelSelector = try LabelSelector(parsing: selector) }
                if let selector = request.queryValue("fieldSelector") {
                    (query.fieldName, query.fieldNamespace) = try ListQuery.fieldSelector(selector)
                }
                let requested = request.queryValue("resourceVersion") ?? ""
                if requested.isEmpty || requested == "0" {
                    let initial = state.objects.keys.sorted().compactMap { key -> JSONValue? in
                        guard let object = state.objects[key], query.matches(key, object) else { return nil }
                        return ["type": "ADDED", "object": object.rendered(as: target.type)]
                    }
                    return .success((query, state.resourceVersion, initial))
                }
                guard let version = Int(requested) else { throw APIError.badRequest("invalid resourceVersion \"\(requested)\"") }
                if version < state.compactedThrough { return .failure(state.expired(version)) }
                return .success((query, version, []))
            } catch {
                return .failure(error)
            }
        }
        let query: ListQuery
        let start: Int
        let initial: [JSONValue]
        switch prepared {
        case .failure(let error):
            return error.code == 410 ? watchError(error) : .response(error.response)
        case .success(let value):
            (query, start, initial) = value
        }
        let timeout = request.queryValue("timeoutSeconds").flatMap(TimeInterval.init) ?? options.maximumWatchSeconds
        let deadline = Date().addingTimeInterval(min(max(0, timeout), options.maximumWatchSeconds))
        let head = HTTPResponse(status: 200, headers: [("Content-Type", "application/json")])
        return .stream(head) { [self] write in
            for event in initial where !write(event.serializedBytes + [10]) { return }
            var last = start
            while Date() < deadline {
                let events: [JSONValue]? = lock.withLock {
                    state.advance()
                    var found = pendingEvents(after: last, query: query)
                    if found.isEmpty, server != nil {
                        let wake = min(deadline, state.nextDue.map { Date().addingTimeInterval(max(0.001, $0.timeIntervalSince(state.now))) } ?? deadline)
                        _ = lock.wait(until: min(wake, Date().addingTimeInterval(0.25)))
                        state.advance()
                        found = pendingEvents(after: last, query: query)
                    }
                    if server == nil { return nil }
                    if let newest = found.last?.resourceVersion { last = newest }
                    if last < state.compactedThrough { return [] }
                    return found.map { ["type": .string($0.type), "object": $0.object] }
                }
                guard let events else { return }
                for event in events where !write(event.serializedBytes + [10]) { return }
            }
        }
    }

    /// Events after `version` that the watch selects; caller holds the lock.
    private func pendingEvents(after version: Int, query: ListQuery) -> [WatchEvent] {
        state.history.filter { event in
            guard event.resourceVersion > version, event.key.group == query.type.group, event.key.plural == query.type.plural else { return false }
            if query.type.namespaced, let namespace = query.namespace, event.key.namespace != namespace { return false }
            if let name = query.fieldName, event.key.name != name { return false }
            if let namespace = query.fieldNamespace, event.key.namespace != namespace { return false }
            if let selector = query.labelSelector {
                let labels = (event.object.value(at: ["metadata", "labels"])?.objectValue ?? [:]).compactMapValues(\.stringValue)
                return selector.matches(labels)
            }
            return true
        }
    }

    /// A watch answered with a single ERROR event carrying the Status.
    func watchError(_ error: APIError) -> HTTPReply {
        let status: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(error.message), "reason": .string(error.reason), "code": .int(error.code),
        ]
        let event: JSONValue = ["type": "ERROR", "object": status]
        return .stream(HTTPResponse(status: 200, headers: [("Content-Type", "application/json")])) { write in
            _ = write(event.serializedBytes + [10])
        }
    }
}
