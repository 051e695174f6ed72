import Foundation
import Testing
@testable import KubeDouble

@Suite struct KubeDoubleHTTPTests {
    @Test func keepAliveChunkedBodiesAndContinue() throws {
        let fixture = try DoubleFixture()
        let body = Manifests.configMap("chunked").serialized
        let chunked = try fixture.connection.request(
            "PATCH", "/api/v1/namespaces/default/configmaps/chunked?fieldManager=t", body: body,
            contentType: "application/apply-patch+yaml", chunked: true)
        #expect(chunked.status == 201)
        let expecting = try fixture.connection.request(
            "PATCH", "/api/v1/namespaces/default/configmaps/continued?fieldManager=t", body: Manifests.configMap("continued").serialized,
            contentType: "application/apply-patch+yaml", headers: ["Expect": "100-continue"])
        #expect(expecting.status == 201)
        // All on one connection.
        #expect(try fixture.get("/api/v1/namespaces/default/configmaps/chunked").status == 200)
        #expect(fixture.double.requestLog.count == 3)
    }

    @Test func malformedRequestLineGets400() throws {
        let fixture = try DoubleFixture()
        let connection = try fixture.newConnection()
        try connection.sendRaw(Array("NONSENSE\r\n\r\n".utf8))
        #expect(try connection.readResponse().status == 400)
    }

    @Test func concurrentClients() async throws {
        let fixture = try DoubleFixture()
        let port = fixture.port
        let clients = 8
        let perClient = 20
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for client in 0..<clients {
                group.addTask {
                    let connection = try TestConnection(port: port)
                    var seen: [Int] = []
                    for index in 0..<perClient {
                        let name = "c\(client)-\(index)"
                        let response = try connection.request(
                            "PATCH", "/api/v1/namespaces/default/configmaps/\(name)?fieldManager=load",
                            body: Manifests.configMap(name).serialized, contentType: "application/apply-patch+yaml")
                        seen.append(response.status)
                    }
                    return seen
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(statuses.count == clients * perClient)
        #expect(statuses.allSatisfy { $0 == 201 })
        let list = try fixture.get("/api/v1/namespaces/default/configmaps").json
        #expect(list["items"]?.arrayValue?.count == clients * perClient)
        // Every write got its own resourceVersion.
        let versions = Set(list["items"]?.arrayValue?.compactMap { $0.value(at: ["metadata", "resourceVersion"])?.stringValue } ?? [])
        #expect(versions.count == clients * perClient)
    }

    @Test func watchStreamsChangesAndStopEndsIt() throws {
        let fixture = try DoubleFixture()
        let path = "/api/v1/namespaces/default/configmaps"
        try fixture.apply("\(path)/before", Manifests.configMap("before"))
        let start = fixture.double.resourceVersion
        let watcher = try fixture.newConnection()
        try watcher.sendRequest("GET", "\(path)?watch=1&resourceVersion=\(start)")
        #expect(try watcher.readHead().status == 200)
        try fixture.apply("\(path)/after", Manifests.configMap("after"))
        let added = try JSONValue(parsing: try #require(try watcher.readChunk()))
        #expect(added["type"] == "ADDED")
        #expect(added.value(at: ["object", "metadata", "name"]) == "after")
        _ = try fixture.connection.request("DELETE", "\(path)/after")
        let deleted = try JSONValue(parsing: try #require(try watcher.readChunk()))
        #expect(deleted["type"] == "DELETED")

        let began = Date()
        fixture.double.stop()
        #expect(Date().timeIntervalSince(began) < 5)
        #expect(fixture.double.url == nil)
    }

    @Test func watchWithoutVersionStartsWithCurrentObjectsAndSeesProgression() throws {
        let fixture = try DoubleFixture { $0.frozenClock = false; $0.workloadReadyDelay = 0.2 }
        let path = "/apis/apps/v1/namespaces/default/deployments"
        try fixture.apply("\(path)/web", Manifests.deployment("web"))
        let watcher = try fixture.newConnection()
        try watcher.sendRequest("GET", "\(path)?watch=true&fieldSelector=metadata.name%3Dweb&timeoutSeconds=5")
        #expect(try watcher.readHead().status == 200)
        let initial = try JSONValue(parsing: try #require(try watcher.readChunk()))
        #expect(initial["type"] == "ADDED")
        // With no other request arriving, the watch itself drives the scripted progression.
        let modified = try JSONValue(parsing: try #require(try watcher.readChunk()))
        #expect(modified["type"] == "MODIFIED")
        #expect(modified.value(at: ["object", "status", "readyReplicas"]) == 2)
    }
}

/// Smoke tests with the curl tool, which speaks HTTP through the same libcurl the client uses.
@Suite struct KubeDoubleCurlSmokeTests {
    static let curl = ["/usr/bin/curl", "/usr/local/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl ?? "/usr/bin/curl")
        process.arguments = ["--silent", "--show-error"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: curl != nil)) func largeApplyThroughCurl() throws {
        let fixture = try DoubleFixture()
        var data: [String: JSONValue] = [:]
        // Large enough that curl sends `Expect: 100-continue`.
        for index in 0..<200 { data["key\(index)"] = .string(String(repeating: "x", count: 40)) }
        let body = Manifests.configMap("big", data: data).serialized
        let url = "http://127.0.0.1:\(fixture.port)/api/v1/namespaces/default/configmaps/big?fieldManager=curl"
        let output = try Self.run([
            "-X", "PATCH", "-H", "Content-Type: application/apply-patch+yaml", "--data-binary", body,
            "-w", "\\n%{http_code}", url,
        ])
        #expect(output.hasSuffix("\n201"))
        #expect(fixture.double.object(at: "/api/v1/namespaces/default/configmaps/big")?["data"]?.objectValue?.count == 200)
        let list = try Self.run(["http://127.0.0.1:\(fixture.port)/api/v1/namespaces/default/configmaps", "http://127.0.0.1:\(fixture.port)/api"])
        #expect(list.contains("ConfigMapList") && list.contains("APIVersions"))
    }
}
