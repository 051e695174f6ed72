import Foundation

/// A client for one API server. Calls block the calling thread (libcurl is synchronous) and are
/// safe from many threads at once; run parallel units on threads, not on the async cooperative pool.
public final class KubeAPI: @unchecked Sendable {
    public let target: KubeTarget
    public let retry: RetryPolicy
    let transport: any HTTPTransport
    let clock: RetryClock
    private let lock = NSLock()
    private var cachedMapper: RESTMapper?
    /// Mappings learned from CRDs (kept across re-discovery until the server serves them itself).
    private var extraMappings: [RESTMapping] = []

    public convenience init(target: KubeTarget, options: CurlTransport.Options = .init(), retry: RetryPolicy = .init()) {
        self.init(target: target, transport: CurlTransport(server: target.server, tls: target.tls, options: options),
                  retry: retry)
    }

    public init(target: KubeTarget, transport: any HTTPTransport, retry: RetryPolicy = .init(), clock: RetryClock = .system) {
        self.target = target
        self.transport = transport
        self.retry = retry
        self.clock = clock
    }

    // MARK: Mapper

    /// The last discovered mapper (plus registered CRD mappings), if discovery has run.
    public var mapper: RESTMapper? { lock.withLock { cachedMapper } }

    /// Makes kinds addressable before the server's discovery lists them (CRDs created this run).
    public func register(_ mappings: [RESTMapping]) {
        lock.withLock {
            extraMappings.append(contentsOf: mappings)
            if cachedMapper != nil { for mapping in mappings { cachedMapper?.add(mapping) } }
        }
    }

    func store(_ discovered: RESTMapper) -> RESTMapper {
        lock.withLock {
            var mapper = discovered
            for mapping in extraMappings where mapper.mapping(group: mapping.group, version: mapping.version, kind: mapping.kind) == nil {
                mapper.add(mapping)
            }
            cachedMapper = mapper
            return mapper
        }
    }

    /// The mapping for a kind: from the cached mapper, else after one (re-)discovery.
    public func mapping(apiVersion: String, kind: String) throws(KubeError) -> RESTMapping {
        if let found = mapper?.mapping(apiVersion: apiVersion, kind: kind) { return found }
        if let found = try discover().mapping(apiVersion: apiVersion, kind: kind) { return found }
        throw KubeError(kind: .unknownKind, request: "",
                        message: "no kind \"\(kind)\" is served in version \"\(apiVersion)\" (is its CRD installed and Established?)")
    }

    // MARK: Requests

    /// Sends a request with credentials, retrying per `retry`. Non-2xx answers become `KubeError`s.
    public func send(_ request: HTTPRequest) throws(KubeError) -> HTTPResponse {
        let started = clock.now()
        var attempt = 0
        var reauthenticated = false
        while true {
            attempt += 1
            var error: KubeError
            var retryAfter: Int?
            do {
                let response = try transport.send(try authorized(request))
                if (200..<300).contains(response.status) { return response }
                error = KubeError.from(response: response, request: request.summary)
                retryAfter = response.retryAfterSeconds ?? error.status?.retryAfterSeconds
                if error.kind == .unauthorized, !reauthenticated, refreshCredentials() {
                    reauthenticated = true   // one retry with fresh credentials, as client-go does
                    attempt -= 1
                    continue
                }
            } catch let failure as TransportError {
                error = KubeError(kind: .transport, request: request.summary, message: failure.message, transport: failure.kind)
            } catch let failure as KubeError {
                throw failure
            } catch {
                throw KubeError(kind: .other, request: request.summary, message: "\(error)")
            }
            error.attempts = attempt
            guard let wait = retry.delay(after: error, attempt: attempt, elapsed: clock.now() - started,
                                         retryAfter: retryAfter, jitter: clock.random()) else { throw error }
            clock.sleep(wait)
        }
    }

    /// Adds `Authorization` and the client certificate. Exec plugins run here (cached).
    func authorized(_ request: HTTPRequest) throws(KubeError) -> HTTPRequest {
        var request = request
        let credentials = target.credentials
        request.identity = request.identity ?? credentials.identity
        var bearer = credentials.token
        if let plugin = credentials.exec {
            do {
                let credential = try plugin.credential()
                if let token = credential.token { bearer = token }
                if let identity = credential.identity { request.identity = identity }
            } catch {
                throw KubeError(kind: .credentials, request: request.summary, message: error.description)
            }
        }
        if let bearer = lock.withLock({ refreshedToken }) ?? bearer {
            request.headers.append(Header("Authorization", "Bearer \(bearer)"))
        } else if let username = credentials.username {
            let pair = Data("\(username):\(credentials.password ?? "")".utf8).base64EncodedString()
            request.headers.append(Header("Authorization", "Basic \(pair)"))
        }
        if !request.headers.contains(where: { $0.name.lowercased() == "accept" }) {
            request.headers.append(Header("Accept", "application/json"))
        }
        request.headers.append(Header("User-Agent", "shipshape"))
        return request
    }

    private var refreshedToken: String?

    /// After a 401: drop the exec plugin's cached credential or re-read the token file.
    /// Returns whether anything could change.
    private func refreshCredentials() -> Bool {
        if let plugin = target.credentials.exec {
            plugin.invalidate()
            return true
        }
        if let file = target.credentials.tokenFile, let data = FileManager.default.contents(atPath: file) {
            let token = String(decoding: data, as: UTF8.self).trimmingWhitespace
            return lock.withLock { () -> Bool in
                guard token != (refreshedToken ?? target.credentials.token) else { return false }
                refreshedToken = token
                return true
            }
        }
        return false
    }
}
