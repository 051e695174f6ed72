import CCurl
import Foundation

/// HTTP over libcurl. Each request borrows an easy handle from a small pool, so parallel requests
/// never share a handle while sequential ones reuse its kept-alive connection.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    public enum HTTPVersion: Sendable {
        /// HTTP/2 when TLS negotiates it (ALPN), else HTTP/1.1: what kubectl speaks.
        case automatic
        case http1_1
    }

    public struct Options: Sendable {
        public var connectTimeout: Double
        /// Whole-request limit in seconds.
        public var requestTimeout: Double
        public var httpVersion: HTTPVersion
        /// Bodies beyond this are refused: network data is untrusted.
        public var maxResponseBytes: Int

        public init(connectTimeout: Double = 10, requestTimeout: Double = 60, httpVersion: HTTPVersion = .automatic,
                    maxResponseBytes: Int = 512 << 20) {
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.httpVersion = httpVersion
            self.maxResponseBytes = maxResponseBytes
        }
    }

    private let endpoint: Endpoint
    private let tls: TLSSettings
    private let options: Options
    private let pool = HandlePool()

    public init(server: String, tls: TLSSettings = TLSSettings(), options: Options = Options()) {
        _ = curlGlobalInit
        endpoint = Endpoint(server: server, serverName: tls.serverName)
        self.tls = tls
        self.options = options
    }

    public func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        guard let handle = pool.take() else { throw TransportError(.other, "libcurl could not create a handle") }
        defer { pool.give(handle) }
        return try perform(request, on: handle)
    }

    private func perform(_ request: HTTPRequest, on handle: UnsafeMutableRawPointer) throws(TransportError) -> HTTPResponse {
        var strings = CStrings()
        defer { strings.free() }
        var headerList: UnsafeMutablePointer<curl_slist>?
        var connectTo: UnsafeMutablePointer<curl_slist>?
        defer {
            curl_slist_free_all(headerList)
            curl_slist_free_all(connectTo)
        }
        let sink = ResponseSink(limit: options.maxResponseBytes)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code: CURLcode = withExtendedLifetime(sink) {
            errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
                ccurl_setopt_string(handle, CURLOPT_URL, endpoint.url(for: request.path))
                ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
                ccurl_setopt_long(handle, CURLOPT_HEADER, 1)   // headers arrive in the body stream; split below
                ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
                ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(options.requestTimeout * 1000))
                ccurl_setopt_long(handle, CURLOPT_HTTP_VERSION,
                                  options.httpVersion == .http1_1 ? Int(CURL_HTTP_VERSION_1_1) : Int(CURL_HTTP_VERSION_2TLS))
                ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
                ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorPointer.baseAddress)
                ccurl_setopt_write_function(handle, curlWriteCallback)
                ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())

                if let pin = endpoint.connectTo {
                    connectTo = curl_slist_append(nil, pin)
                    ccurl_setopt_pointer(handle, CURLOPT_CONNECT_TO, connectTo)
                }
                if let proxy = tls.proxyURL { ccurl_setopt_string(handle, CURLOPT_PROXY, proxy) }
                if tls.insecureSkipVerify {
                    ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 0)
                    ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 0)
                }
                if let authority = tls.certificateAuthority { setBlob(handle, CURLOPT_CAINFO_BLOB, authority) }
                if let identity = request.identity {
                    // Blobs keep keys off the disk; libcurl 7.71+ with OpenSSL supports them.
                    ccurl_setopt_string(handle, CURLOPT_SSLCERTTYPE, "PEM")
                    ccurl_setopt_string(handle, CURLOPT_SSLKEYTYPE, "PEM")
                    setBlob(handle, CURLOPT_SSLCERT_BLOB, identity.certificate)
                    setBlob(handle, CURLOPT_SSLKEY_BLOB, identity.key)
                }

                // An empty `Expect:` stops libcurl waiting a second for `100 Continue` on large bodies.
                for header in request.headers + [Header("Expect", "")] {
                    headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
                }
                ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headerList)

                if let body = request.body {
                    ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
                    body.withUnsafeBytes { raw in
                        // COPYPOSTFIELDS copies, so the bytes need not outlive this closure.
                        let pointer = raw.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
                        ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, pointer ?? strings.dup(""))
                    }
                    ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
                } else if request.method == "GET" {
                    ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
                } else if request.method == "HEAD" {
                    ccurl_setopt_long(handle, CURLOPT_NOBODY, 1)
                } else {
                    ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
                }
                return curl_easy_perform(handle)
            }
        }

        guard code == CURLE_OK else {
            if sink.overflowed { throw TransportError(.responseTooLarge, "\(request.summary): response larger than \(options.maxResponseBytes) bytes") }
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            throw TransportError(Self.classify(code), "\(request.summary): \(text)")
        }
        var status = 0
        ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var headerSize = 0
        ccurl_getinfo_long(handle, CURLINFO_HEADER_SIZE, &headerSize)
        let split = min(max(headerSize, 0), sink.bytes.count)
        let headers = Self.parseHeaders(sink.bytes[..<split])
        return HTTPResponse(status: status, headers: headers, body: Array(sink.bytes[split...]))
    }

    private func setBlob(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ bytes: [UInt8]) {
        var copy = bytes
        copy.withUnsafeMutableBytes { raw in
            var blob = curl_blob(data: raw.baseAddress, len: raw.count, flags: UInt32(CURL_BLOB_COPY))
            _ = withUnsafeMutablePointer(to: &blob) { ccurl_setopt_pointer(handle, option, $0) }
        }
    }

    static func classify(_ code: CURLcode) -> TransportError.Kind {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .connect
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2,
             CURLE_HTTP2_STREAM: return .reset
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR: return .tls
        default: return .other
        }
    }

    /// Headers of the last response block (earlier blocks are `100 Continue` or proxy replies).
    static func parseHeaders(_ bytes: ArraySlice<UInt8>) -> [Header] {
        var headers: [Header] = []
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("HTTP/") { headers = []; continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(Header(String(line[..<colon]).lowercased(), String(line[line.index(after: colon)...]).trimmingWhitespace))
        }
        return headers
    }
}

/// `curl_global_init` once, lazily and thread-safely (Swift globals initialise under a once-lock).
private let curlGlobalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_ALL)) }()

private let curlWriteCallback: curl_write_callback = { pointer, size, count, context in
    let total = size * count
    guard let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    guard let pointer, total > 0 else { return total }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: total) {
        sink.append(UnsafeBufferPointer(start: $0, count: total)) ? total : 0   // 0 aborts the transfer
    }
}

/// Collects one response; used by one request on one thread.
private final class ResponseSink {
    var bytes: [UInt8] = []
    let limit: Int
    var overflowed = false
    init(limit: Int) { self.limit = limit }

    func append(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count + buffer.count <= limit else { overflowed = true; return false }
        bytes.append(contentsOf: buffer)
        return true
    }
}

/// C strings that must live until the transfer ends.
private struct CStrings {
    var pointers: [UnsafeMutablePointer<CChar>] = []
    mutating func dup(_ text: String) -> UnsafeMutableRawPointer? {
        guard let pointer = strdup(text) else { return nil }
        pointers.append(pointer)
        return UnsafeMutableRawPointer(pointer)
    }
    func free() { pointers.forEach { Foundation.free($0) } }
}

/// Idle easy handles. `curl_easy_reset` clears options but keeps the connection cache warm.
private final class HandlePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [UnsafeMutableRawPointer] = []
    private let capacity = 16

    func take() -> UnsafeMutableRawPointer? {
        if let handle = lock.withLock({ idle.popLast() }) { return handle }
        return curl_easy_init()
    }

    func give(_ handle: UnsafeMutableRawPointer) {
        curl_easy_reset(handle)
        let kept = lock.withLock { () -> Bool in
            guard idle.count < capacity else { return false }
            idle.append(handle)
            return true
        }
        if !kept { curl_easy_cleanup(handle) }
    }

    deinit { idle.forEach { curl_easy_cleanup($0) } }
}

/// The server URL split so `tls-server-name` can be honoured: libcurl has no SNI override, so the
/// URL names the TLS name and `CONNECT_TO` sends the connection to the real host.
struct Endpoint: Sendable {
    let base: String
    let connectTo: String?

    init(server: String, serverName: String?) {
        let trimmed = server.hasSuffix("/") ? String(server.dropLast()) : server
        guard let serverName, !serverName.isEmpty, let parts = Endpoint.split(trimmed) else {
            base = trimmed
            connectTo = nil
            return
        }
        base = "\(parts.scheme)://\(serverName):\(parts.port)\(parts.rest)"
        let realHost = parts.host.hasPrefix("[") ? String(parts.host.dropFirst().dropLast()) : parts.host
        connectTo = "\(serverName):\(parts.port):\(realHost):\(parts.port)"
    }

    func url(for path: String) -> String { base + path }

    static func split(_ url: String) -> (scheme: String, host: String, port: String, rest: String)? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = String(url[..<schemeEnd.lowerBound])
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        let rest = String(afterScheme[authorityEnd...])
        var host = String(authority), port = scheme == "https" ? "443" : "80"
        if let close = authority.lastIndex(of: "]") {   // [::1]:6443
            host = String(authority[...close])
            let tail = authority[authority.index(after: close)...]
            if tail.hasPrefix(":") { port = String(tail.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = String(authority[authority.index(after: colon)...])
        }
        return (scheme, host, port, rest)
    }
}
