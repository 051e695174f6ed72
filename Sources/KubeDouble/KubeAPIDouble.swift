import Foundation

/// A loopback Kubernetes API server for tests and benchmarks: discovery, server-side
/// apply with field ownership, dry-run, generation and scripted status progression,
/// deletion with finalizers, watches, and deterministic fault injection.
///
/// All API state sits behind one lock; each connection has its own thread.
public final class KubeAPIDouble: @unchecked Sendable {
    public let options: Options
    /// Faults to inject; safe to change while clients run.
    public let faults = FaultPlan()

    let lock = NSCondition()
    var state: APIState
    private var log: [LoggedRequest] = []
    private var requestCounter = 0
    var server: HTTPServer?
    private(set) var port = 0

    public init(options: Options = .init()) {
        self.options = options
        state = APIState(options: options)
    }

    deinit { server?.stop() }

    /// Starts serving on 127.0.0.1 (an ephemeral port) and returns the base URL.
    @discardableResult
    public func start() throws(HTTPServerError) -> URL {
        if let url = url { return url }
        // Weak: a request racing with deinit is dropped instead of touching a dying object.
        let server = HTTPServer { [weak self] request in self?.handle(request) ?? .reset }
        let port = try server.start()
        lock.withLock {
            self.server = server
            self.port = port
        }
        return url ?? URL(fileURLWithPath: "/")
    }

    /// The base URL while running.
    public var url: URL? {
        lock.withLock { server == nil ? nil : URL(string: "http://127.0.0.1:\(port)") }
    }

    /// Stops accepting, closes open connections (ending watches) and waits for handlers.
    public func stop() {
        let running = lock.withLock { () -> HTTPServer? in
            let current = server
            server = nil
            lock.broadcast()
            return current
        }
        running?.stop()
    }

    /// Forgets every object, scheduled progression, fault and logged request.
    public func reset() {
        faults.clear()
        lock.withLock {
            state = APIState(options: options)
            log.removeAll()
            lock.broadcast()
        }
    }

    /// Requests in arrival order.
    public var requestLog: [LoggedRequest] { lock.withLock { log } }

    public func clearRequestLog() { lock.withLock { log.removeAll() } }

    /// The cluster's current resourceVersion (the global counter).
    public var resourceVersion: Int { lock.withLock { state.resourceVersion } }

    /// Moves simulated time forward, running the controller work that falls due.
    public func advanceTime(by seconds: TimeInterval) {
        lock.withLock {
            state.clock.advance(by: seconds)
            state.advance()
            lock.broadcast()
        }
    }

    /// Drops the watch history: every resourceVersion seen so far is now too old.
    public func compactHistory() {
        lock.withLock { state.compact() }
    }

    /// Scripts how one object's status progresses (takes effect on its next spec change).
    public func setProgression(_ progression: Progression, kind: String, namespace: String? = nil, name: String) {
        lock.withLock {
            state.progressions[state.progressionKey(kind: kind, namespace: namespace ?? "", name: name)] = progression
        }
    }

    /// The object at an API path (`/apis/apps/v1/namespaces/x/deployments/y`), as a GET returns it.
    public func object(at path: String) -> JSONValue? {
        lock.withLock {
            state.advance()
            guard case .object(let target)? = try? Route(path: path, state: state), let name = target.name else { return nil }
            return try? state.get(target.type, namespace: target.namespace, name: name)
        }
    }

    /// The object of a kind in an apiVersion (`apps/v1`), as a GET returns it.
    public func object(apiVersion: String, kind: String, namespace: String? = nil, name: String) -> JSONValue? {
        lock.withLock {
            state.advance()
            guard let type = state.allTypes.first(where: { $0.groupVersion == apiVersion && $0.kind == kind }) else { return nil }
            return try? state.get(type, namespace: namespace, name: name)
        }
    }

    /// The same, as Foundation values.
    public func objectDictionary(apiVersion: String, kind: String, namespace: String? = nil, name: String) -> [String: Any]? {
        object(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name)?.anyValue as? [String: Any]
    }

    /// Every stored object of a kind, sorted by namespace and name.
    public func objects(apiVersion: String, kind: String) -> [JSONValue] {
        lock.withLock {
            state.advance()
            guard let type = state.allTypes.first(where: { $0.groupVersion == apiVersion && $0.kind == kind }) else { return [] }
            return state.list(ListQuery(type: type)).value(at: ["items"])?.arrayValue ?? []
        }
    }

    /// Merges `status` into an object's status, as a controller would (bumps resourceVersion).
    @discardableResult
    public func mergeStatus(_ status: JSONValue, apiVersion: String, kind: String, namespace: String? = nil, name: String) -> Bool {
        lock.withLock {
            guard let type = state.allTypes.first(where: { $0.groupVersion == apiVersion && $0.kind == kind }) else { return false }
            let key = state.key(type, namespace: namespace, name: name)
            guard var object = state.objects[key] else { return false }
            object.body.setValue(APIState.merge(object.body["status"] ?? .object([:]), status), at: ["status"])
            state.commit(object, key: key, event: "MODIFIED")
            lock.broadcast()
            return true
        }
    }

    // MARK: request handling

    func handle(_ request: HTTPRequest) -> HTTPReply {
        let sequence = lock.withLock { () -> Int in
            requestCounter += 1
            log.append(LoggedRequest(sequence: requestCounter, method: request.method, path: request.path, query: request.queryString, status: nil, fault: nil))
            return requestCounter
        }
        let fault = faults.take(method: request.method, path: request.path)
        if case .delay(let seconds)? = fault { Thread.sleep(forTimeInterval: max(0, seconds)) }
        let reply: HTTPReply
        switch fault {
        case .resetConnection?:
            reply = .reset
        case .serverError(let code)?:
            let reason = code == 503 ? "ServiceUnavailable" : code == 504 ? "Timeout" : "InternalError"
            reply = .response(APIError(code: code, reason: reason, message: "injected fault: the server is unavailable (\(code))").response)
        case .tooManyRequests(let seconds)?:
            reply = .response(APIError(
                code: 429, reason: "TooManyRequests", message: "Too many requests, please try again later.",
                details: ["retryAfterSeconds": .int(seconds)], headers: [("Retry-After", String(seconds))]).response)
        case .expired?:
            let error = lock.withLock { state.expired(0) }
            reply = isWatch(request) ? watchError(error) : .response(error.response)
        case .delay?, nil:
            reply = authorize(request) ?? route(request)
        }
        lock.withLock {
            if let index = log.lastIndex(where: { $0.sequence == sequence }) {
                switch reply {
                case .reset: log[index].status = nil
                case .response(let response): log[index].status = response.status
                case .stream(let head, _): log[index].status = head.status
                }
                log[index].fault = fault?.label
            }
        }
        return reply
    }

    private func authorize(_ request: HTTPRequest) -> HTTPReply? {
        guard let expected = options.bearerToken else { return nil }
        guard let header = request.header("authorization") else {
            return .response(APIError(
                code: 403, reason: "Forbidden",
                message: "forbidden: User \"system:anonymous\" cannot \(request.method.lowercased()) path \"\(request.path)\"",
                details: [:]).response)
        }
        guard header == "Bearer \(expected)" else {
            return .response(APIError(code: 401, reason: "Unauthorized", message: "Unauthorized").response)
        }
        return nil
    }

    var isStopping: Bool { lock.withLock { server == nil } }
}
