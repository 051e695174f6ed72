import Testing
@testable import CEL

@Suite struct KubernetesURLTests {
    private func url(_ text: String) throws -> KubernetesURL { try KubernetesURL(parsing: text) }

    @Test func splitsHostAndPort() throws {
        let plain = try url("https://example.com:80/")
        #expect(plain.scheme == "https")
        #expect(plain.host == "example.com:80")
        #expect(plain.hostname == "example.com")
        #expect(plain.port == "80")
        let bracketed = try url("https://[::1]:80/")
        #expect(bracketed.host == "[::1]:80")
        #expect(bracketed.hostname == "::1")
        #expect(bracketed.port == "80")
        #expect(try url("https://[::1]/").hostname == "::1")
        #expect(try url("https://[::1]/").port == "")
        #expect(try url("https://example.com/").port == "")
        #expect(try url("https://user:secret@host:8080/p").host == "host:8080")
        #expect(try url("HTTPS://Example.com/").scheme == "https")
        #expect(try url("HTTPS://Example.com/").host == "Example.com")
        #expect(try url("http://[fe80::1%25en0]:8080/").hostname == "fe80::1%en0")
    }

    @Test func absolutePathsHaveNoSchemeOrHost() throws {
        let path = try url("/path")
        #expect(path.scheme == "")
        #expect(path.host == "")
        #expect(path.hostname == "")
        #expect(path.escapedPath == "/path")
        #expect(try url("*").escapedPath == "*")
    }

    @Test func opaqueURIsKeepTheirScheme() throws {
        let mail = try url("mailto:someone@example.com")
        #expect(mail.scheme == "mailto")
        #expect(mail.opaque == "someone@example.com")
        #expect(mail.host == "")
        #expect(mail.escapedPath == "")
    }

    @Test(arguments: [
        ("https://example.com/path with spaces/", "/path%20with%20spaces/"),
        ("https://example.com/path%20with%20spaces/", "/path%20with%20spaces/"),
        ("https://example.com/a%2Fb", "/a%2Fb"),
        ("https://example.com/a%41", "/a%41"),
        ("https://example.com/#frag", "/%23frag"),
        ("https://example.com", ""),
        ("https://example.com/ü", "/%C3%BC"),
        ("https://example.com/a;b,c=d@e:f", "/a;b,c=d@e:f"),
    ])
    func escapesPathsLikeGo(_ text: String, _ escaped: String) throws {
        #expect(try url(text).escapedPath == escaped)
    }

    @Test func unescapesQueries() throws {
        #expect(try url("https://example.com/?k=v&k=v2&k2=v3").query == ["k": ["v", "v2"], "k2": ["v3"]])
        #expect(try url("https://example.com/?a=%20b+c").query == ["a": [" b c"]])
        #expect(try url("https://example.com/?k").query == ["k": [""]])
        #expect(try url("https://example.com/?a;b=c&d=e").query == ["d": ["e"]])
        #expect(try url("https://example.com/?bad=%zz&ok=1").query == ["ok": ["1"]])
        #expect(try url("https://example.com/").query == [:])
        #expect(try url("https://example.com/?").query == [:])
        #expect(try url("https://example.com/?a=1#frag").query == ["a": ["1#frag"]])
    }

    @Test(arguments: [
        "", "../relative", "example.com", "relative/path", ":nope", "https://ex ample.com/", "https://example.com:port/",
        "http://[::1/", "https://%zz/", "/a%zz", "https://user name@host/", "http://a\tb/", "http://example.com/\u{7f}",
    ])
    func rejectsWhatParseRequestURIRejects(_ text: String) {
        #expect(!KubernetesURL.isValid(text), "\(text)")
    }

    @Test(arguments: ["https://example.com", "http://localhost:8080/healthz?x=1", "/", "s3://bucket/key", "urn:isbn:123"])
    func acceptsAbsoluteURIsAndPaths(_ text: String) {
        #expect(KubernetesURL.isValid(text), "\(text)")
    }
}
