import Foundation
import Testing
@testable import KubeClient
#if canImport(Glibc)
import Glibc
#endif

/// A one-connection-at-a-time HTTP/1.1 server on 127.0.0.1 for exercising the libcurl transport.
/// Every reply closes its connection; `.reset` closes with SO_LINGER 0 so the client sees an RST.
final class LoopbackServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
        var body: [UInt8]
    }
    enum Reply: Sendable {
        case respond(Int, [(String, String)], String)
        case reset
    }

    private let socketFD: Int32
    let port: UInt16
    private let lock = NSLock()
    private var received: [Request] = []
    private let handler: @Sendable (Request, Int) -> Reply
    private var thread: Thread?

    init(handler: @escaping @Sendable (Request, Int) -> Reply) throws {
        self.handler = handler
        socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let socketFD = self.socketFD
        var yes: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socketFD, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [weak self] in self?.serve() }
        self.thread = thread
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }
    var requests: [Request] { lock.withLock { received } }

    /// Only shuts the socket down: the serving thread closes it, so its descriptor number cannot be
    /// reused by the next test's server while this thread might still call `accept` on it.
    func stop() { shutdown(socketFD, Int32(SHUT_RDWR)) }

    private func serve() {
        while true {
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else { close(socketFD); return }
            guard let request = read(client) else { close(client); continue }
            let index = lock.withLock { () -> Int in received.append(request); return received.count - 1 }
            switch handler(request, index) {
            case .reset:
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            case let .respond(code, headers, body):
                var text = "HTTP/1.1 \(code) X\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
                for (name, value) in headers { text += "\(name): \(value)\r\n" }
                text += "\r\n" + body
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            close(client)
        }
    }

    private func read(_ client: Int32) -> Request? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        func headerEnd() -> Int? {
            guard data.count >= 4 else { return nil }
            for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 { return i }
            return nil
        }
        while headerEnd() == nil {
            let n = recv(client, &buffer, buffer.count, 0)
            guard n > 0 else { return nil }
            data += buffer[..<n]
        }
        guard let end = headerEnd() else { return nil }
        let lines = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let first = lines[0].split(separator: " ")
        guard first.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Array(data[(end + 4)...])
        while body.count < length {
            let n = recv(client, &buffer, buffer.count, 0)
            guard n > 0 else { return nil }
            body += buffer[..<n]
        }
        return Request(method: String(first[0]), target: String(first[1]), headers: headers, body: body)
    }
}

private let fastRetry = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.05, maxTotalTime: 10, maxRetryAfter: 1)

private func client(_ server: LoopbackServer, token: String? = "t0ken", retry: RetryPolicy = fastRetry) -> KubeAPI {
    let target = KubeTarget(server: server.url, namespace: "team", credentials: Credentials(token: token))
    let api = KubeAPI(target: target, options: .init(connectTimeout: 2, requestTimeout: 5), retry: retry)
    api.register([
        RESTMapping(group: "apps", version: "v1", kind: "Deployment", resource: "deployments", namespaced: true),
        RESTMapping(group: "", version: "v1", kind: "Namespace", resource: "namespaces", namespaced: false),
    ])
    _ = api.store(RESTMapper())
    return api
}

private let deployment = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"team","uid":"u-1","resourceVersion":"42","generation":3}}"#

@Suite(.serialized) struct KubeClientHTTPTests {
    @Test func getSendsTokenAndDecodes() throws {
        let server = try LoopbackServer { request, _ in
            request.target == "/apis/apps/v1/namespaces/team/deployments/web"
                ? .respond(200, [("Content-Type", "application/json")], deployment)
                : .respond(404, [("Content-Type", "text/plain")], "404 page not found")
        }
        defer { server.stop() }
        let api = client(server)
        let object = try #require(try api.get(ObjectRef(apiVersion: "apps/v1", kind: "Deployment", name: "web")))
        #expect(object[path: "metadata", "uid"]?.string == "u-1")
        #expect(server.requests.first?.headers["authorization"] == "Bearer t0ken")
        #expect(server.requests.first?.method == "GET")
        #expect(try api.get(ObjectRef(apiVersion: "apps/v1", kind: "Deployment", namespace: "other", name: "web")) == nil)
    }

    @Test func serverSideApplyPatch() throws {
        let server = try LoopbackServer { _, _ in .respond(200, [("Content-Type", "application/json")], deployment) }
        defer { server.stop() }
        let intent = try JSON.parse(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","managedFields":[{"manager":"x"}]},"spec":{"replicas":2}}"#)
        let applied = try client(server).apply(intent, force: true, dryRun: true)
        #expect(applied.uid == "u-1" && applied.resourceVersion == "42" && applied.generation == 3)
        let request = try #require(server.requests.first)
        #expect(request.method == "PATCH")
        #expect(request.target == "/apis/apps/v1/namespaces/team/deployments/web?fieldManager=shipshape&force=true&dryRun=All")
        #expect(request.headers["content-type"] == "application/apply-patch+yaml")
        let body = try JSON.parse(request.body)
        #expect(body[path: "spec", "replicas"]?.int == 2)
        #expect(body[path: "metadata", "managedFields"] == nil)
    }

    @Test func honoursRetryAfterOn429() throws {
        let server = try LoopbackServer { _, index in
            index == 0
                ? .respond(429, [("Retry-After", "1"), ("Content-Type", "application/json")],
                           #"{"kind":"Status","code":429,"reason":"TooManyRequests","message":"slow down"}"#)
                : .respond(200, [("Content-Type", "application/json")], deployment)
        }
        defer { server.stop() }
        let started = Date()
        _ = try client(server).get(ObjectRef(apiVersion: "apps/v1", kind: "Deployment", name: "web"))
        #expect(server.requests.count == 2)
        #expect(Date().timeIntervalSince(started) >= 0.9)
    }

    @Test func retries500AndSurvivesResets() throws {
        let server = try LoopbackServer { _, index in
            switch index {
            case 0: return .reset
            case 1: return .respond(500, [("Content-Type", "application/json")], #"{"kind":"Status","code":500,"reason":"InternalError","message":"etcdserver: leader changed"}"#)
            default: return .respond(200, [("Content-Type", "application/json")], deployment)
            }
        }
        defer { server.stop() }
        _ = try client(server).get(ObjectRef(apiVersion: "apps/v1", kind: "Deployment", name: "web"))
        #expect(server.requests.count == 3)
    }

    @Test func persistent500IsReportedWithItsMessage() throws {
        let server = try LoopbackServer { _, _ in
            .respond(500, [("Content-Type", "application/json")], #"{"kind":"Status","code":500,"reason":"InternalError","message":"boom"}"#)
        }
        defer { server.stop() }
        let error = try #require(throws: KubeError.self) {
            try client(server).get(ObjectRef(apiVersion: "apps/v1", kind: "Deployment", name: "web"))
        }
        #expect(error.kind == .serverError && error.attempts == 4 && error.message == "boom")
        #expect(server.requests.count == 4)
    }

    @Test func anonymousForbiddenIsExplained() throws {
        let server = try LoopbackServer { _, _ in
            .respond(403, [("Content-Type", "application/json")],
                     #"{"kind":"Status","code":403,"reason":"Forbidden","message":"namespaces \"x\" is forbidden: User \"system:anonymous\" cannot get resource"}"#)
        }
        defer { server.stop() }
        let error = try #require(throws: KubeError.self) {
            try client(server, token: nil).get(ObjectRef(apiVersion: "v1", kind: "Namespace", name: "x"))
        }
        #expect(error.kind == .forbidden)
        #expect(error.description.contains("unauthorized/forbidden") && error.description.contains("credentials"))
        #expect(server.requests.first?.headers["authorization"] == nil)
        #expect(server.requests.count == 1)
    }

    @Test func connectionRefusedIsATransportError() throws {
        let server = try LoopbackServer { _, _ in .reset }
        let url = server.url
        server.stop()
        let api = KubeAPI(target: KubeTarget(server: url), options: .init(connectTimeout: 1, requestTimeout: 2), retry: .none)
        let error = try #require(throws: KubeError.self) { try api.send(HTTPRequest(method: "GET", path: "/version")) }
        #expect(error.kind == .transport && error.transport == .connect)
    }

    @Test func listFollowsContinueAndDeleteSendsOptions() throws {
        let server = try LoopbackServer { request, _ in
            if request.method == "DELETE" {
                return .respond(200, [("Content-Type", "application/json")], #"{"kind":"Status","status":"Success"}"#)
            }
            if request.target.contains("continue=") {
                return .respond(200, [("Content-Type", "application/json")], #"{"kind":"DeploymentList","metadata":{},"items":[{"metadata":{"name":"b"}}]}"#)
            }
            return .respond(200, [("Content-Type", "application/json")], #"{"kind":"DeploymentList","metadata":{"continue":"tok/en="},"items":[{"metadata":{"name":"a"}}]}"#)
        }
        defer { server.stop() }
        let api = client(server)
        let items = try api.list(apiVersion: "apps/v1", kind: "Deployment", namespace: "team", labelSelector: "app=web")
        #expect(items.compactMap { $0[path: "metadata", "name"]?.string } == ["a", "b"])
        #expect(items.allSatisfy { $0["kind"]?.string == "Deployment" })
        #expect(server.requests[1].target == "/apis/apps/v1/namespaces/team/deployments?limit=500&labelSelector=app%3Dweb&continue=tok%2Fen%3D")
        let result = try api.delete(ObjectRef(apiVersion: "apps/v1", kind: "Deployment", name: "a"), propagation: .foreground)
        #expect(result == .deleted)
        let body = try JSON.parse(server.requests[2].body)
        #expect(body["propagationPolicy"]?.string == "Foreground")
    }
}
