import Testing
@testable import Clusters

@Suite struct EnvsubstTests {
    private func expand(_ text: String, _ values: [String: String] = [:], strict: Bool = false) throws -> String {
        try Envsubst.expand(text, strict: strict) { values[$0] }
    }

    @Test func expandsTheOperatorTable() throws {
        let v = ["s": "abcABC123ABCabc", "f": "bash.string.txt", "p": "/home/bozo/ideas", "u": "MiXed"]
        #expect(try expand("${#f}", v) == "15")
        #expect(try expand("${u^^}/${u,,}/${u,}/${u^}", v) == "MIXED/mixed/miXed/MiXed")
        #expect(try expand("${p:11}|${p:6:4}|${p:-5}", v) == "ideas|bozo|/home/bozo/ideas")
        #expect(try expand("${s/abc/X}|${s//abc/X}|${s/#abc/X}|${s/%abc/X}", v)
            == "XABC123ABCabc|XABC123ABCX|XABC123ABCabc|abcABC123ABCX")
        #expect(try expand("${f#*.}|${f##*.}|${f%.*}|${f%%.*}", v) == "string.txt|txt|bash.string|bash")
        #expect(try expand("${missing:=a}${missing=b}${missing:-c}", v) == "abc")
        #expect(try expand("${missing=${u^^}-x}", v) == "MIXED-x")
        #expect(try expand(#"${p//\//-}"#, v) == "-home-bozo-ideas")
    }

    @Test func escapesAndLeavesBareDollarsAlone() throws {
        #expect(try expand("$${X} costs $5 and $HOME", ["X": "no"]) == "${X} costs $5 and $HOME")
        #expect(try expand("a$$b") == "a$b")
    }

    @Test func strictModeNamesTheUnsetVariable() {
        #expect(throws: Envsubst.Failure.variableNotSet("NOPE")) { try expand("x ${NOPE} y", strict: true) }
        #expect(throws: Envsubst.Failure.variableNotSet("NOPE")) { try expand("${NOPE^^}", strict: true) }
        #expect((try? expand("${NOPE:-ok}", strict: true)) == "ok")
        #expect((try? expand("${NOPE}", strict: false)) == "")
    }

    @Test func rejectsWhatTheControllerRejects() {
        #expect(throws: Envsubst.Failure.missingClosingBrace) { try expand("${A") }
        // `${v-d}` is not in Flux's parser, unlike bash.
        #expect(throws: Envsubst.Failure.missingClosingBrace) { try expand("${A-d}") }
        #expect(throws: Envsubst.Failure.unparsableVariableName) { try expand("${ A}") }
        #expect(throws: Envsubst.Failure.unparsableFunctionArgument) { try expand("${A:-x") }
    }

    @Test func globsStopAtSlashes() {
        #expect(GlobPattern.match("*.txt", "a.txt") == true)
        #expect(GlobPattern.match("*", "a/b") == false)
        #expect(GlobPattern.match("a[0-9]?", "a5x") == true)
        #expect(GlobPattern.match("[", "a") == nil)
    }
}
