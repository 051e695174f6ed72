import Foundation
import Testing
@testable import KubeDouble
#if canImport(Glibc)
import Glibc
#endif

/// A tiny blocking HTTP/1.1 client over POSIX sockets, so the double's tests do not
/// depend on the libcurl client being written in parallel.
struct TestHTTPError: Error, CustomStringConvertible {
    var description: String
}

struct TestResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSONValue { (try? JSONValue(parsing: body)) ?? .null }
}

final class TestConnection {
    private let socketDescriptor: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Int = 10) throws {
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw TestHTTPError(description: "socket") }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socketDescriptor); throw TestHTTPError(description: "connect") }
    }

    deinit { close(socketDescriptor) }

    func sendRaw(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                send(socketDescriptor, raw.baseAddress.map { $0 + sent }, raw.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard result > 0 else { throw TestHTTPError(description: "send") }
            sent += result
        }
    }

    func request(
        _ method: String, _ path: String, body: String? = nil, contentType: String = "application/json",
        headers: [String: String] = [:], chunked: Bool = false
    ) throws -> TestResponse {
        try sendRequest(method, path, body: body, contentType: contentType, headers: headers, chunked: chunked)
        return try readResponse()
    }

    func sendRequest(
        _ method: String, _ path: String, body: String? = nil, contentType: String = "application/json",
        headers: [String: String] = [:], chunked: Bool = false
    ) throws {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: double-tests/1.0\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        var payload: [UInt8] = []
        if let body {
            let bytes = Array(body.utf8)
            head += "Content-Type: \(contentType)\r\n"
            if chunked {
                head += "Transfer-Encoding: chunked\r\n"
                // Two chunks, to exercise reassembly.
                let middle = bytes.count / 2
                for part in [Array(bytes[..<middle]), Array(bytes[middle...])] where !part.isEmpty {
                    payload += Array((String(part.count, radix: 16) + ";ext=1\r\n").utf8) + part + [13, 10]
                }
                payload += Array("0\r\n\r\n".utf8)
            } else {
                head += "Content-Length: \(bytes.count)\r\n"
                payload = bytes
            }
        }
        try sendRaw(Array((head + "\r\n").utf8) + payload)
    }

    func readResponse() throws -> TestResponse {
        var response = try readHead()
        if response.status == 100 { response = try readHead() }
        if response.headers["transfer-encoding"]?.contains("chunked") == true {
            while let chunk = try readChunk() { response.body += chunk }
        } else if let length = response.headers["content-length"].flatMap(Int.init) {
            response.body = try readExactly(length)
        }
        return response
    }

    /// Reads a status line and headers (the body is left in the stream).
    func readHead() throws -> TestResponse {
        let head = try readUntil([13, 10, 13, 10])
        var lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestHTTPError(description: "status line") }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return TestResponse(status: status, headers: headers, body: [])
    }

    /// One chunk of a chunked body; nil at the terminating chunk.
    func readChunk() throws -> [UInt8]? {
        let sizeLine = String(decoding: try readUntil([13, 10]), as: UTF8.self)
        guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else { throw TestHTTPError(description: "chunk size") }
        if size == 0 {
            _ = try readUntil([13, 10])
            return nil
        }
        let chunk = try readExactly(size)
        _ = try readExactly(2)
        return chunk
    }

    private func readUntil(_ marker: [UInt8]) throws -> [UInt8] {
        while true {
            if buffer.count >= marker.count {
                for start in 0...(buffer.count - marker.count) where Array(buffer[start..<(start + marker.count)]) == marker {
                    let result = Array(buffer[..<start])
                    buffer.removeFirst(start + marker.count)
                    return result
                }
            }
            try fill()
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        let result = Array(buffer[..<count])
        buffer.removeFirst(count)
        return result
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let received = chunk.withUnsafeMutableBytes { recv(socketDescriptor, $0.baseAddress, $0.count, 0) }
        guard received > 0 else { throw TestHTTPError(description: received == 0 ? "closed" : "recv errno \(errno)") }
        buffer += chunk[..<received]
    }
}

/// A running double and a connection to it.
struct DoubleFixture {
    let double: KubeAPIDouble
    let port: Int
    let connection: TestConnection

    init(_ configure: (inout KubeAPIDouble.Options) -> Void = { _ in }) throws {
        var options = KubeAPIDouble.Options()
        options.frozenClock = true
        configure(&options)
        double = KubeAPIDouble(options: options)
        let url = try double.start()
        port = url.port ?? 0
        connection = try TestConnection(port: port)
    }

    func newConnection() throws -> TestConnection { try TestConnection(port: port) }

    /// Server-side apply of a JSON object.
    @discardableResult
    func apply(_ path: String, _ object: JSONValue, manager: String = "shipshape", force: Bool = false, dryRun: Bool = false) throws -> TestResponse {
        var query = "fieldManager=\(manager)"
        if force { query += "&force=true" }
        if dryRun { query += "&dryRun=All" }
        return try connection.request("PATCH", "\(path)?\(query)", body: object.serialized, contentType: "application/apply-patch+yaml")
    }

    func get(_ path: String) throws -> TestResponse { try connection.request("GET", path) }
}

/// Manifests used across the suites.
enum Manifests {
    static func namespace(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
    }

    static func configMap(_ name: String, namespace: String = "default", data: [String: JSONValue] = ["key": "value"], labels: [String: JSONValue] = [:]) -> JSONValue {
        var metadata: [String: JSONValue] = ["name": .string(name), "namespace": .string(namespace)]
        if !labels.isEmpty { metadata["labels"] = .object(labels) }
        return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(metadata), "data": .object(data)]
    }

    static func deployment(_ name: String, namespace: String = "default", replicas: Int = 2, app: String? = nil, image: String = "nginx:1") -> JSONValue {
        let label = JSONValue.string(app ?? name)
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": [
                "replicas": .int(replicas),
                "selector": ["matchLabels": ["app": label]],
                "template": ["metadata": ["labels": ["app": label]], "spec": ["containers": [["name": "main", "image": .string(image)]]]],
            ],
        ]
    }

    static func crd(group: String = "example.com", kind: String = "Widget", plural: String = "widgets", scope: String = "Namespaced") -> JSONValue {
        [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": .string("\(plural).\(group)")],
            "spec": [
                "group": .string(group), "scope": .string(scope),
                "names": ["kind": .string(kind), "plural": .string(plural), "singular": .string(kind.lowercased()), "listKind": .string(kind + "List")],
                "versions": [["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]], "subresources": ["status": [:]]]],
            ],
        ]
    }
}

@Suite struct KubeDoubleSupportTests {
    @Test func jsonRoundTripIsDeterministicAndStrict() throws {
        let value = try JSONValue(parsing: #"{"b":[1,2.5,true,null],"a":"x\u00e9\n","c":{}}"#)
        #expect(value.serialized == #"{"a":"xé\n","b":[1,2.5,true,null],"c":{}}"#)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: #"{"a":1,"a":2}"#) }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[1,]") }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: String(repeating: "[", count: 1000)) }
    }

    @Test func labelSelectorForms() throws {
        let selector = try LabelSelector(parsing: "app=web,tier!=db,env in (prod, stage),!legacy,owner")
        #expect(selector.matches(["app": "web", "env": "prod", "owner": "x"]))
        #expect(!selector.matches(["app": "web", "env": "dev", "owner": "x"]))
        #expect(!selector.matches(["app": "web", "env": "prod", "owner": "x", "legacy": "1"]))
        #expect(!selector.matches(["app": "web", "env": "prod"]))
    }
}
