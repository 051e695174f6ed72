import Testing
@testable import CEL

@Suite struct CELParserTests {
    private func parse(_ source: String) throws(CELError) -> CEL.Expr {
        try Parser.parse(source)
    }

    @Test func operatorPrecedenceFollowsTheGrammar() throws {
        let expr = try parse("1 + 2 * 3 == 7 && !false || x in [1]")
        guard case .call("_||_", nil, let sides) = expr.kind, case .call("_&&_", nil, let conjuncts) = sides[0].kind,
              case .call("_==_", nil, let equality) = conjuncts[0].kind, case .call("_+_", nil, let sum) = equality[0].kind,
              case .call("_*_", nil, _) = sum[1].kind, case .call("@in", nil, _) = sides[1].kind else {
            Issue.record("unexpected tree \(expr.kind)")
            return
        }
    }

    @Test func literalsOfEveryKind() throws {
        let cases: [(String, CEL.Value)] = [
            ("0x1F", .int(31)), ("7u", .uint(7)), ("1.5e2", .double(150)), (".5", .double(0.5)),
            ("-9223372036854775808", .int(.min)), ("'\\u00e9'", .string("é")), ("r'\\n'", .string("\\n")),
            ("b'\\xff'", .bytes([255])), ("'''a\nb'''", .string("a\nb")), ("\"\\101\"", .string("A")),
        ]
        for (source, expected) in cases {
            guard case .literal(let value) = try parse(source).kind else {
                Issue.record("\(source) is not a literal")
                continue
            }
            #expect(value.isEqual(to: expected) && value.runtimeType == expected.runtimeType, "\(source)")
        }
    }

    @Test func errorsCarryPositions() {
        #expect(throws: CELError.self) { try parse("1 +") }
        do throws(CELError) {
            _ = try parse("a &&\n  (b ||")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.position.line == 2)
        }
        do throws(CELError) {
            _ = try parse("x.all(1, true)")
            Issue.record("expected a macro error")
        } catch {
            #expect(error.kind == .macro)
            #expect(error.position.column == 7)
        }
    }

    @Test func rejectsReservedWordsAndBadLiterals() {
        for source in ["if", "var + 1", "9223372036854775808", "'unterminated", "'\\q'", "b'\\u00ff'", "1 = 2", "a.`b c`"] {
            #expect(throws: CELError.self, "\(source)") { try parse(source) }
        }
        #expect(throws: Never.self) { try parse("a.if() || {'as': 1}.as") }
    }

    @Test func hostileNestingFailsWithALimitError() {
        for source in [String(repeating: "[", count: 5000), String(repeating: "(", count: 5000) + "1",
                       String(repeating: "-a.b", count: 3000), "a" + String(repeating: "[0]", count: 400),
                       String(repeating: "1 + ", count: 400) + "1"] {
            do throws(CELError) {
                _ = try parse(source)
                Issue.record("expected a failure")
            } catch {
                #expect(error.kind == .limit || error.kind == .syntax)
            }
        }
    }

    @Test func longLogicalChainsAreBalanced() throws {
        let source = Array(repeating: "true", count: 2000).joined(separator: " && ")
        let expr = try parse(source)
        #expect(expr.height < 20)
    }

    @Test func macrosExpandUnlessDisabled() throws {
        guard case .comprehension = try parse("[1].exists(x, x > 0)").kind else {
            Issue.record("exists did not expand")
            return
        }
        var options = Parser.Options()
        options.expandsMacros = false
        guard case .call("exists", _, _) = try Parser.parse("[1].exists(x, x > 0)", options: options).kind else {
            Issue.record("exists expanded although macros are disabled")
            return
        }
        guard case .select(_, "b", true, false) = try parse("has(a.b)").kind else {
            Issue.record("has did not expand")
            return
        }
    }

    @Test func optionalSyntax() throws {
        guard case .select(_, "b", false, true) = try parse("a.?b").kind else {
            Issue.record("a.?b")
            return
        }
        guard case .call("_[?_]", nil, _) = try parse("a[?0]").kind else {
            Issue.record("a[?0]")
            return
        }
        guard case .list(_, let optional) = try parse("[?a, b]").kind, optional == [0] else {
            Issue.record("[?a, b]")
            return
        }
        guard case .map(let entries) = try parse("{?'k': v}").kind, entries.first?.isOptional == true else {
            Issue.record("{?'k': v}")
            return
        }
    }
}
