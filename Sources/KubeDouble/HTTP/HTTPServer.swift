import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var code: Int32
    public var description: String { "\(operation) failed: \(String(cString: strerror(code)))" }
}

/// A small HTTP/1.1 server on 127.0.0.1 with one thread per connection and keep-alive.
/// `stop()` closes the listener, shuts down open connections (waking blocked reads and
/// watches) and waits for every thread to finish.
final class HTTPServer: @unchecked Sendable {
    typealias Handler = @Sendable (HTTPRequest) -> HTTPReply

    private let handler: Handler
    private let state = NSCondition()
    private var listener: Int32 = -1
    private var connections: Set<Int32> = []
    private var runningThreads = 0
    private var stopping = false

    init(handler: @escaping Handler) { self.handler = handler }

    /// Binds an ephemeral port and starts accepting; returns the port.
    func start() throws(HTTPServerError) -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HTTPServerError(operation: "socket", code: errno) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { let code = errno; close(descriptor); throw HTTPServerError(operation: "bind", code: code) }
        guard listen(descriptor, 128) == 0 else { let code = errno; close(descriptor); throw HTTPServerError(operation: "listen", code: code) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { let code = errno; close(descriptor); throw HTTPServerError(operation: "getsockname", code: code) }
        let port = Int(UInt16(bigEndian: address.sin_port))
        state.lock()
        listener = descriptor
        stopping = false
        runningThreads += 1
        state.unlock()
        let thread = Thread { [self] in acceptLoop(descriptor) }
        thread.name = "KubeAPIDouble.accept"
        thread.start()
        return port
    }

    func stop() {
        state.lock()
        stopping = true
        if listener >= 0 { shutdown(listener, Int32(SHUT_RDWR)) }
        for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
        state.broadcast()
        // Bounded wait: a handler sleeping in a scripted delay finishes on its own.
        let deadline = Date().addingTimeInterval(10)
        while runningThreads > 0, state.wait(until: deadline) {}
        state.unlock()
    }

    /// Whether stop() was called; long-running handlers (watches) poll this.
    var isStopping: Bool {
        state.lock(); defer { state.unlock() }
        return stopping
    }

    private func acceptLoop(_ descriptor: Int32) {
        while true {
            let client = accept(descriptor, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                break
            }
            state.lock()
            if stopping {
                state.unlock()
                close(client)
                break
            }
            connections.insert(client)
            runningThreads += 1
            state.unlock()
            var noDelay: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in serve(client) }
            thread.name = "KubeAPIDouble.connection"
            thread.start()
        }
        close(descriptor)
        finishThread { listener = -1 }
    }

    private func serve(_ client: Int32) {
        var reader = RequestReader(socket: client)
        connectionLoop: while !isStopping {
            let request: HTTPRequest
            do {
                guard let next = try reader.next() else { break }
                request = next
            } catch .tooLarge {
                _ = write(HTTPResponse.text(413, "request too large"), to: client, keepAlive: false)
                break
            } catch .malformed {
                _ = write(HTTPResponse.text(400, "malformed request"), to: client, keepAlive: false)
                break
            } catch {
                break
            }
            let keepAlive = request.header("connection")?.lowercased() != "close"
            switch handler(request) {
            case .reset:
                // SO_LINGER 0 turns close() into a TCP RST, which is what a dropped connection looks like.
                var lingerOption = linger(l_onoff: 1, l_linger: 0)
                setsockopt(client, SOL_SOCKET, SO_LINGER, &lingerOption, socklen_t(MemoryLayout<linger>.size))
                break connectionLoop
            case .response(let response):
                guard write(response, to: client, keepAlive: keepAlive), keepAlive else { break connectionLoop }
            case .stream(let head, let produce):
                guard SocketIO.sendAll(client, head.head(keepAlive: keepAlive, chunked: true)) else { break connectionLoop }
                var open = true
                produce { bytes in
                    guard open, !bytes.isEmpty else { return open }
                    let frame = Array(String(bytes.count, radix: 16).utf8) + [13, 10] + bytes + [13, 10]
                    open = SocketIO.sendAll(client, frame)
                    return open
                }
                guard open, SocketIO.sendAll(client, Array("0\r\n\r\n".utf8)), keepAlive else { break connectionLoop }
            }
        }
        state.lock()
        connections.remove(client)
        state.unlock()
        close(client)
        finishThread {}
    }

    private func write(_ response: HTTPResponse, to client: Int32, keepAlive: Bool) -> Bool {
        SocketIO.sendAll(client, response.head(keepAlive: keepAlive) + response.body)
    }

    private func finishThread(_ update: () -> Void) {
        state.lock()
        update()
        runningThreads -= 1
        state.broadcast()
        state.unlock()
    }
}
