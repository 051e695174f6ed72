import Foundation
import Testing
@testable import KubeClient

/// Answers requests from a script and records them; thread-safe like a real transport.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    enum Step { case respond(HTTPResponse), fail(TransportError) }
    private let lock = NSLock()
    private var steps: [Step]
    private(set) var requests: [HTTPRequest] = []
    let fallback: (HTTPRequest) -> HTTPResponse

    init(_ steps: [Step], fallback: @escaping (HTTPRequest) -> HTTPResponse = { _ in HTTPResponse(status: 599) }) {
        self.steps = steps
        self.fallback = fallback
    }

    var recorded: [HTTPRequest] { lock.withLock { requests } }

    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        let step = lock.withLock { () -> Step? in
            requests.append(request)
            return steps.isEmpty ? nil : steps.removeFirst()
        }
        switch step {
        case .respond(let response)?: return response
        case .fail(let error)?: throw error
        case nil: return fallback(request)
        }
    }
}

/// A clock that never sleeps: it records waits and advances its own time.
final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time = 0.0
    private(set) var sleeps: [Double] = []
    var clock: RetryClock {
        RetryClock(now: { self.lock.withLock { self.time } },
                   sleep: { seconds in self.lock.withLock { self.sleeps.append(seconds); self.time += seconds } },
                   random: { 0.5 })
    }
    var recordedSleeps: [Double] { lock.withLock { sleeps } }
}

func status(_ code: Int, _ reason: String, _ message: String, extra: String = "") -> HTTPResponse {
    HTTPResponse(status: code, headers: [Header("Content-Type", "application/json")], body: Array("""
        {"kind":"Status","apiVersion":"v1","status":"Failure","code":\(code),"reason":"\(reason)","message":"\(message)"\(extra)}
        """.utf8))
}

let configMapMapper = RESTMapper([
    RESTMapping(group: "", version: "v1", kind: "ConfigMap", resource: "configmaps", namespaced: true),
    RESTMapping(group: "", version: "v1", kind: "Namespace", resource: "namespaces", namespaced: false),
])

func api(_ transport: ScriptedTransport, clock: FakeClock, retry: RetryPolicy = RetryPolicy(), target: KubeTarget? = nil) -> KubeAPI {
    let api = KubeAPI(target: target ?? KubeTarget(server: "http://127.0.0.1:1"), transport: transport, retry: retry, clock: clock.clock)
    api.register(configMapMapper.mappings)
    _ = api.store(RESTMapper())
    return api
}

@Suite struct KubeClientErrorTests {
    @Test func decodesFieldManagerConflicts() {
        let response = status(409, "Conflict", "Apply failed with 2 conflicts: conflict with \\\"kubectl-edit\\\" using apps/v1: .spec.replicas",
                              extra: #","details":{"name":"web","group":"apps","kind":"deployments","causes":[{"reason":"FieldManagerConflict","message":"conflict with \"kubectl-edit\" using apps/v1","field":".spec.replicas"},{"reason":"FieldManagerConflict","message":"conflict with \"helm\"","field":".spec.template.spec.containers[name=\"app\"].image"}]}"#)
        let error = KubeError.from(response: response, request: "PATCH /x")
        #expect(error.kind == .fieldConflict)
        #expect(error.status?.name == "web")
        #expect(error.fieldConflicts.map(\.field) == [".spec.replicas", ".spec.template.spec.containers[name=\"app\"].image"])
        #expect(error.fieldConflicts.map(\.manager) == ["kubectl-edit", "helm"])
        #expect(error.description.contains(".spec.replicas is owned by \"kubectl-edit\""))
    }

    @Test func keepsPlainTextBodiesAndClassifiesSpecialCases() {
        let plain = KubeError.from(response: HTTPResponse(status: 404, body: Array("404 page not found\n".utf8)), request: "GET /apis/nope.io/v1")
        #expect(plain.kind == .notFound && plain.status == nil && plain.message == "404 page not found")

        let schema = KubeError.from(response: status(500, "InternalError",
            "failed to create typed patch object (example.com/v1, Kind=Widget): .spec.colour: field not declared in schema"), request: "PATCH /w")
        #expect(schema.kind == .schemaRejected)
        #expect(!RetryPolicy.isRetryable(schema))

        let forbidden = KubeError.from(response: status(403, "Forbidden",
            "configmaps is forbidden: User \\\"system:anonymous\\\" cannot list resource"), request: "GET /api/v1/configmaps")
        #expect(forbidden.kind == .forbidden)
        #expect(forbidden.description.contains("unauthorized/forbidden"))

        let immutable = KubeError.from(response: status(422, "Invalid", "Job.batch \\\"j\\\" is invalid: spec.template: Invalid value: field is immutable"), request: "PATCH /j")
        #expect(immutable.isImmutableField)
        #expect(KubeError.from(response: status(503, "ServiceUnavailable", "x"), request: "").kind == .serverError)
    }

    @Test func backoffIsBoundedAndHonoursRetryAfter() {
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 3, maxTotalTime: 100, maxRetryAfter: 20)
        let server = KubeError(kind: .serverError, request: "", httpStatus: 500, message: "boom")
        #expect(policy.delay(after: server, attempt: 1, elapsed: 0, retryAfter: nil, jitter: 0) == 0.5)
        #expect(policy.delay(after: server, attempt: 2, elapsed: 0, retryAfter: nil, jitter: 1) == 2)
        #expect(policy.delay(after: server, attempt: 3, elapsed: 0, retryAfter: nil, jitter: 1) == 3)   // capped
        #expect(policy.delay(after: server, attempt: 4, elapsed: 0, retryAfter: nil, jitter: 1) == nil)  // out of attempts
        #expect(policy.delay(after: server, attempt: 1, elapsed: 99.8, retryAfter: nil, jitter: 1) == nil) // out of time
        let throttled = KubeError(kind: .tooManyRequests, request: "", httpStatus: 429, message: "slow down")
        #expect(policy.delay(after: throttled, attempt: 1, elapsed: 0, retryAfter: 7, jitter: 0.9) == 7)
        #expect(policy.delay(after: throttled, attempt: 1, elapsed: 0, retryAfter: 600, jitter: 0) == 20)
        let reset = KubeError(kind: .transport, request: "", message: "reset", transport: .reset)
        #expect(policy.delay(after: reset, attempt: 1, elapsed: 0, retryAfter: nil, jitter: 0) != nil)
        let tls = KubeError(kind: .transport, request: "", message: "bad cert", transport: .tls)
        #expect(policy.delay(after: tls, attempt: 1, elapsed: 0, retryAfter: nil, jitter: 0) == nil)
        #expect(policy.delay(after: KubeError(kind: .invalid, request: "", httpStatus: 422, message: ""), attempt: 1,
                             elapsed: 0, retryAfter: nil, jitter: 0) == nil)
    }

    @Test func retriesThrottlingAndServerErrorsThenSucceeds() throws {
        let throttled = HTTPResponse(status: 429, headers: [Header("Retry-After", "3")], body: status(429, "TooManyRequests", "slow").body)
        let transport = ScriptedTransport([
            .respond(throttled),
            .respond(status(503, "ServiceUnavailable", "later")),
            .fail(TransportError(.reset, "GET /x: Connection reset by peer")),
            .respond(HTTPResponse(status: 200, body: Array(#"{"kind":"ConfigMap","metadata":{"name":"a"}}"#.utf8))),
        ])
        let clock = FakeClock()
        let object = try api(transport, clock: clock).get(ObjectRef(apiVersion: "v1", kind: "ConfigMap", name: "a"))
        #expect(object?[path: "metadata", "name"]?.string == "a")
        #expect(transport.recorded.count == 4)
        #expect(transport.recorded.allSatisfy { $0.path == "/api/v1/namespaces/default/configmaps/a" })
        #expect(clock.recordedSleeps.map { ($0 * 1000).rounded() } == [3000, 300, 600])
    }

    @Test func givesUpAfterMaxAttemptsAndReportsThem() throws {
        let transport = ScriptedTransport([], fallback: { _ in status(500, "InternalError", "etcd is sad") })
        let clock = FakeClock()
        let error = try #require(throws: KubeError.self) {
            try api(transport, clock: clock, retry: RetryPolicy(maxAttempts: 3)).get(ObjectRef(apiVersion: "v1", kind: "Namespace", name: "x"))
        }
        #expect(error.kind == .serverError && error.attempts == 3)
        #expect(transport.recorded.count == 3)
        #expect(error.description.contains("etcd is sad") && error.description.contains("after 3 attempts"))
    }

    @Test func schemaRejectionIsNotRetried() throws {
        let transport = ScriptedTransport([], fallback: { _ in
            status(500, "InternalError", ".spec.extra: field not declared in schema")
        })
        let error = try #require(throws: KubeError.self) {
            try api(transport, clock: FakeClock()).apply(.object(["apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                                                                   "metadata": .object(["name": .string("a")])]))
        }
        #expect(error.kind == .schemaRejected && transport.recorded.count == 1)
        #expect(error.description.contains("field not declared in schema"))
    }

    @Test func unauthorizedReloadsTokenFileOnce() throws {
        let dir = ScratchDirectory()
        let tokenFile = dir.write("token", "new-token")
        let target = KubeTarget(server: "http://127.0.0.1:1", credentials: Credentials(token: "old-token", tokenFile: tokenFile))
        let transport = ScriptedTransport([.respond(status(401, "Unauthorized", "Unauthorized"))],
                                          fallback: { _ in HTTPResponse(status: 404, body: Array("missing".utf8)) })
        let result = try api(transport, clock: FakeClock(), target: target).get(ObjectRef(apiVersion: "v1", kind: "Namespace", name: "n"))
        #expect(result == nil)
        let auth = transport.recorded.map { $0.headers.first { $0.name == "Authorization" }?.value }
        #expect(auth == ["Bearer old-token", "Bearer new-token"])
    }

    @Test func basicAuthAndUnknownKinds() throws {
        let target = KubeTarget(server: "http://127.0.0.1:1", credentials: Credentials(username: "admin", password: "pw"))
        let transport = ScriptedTransport([], fallback: { request in
            request.path == "/api" || request.path == "/apis"
                ? HTTPResponse(status: 200, headers: [Header("Content-Type", "application/json")],
                               body: Array(#"{"kind":"APIGroupList","groups":[],"versions":[]}"#.utf8))
                : HTTPResponse(status: 404)
        })
        let client = api(transport, clock: FakeClock(), target: target)
        let error = try #require(throws: KubeError.self) { try client.get(ObjectRef(apiVersion: "x.io/v1", kind: "Thing", name: "t")) }
        #expect(error.kind == .unknownKind)
        #expect(transport.recorded.first?.headers.contains(Header("Authorization", "Basic YWRtaW46cHc=")) == true)
    }
}
