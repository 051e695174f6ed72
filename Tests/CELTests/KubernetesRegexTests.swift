import Testing
@testable import CEL

@Suite struct KubernetesRegexTests {
    private func regex(_ pattern: String) throws -> PCRE2Regex { try PCRE2Regex(pattern) }

    @Test func matchesAnywhereLikeRE2() throws {
        #expect(try regex("b").matches("abc"))
        #expect(try !regex("^b").matches("abc"))
        #expect(try regex("^[a-z]+$").matches("abc"))
        #expect(try regex("").matches(""))
        // `$` is the end of the text in RE2, not "before a final newline".
        #expect(try !regex("a$").matches("a\n"))
        #expect(try regex("(?m)a$").matches("a\nb"))
        #expect(try !regex("a.b").matches("a\nb"))
        #expect(try regex("(?s)a.b").matches("a\nb"))
        #expect(try regex("(?i)abc").matches("xABCx"))
        #expect(try regex("(?i:A)b").matches("ab"))
        #expect(try regex("\\Aab\\z").matches("ab"))
    }

    @Test func findsTheFirstMatch() throws {
        #expect(try regex("[0-9]+").firstMatch(in: "abc 123 456") == "123")
        #expect(try regex("[0-9]+").firstMatch(in: "abc") == nil)
        #expect(try regex("é.").firstMatch(in: "héllo") == "él")
        #expect(try regex("(?P<year>\\d{4})-(?<month>\\d{2})").firstMatch(in: "on 2024-05-01") == "2024-05")
        #expect(try regex("a+?").firstMatch(in: "aaa") == "a")
        #expect(try regex("(?U)a+").firstMatch(in: "aaa") == "a")
    }

    @Test func findsAllMatchesWithGoEmptyMatchRules() throws {
        #expect(try regex("[0-9]+").allMatches(in: "123 abc 456") == ["123", "456"])
        #expect(try regex("[0-9]+").allMatches(in: "123 abc 456", limit: 1) == ["123"])
        #expect(try regex("[0-9]+").allMatches(in: "123 abc 456", limit: 0) == [])
        #expect(try regex("a*").allMatches(in: "baaab") == ["", "aaa", ""])
        #expect(try regex("x*").allMatches(in: "日本") == ["", "", ""])
        #expect(try regex(".").allMatches(in: "日本") == ["日", "本"])
        #expect(try regex("\\b\\w").allMatches(in: "one two") == ["o", "t"])
    }

    @Test func translatesRE2OnlySpellings() throws {
        #expect(try regex("\\v").matches("\u{0B}"))
        #expect(try !regex("^\\v$").matches("\n"))
        #expect(try regex("^\\012$").matches("\n"))
        #expect(try regex("^\\101$").matches("A"))
        #expect(try regex("^a{,3}$").matches("a{,3}"))
        #expect(try regex("^a{x}$").matches("a{x}"))
        #expect(try regex("^a{2}$").matches("aa"))
        #expect(try regex("^x{1000}$").matches(String(repeating: "x", count: 1000)))
        #expect(try regex("^\\Q.*\\E$").matches(".*"))
        #expect(try regex("^\\pL+$").matches("Grüße"))
        #expect(try regex("^\\p{Greek}+$").matches("αβγ"))
        #expect(try regex("^[[:alpha:]]+$").matches("abc"))
        #expect(try regex("^[^\\d\\s]+$").matches("abc"))
        #expect(try regex("^\\x41\\x{42}$").matches("AB"))
        #expect(try regex("^[]a]+$").matches("]a"))
        #expect(try regex("^\\.\\*$").matches(".*"))
    }

    @Test(arguments: [
        "(a)\\1", "\\8", "(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "a*+", "a**", "a++", "a{2}{3}", "a??+", "(?>a)",
        "(?R)", "(?1)", "(*ACCEPT)", "(?(1)a|b)", "\\Z", "\\K", "\\G", "\\e", "\\h", "\\C", "a{1001}", "a{2,1}",
        "(?x)a", "(?i-)a", "(?P=name)", "(?P>name)", "[\\b]", "[\\Qa\\E]", "(", "[a", "\\", "\\x4", "\\xZZ", "\\p{Nope}",
        "(?#comment)", "(?|a)",
    ])
    func rejectsWhatRE2Rejects(_ pattern: String) {
        #expect(throws: RegexError.self, "\(pattern)") { try PCRE2Regex(pattern) }
    }

    @Test func reportsIllegalRegex() {
        let error = #expect(throws: RegexError.self) { try PCRE2Regex("(?=a)") }
        #expect(error?.description.hasPrefix("Illegal regex") == true)
    }

    @Test func hostilePatternIsBounded() throws {
        let catastrophic = try regex("^(a|aa)+$")
        let subject = String(repeating: "a", count: 5000) + "!"
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(throws: RegexError.matchLimitExceeded) { try catastrophic.matches(subject) }
        }
        #expect(elapsed < .seconds(5))
    }

    @Test func sharedAcrossConcurrentTasks() async throws {
        let shared = try regex("[a-z]+([0-9]+)")
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let expected = "item\(index)"
                    return (try? shared.firstMatch(in: "-- \(expected) --")) == expected
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }
}
