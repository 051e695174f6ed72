#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum RequestReadError: Error, Sendable {
    case closed
    case malformed(String)
    case tooLarge
}

/// Reads requests from one connection, keeping unread bytes for the next request
/// (pipelining) and answering `Expect: 100-continue`.
struct RequestReader {
    static let maximumHeaderBytes = 64 * 1024
    static let maximumBodyBytes = 32 * 1024 * 1024

    let socket: Int32
    private var buffer: [UInt8] = []

    init(socket: Int32) { self.socket = socket }

    /// The next request, or nil when the peer closed the connection between requests.
    mutating func next() throws(RequestReadError) -> HTTPRequest? {
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headerEnd != nil { break }
            guard buffer.count <= Self.maximumHeaderBytes else { throw .tooLarge }
            guard try fill() else {
                if buffer.isEmpty { return nil }
                throw .closed
            }
        }
        guard let end = headerEnd else { return nil }
        let headText = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else { throw .malformed("request line") }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("header line") }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: [" ", "\t"])
            headers.append((name, value))
        }
        let target = requestLine[1]
        let pathPart = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = String(pathPart[0])
        let path = rawPath.removingPercentEncoding ?? rawPath
        let query = pathPart.count > 1 ? HTTPRequest.parseQuery(pathPart[1]) : []
        var request = HTTPRequest(method: String(requestLine[0]), path: path, query: query, headers: headers, body: [])
        if request.header("expect")?.lowercased() == "100-continue" {
            _ = SocketIO.sendAll(socket, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        if request.header("transfer-encoding")?.lowercased().contains("chunked") == true {
            request.body = try readChunkedBody()
        } else if let lengthText = request.header("content-length") {
            guard let length = Int(lengthText), length >= 0 else { throw .malformed("content-length") }
            guard length <= Self.maximumBodyBytes else { throw .tooLarge }
            request.body = try readExactly(length)
        }
        return request
    }

    private mutating func readChunkedBody() throws(RequestReadError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine()
            let sizeText = line.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: [" ", "\t"]), radix: 16), size >= 0 else {
                throw .malformed("chunk size")
            }
            if size == 0 {
                // Trailers end with an empty line.
                while try !readLine().isEmpty {}
                return body
            }
            guard body.count + size <= Self.maximumBodyBytes else { throw .tooLarge }
            body += try readExactly(size)
            guard try readLine().isEmpty else { throw .malformed("chunk terminator") }
        }
    }

    private mutating func readLine() throws(RequestReadError) -> String {
        while true {
            if let end = Self.find([13, 10], in: buffer) {
                let line = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                return line
            }
            guard buffer.count <= Self.maximumHeaderBytes else { throw .tooLarge }
            guard try fill() else { throw .closed }
        }
    }

    private mutating func readExactly(_ count: Int) throws(RequestReadError) -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw .closed }
        }
        let bytes = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads more bytes; false at end of stream.
    private mutating func fill() throws(RequestReadError) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                buffer += chunk[0..<received]
                return true
            }
            if received == 0 { return false }
            if errno == EINTR { continue }
            return false
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var position = 0
        while position + needle.count <= haystack.count {
            if haystack[position] == needle[0], Array(haystack[position..<(position + needle.count)]) == needle {
                return position
            }
            position += 1
        }
        return nil
    }
}

enum SocketIO {
    /// Sends every byte; false when the peer is gone. Never raises SIGPIPE.
    static func sendAll(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                #if canImport(Glibc)
                return send(socket, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                #else
                return send(socket, base + sent, raw.count - sent, 0)
                #endif
            }
            if result > 0 { sent += result; continue }
            if result < 0, errno == EINTR { continue }
            return false
        }
        return true
    }
}
