import CCurl
import CGit2
import CLibYAML
import CPCRE2
import Testing

/// Each system library links and answers through its shim: the build's contract with the Makefile.
struct SystemLibraryTests {
    @Test func libyamlReportsItsVersion() {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        yaml_get_version(&major, &minor, &patch)
        #expect(major == 0 && minor >= 2)
    }

    @Test func pcre2CompilesAndMatchesWithUTF() throws {
        let pattern = Array("^ns-[a-z]+$".utf8)
        var error: Int32 = 0
        var offset = 0
        let code = try #require(pcre2_compile_8(pattern, pattern.count, UInt32(PCRE2_UTF), &error, &offset, nil))
        defer { pcre2_code_free_8(code) }
        let data = try #require(pcre2_match_data_create_from_pattern_8(code, nil))
        defer { pcre2_match_data_free_8(data) }
        let hit = Array("ns-prod".utf8), miss = Array("prod".utf8)
        #expect(pcre2_match_8(code, hit, hit.count, 0, 0, data, nil) > 0)
        #expect(pcre2_match_8(code, miss, miss.count, 0, 0, data, nil) == PCRE2_ERROR_NOMATCH)
    }

    @Test func libgit2Initialises() {
        #expect(git_libgit2_init() > 0)
        var major: Int32 = 0, minor: Int32 = 0, rev: Int32 = 0
        git_libgit2_version(&major, &minor, &rev)
        #expect(major >= 1)
        git_libgit2_shutdown()
    }

    @Test func curlHandlesAcceptOptions() throws {
        let handle = try #require(curl_easy_init())
        defer { curl_easy_cleanup(handle) }
        #expect(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1) == CURLE_OK)
        #expect(ccurl_setopt_string(handle, CURLOPT_URL, "https://127.0.0.1:1/") == CURLE_OK)
    }
}
