import Testing
@testable import CEL

/// Cases taken from cel-spec's `string_ext` conformance file (see the shared conformance cases).
@Suite struct KubernetesStringsExtensionTests {
    typealias S = StringsExtension

    @Test func charAt() throws {
        #expect(try S.charAt("tacocat", 3) == "o")
        #expect(try S.charAt("tacocat", 7) == "")
        #expect(try S.charAt("ta©o©αT", 5) == "α")
        #expect(throws: StringFunctionError.indexOutOfRange(30)) { try S.charAt("tacocat", 30) }
        #expect(throws: StringFunctionError.indexOutOfRange(-1)) { try S.charAt("tacocat", -1) }
    }

    @Test func indexOf() throws {
        #expect(try S.indexOf("tacocat", "") == 0)
        #expect(try S.indexOf("tacocat", "ac") == 1)
        #expect(try S.indexOf("tacocat", "none") == -1)
        #expect(try S.indexOf("tacocat", "", offset: 3) == 3)
        #expect(try S.indexOf("tacocat", "a", offset: 3) == 5)
        #expect(try S.indexOf("ta©o©αT", "©") == 2)
        #expect(try S.indexOf("ta©o©αT", "©", offset: 3) == 4)
        #expect(try S.indexOf("ta©o©αT", "©αT", offset: 3) == 4)
        #expect(try S.indexOf("ta©o©αT", "©α", offset: 5) == -1)
        #expect(try S.indexOf("ijk", "k") == 2)
        #expect(try S.indexOf("hello wello", "hello wello") == 0)
        #expect(try S.indexOf("hello wello", "ello", offset: 6) == 7)
        #expect(try S.indexOf("hello wello", "elbo room!!") == -1)
        #expect(try S.indexOf("", "a") == -1)
        #expect(throws: StringFunctionError.indexOutOfRange(30)) { try S.indexOf("tacocat", "a", offset: 30) }
    }

    @Test func lastIndexOf() throws {
        #expect(try S.lastIndexOf("", "@@") == -1)
        #expect(try S.lastIndexOf("tacocat", "") == 7)
        #expect(try S.lastIndexOf("tacocat", "at") == 5)
        #expect(try S.lastIndexOf("tacocat", "none") == -1)
        #expect(try S.lastIndexOf("tacocat", "a", offset: 3) == 1)
        #expect(try S.lastIndexOf("ta©o©αT", "©") == 4)
        #expect(try S.lastIndexOf("ta©o©αT", "©", offset: 3) == 2)
        #expect(try S.lastIndexOf("ta©o©αT", "©α", offset: 4) == 4)
        #expect(try S.lastIndexOf("hello wello", "ello", offset: 6) == 1)
        #expect(try S.lastIndexOf("hello wello", "low") == -1)
        #expect(try S.lastIndexOf("hello wello", "hello wello") == 0)
        #expect(try S.lastIndexOf("bananananana", "nana", offset: 7) == 6)
        #expect(throws: StringFunctionError.indexOutOfRange(30)) { try S.lastIndexOf("tacocat", "a", offset: 30) }
    }

    @Test func asciiCasing() {
        #expect(S.lowerAscii("TacoCat") == "tacocat")
        #expect(S.lowerAscii("TacoCÆt Xii") == "tacocÆt xii")
        #expect(S.upperAscii("tacoCat") == "TACOCAT")
        #expect(S.upperAscii("TacoCÆt Xii") == "TACOCÆT XII")
    }

    @Test func replace() {
        #expect(S.replace("12 days 12 hours", "{0}", "2") == "12 days 12 hours")
        #expect(S.replace("{0} days {0} hours", "{0}", "2") == "2 days 2 hours")
        #expect(S.replace("{0} days {0} hours", "{0}", "2", limit: 1) == "2 days {0} hours")
        #expect(S.replace("{0} days {0} hours", "{0}", "2", limit: 0) == "{0} days {0} hours")
        #expect(S.replace("1 ©αT taco", "αT", "o©α") == "1 ©o©α taco")
        #expect(S.replace("ab", "", "-") == "-a-b-")
        #expect(S.replace("ab", "", "-", limit: 2) == "-a-b")
    }

    @Test func split() {
        #expect(S.split("hello world", " ") == ["hello", "world"])
        #expect(S.split("hello world events!", " ", limit: 1) == ["hello world events!"])
        #expect(S.split("hello world events!", " ", limit: 2) == ["hello", "world events!"])
        #expect(S.split("hello world events!", " ", limit: 0) == [])
        #expect(S.split("o©o©o©o", "©", limit: -1) == ["o", "o", "o", "o"])
        #expect(S.split("a©b", "") == ["a", "©", "b"])
        #expect(S.split("abc", "", limit: 2) == ["a", "bc"])
        #expect(S.split("", ",") == [""])
    }

    @Test func substring() throws {
        #expect(try S.substring("tacocat", from: 7) == "")
        #expect(try S.substring("tacocat", from: 4) == "cat")
        #expect(try S.substring("tacocat", from: 4, to: 4) == "")
        #expect(try S.substring("ta©o©αT", from: 7, to: 7) == "")
        #expect(try S.substring("ta©o©αT", from: 2, to: 6) == "©o©α")
        #expect(throws: StringFunctionError.indexOutOfRange(40)) { try S.substring("tacocat", from: 40) }
        #expect(throws: StringFunctionError.indexOutOfRange(-1)) { try S.substring("tacocat", from: -1) }
        #expect(throws: StringFunctionError.indexOutOfRange(50)) { try S.substring("tacocat", from: 1, to: 50) }
        #expect(throws: StringFunctionError.indexOutOfRange(49)) { try S.substring("tacocat", from: 49, to: 50) }
        #expect(throws: StringFunctionError.invalidSubstringRange(start: 4, end: 3)) { try S.substring("tacocat", from: 4, to: 3) }
    }

    @Test func trimJoinReverseQuote() {
        #expect(S.trim("\u{85}\u{a0}\u{1680}text") == "text")
        #expect(S.trim("\u{200a}text\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}") == "text")
        #expect(S.trim(" \t\n ") == "")
        #expect(S.trim("\u{200b}x") == "\u{200b}x")
        #expect(S.join(["x", "y"]) == "xy")
        #expect(S.join(["x", "y"], separator: "-") == "x-y")
        #expect(S.join([], separator: "-") == "")
        #expect(S.reverse("") == "")
        #expect(S.reverse("Ta©oCαt") == "tαCo©aT")
        #expect(S.quote("first\nsecond") == "\"first\\nsecond\"")
        #expect(S.quote("bell\u{07}") == "\"bell\\a\"")
        #expect(S.quote("\u{08}backspace") == "\"\\bbackspace\"")
        #expect(S.quote("vertical \u{0B} tab") == "\"vertical \\v tab\"")
        #expect(S.quote("double \\\\ slash") == "\"double \\\\\\\\ slash\"")
        #expect(S.quote("mid string \" quote") == "\"mid string \\\" quote\"")
        #expect(S.quote("printable unicode😀") == "\"printable unicode😀\"")
        #expect(S.quote("") == "\"\"")
    }

    @Test(arguments: [
        ("no substitution", [], "no substitution"),
        ("str is %s and some more", [.string("filler")], "str is filler and some more"),
        ("%% and also %%", [], "% and also %"),
        ("%%%s%%", [.string("text")], "%text%"),
        ("%.3f", [.double(1.2345)], "1.234"),
        ("this is 5 in binary: %b", [.int(5)], "this is 5 in binary: 101"),
        ("%b", [.uint(64)], "1000000"),
        ("%b", [.bool(true)], "1"),
        ("%o", [.int(11)], "13"),
        ("%o", [.uint(65535)], "177777"),
        ("%x is 20 in hexadecimal", [.int(30)], "1e is 20 in hexadecimal"),
        ("%X", [.int(30)], "1E"),
        ("%X", [.uint(6000)], "1770"),
        ("%x", [.string("Hello world!")], "48656c6c6f20776f726c6421"),
        ("%X", [.bytes(Array("byte string".utf8))], "6279746520737472696E67"),
        ("%x", [.int(-30)], "-1e"),
        ("%.6e", [.double(1052.032911275)], "1.052033e+03"),
        ("%f", [.double(2.71828)], "2.718280"),
        ("%f", [.uint(3)], "3.000000"),
        ("%e", [.double(2.71828)], "2.718280e+00"),
        ("%e", [.int(2)], "2.000000e+00"),
        ("%e", [.double(0)], "0.000000e+00"),
        ("%e", [.double(1e-7)], "1.000000e-07"),
        ("%e", [.double(.nan)], "NaN"),
        ("%d", [.double(.infinity)], "Infinity"),
        ("%f", [.double(-.infinity)], "-Infinity"),
        ("%d", [.uint(64)], "64"),
        ("%d", [.double(2.5)], "2.5"),
        ("%s", [.null], "null"),
        ("%s", [.bytes(Array("xyz".utf8))], "xyz"),
        ("%s", [.type("string")], "string"),
        ("%s", [.duration(nanoseconds: 6347_000_000_000)], "6347s"),
        ("%s", [.duration(nanoseconds: 1_500_000_000)], "1.5s"),
        ("%s, %s", [.bool(true), .bool(false)], "true, false"),
        ("%s, %s", [.int(32), .double(56.8)], "32, 56.8"),
        ("%s", [.double(1e21)], "1000000000000000000000"),
        ("%s", [.double(0.000001)], "0.000001"),
        ("%s", [.list([.double(.nan), .double(.infinity), .double(-.infinity)])], "[NaN, Infinity, -Infinity]"),
        ("%s", [.list([.int(6), .double(4.2), .string("a string")])], "[6, 4.2, a string]"),
        ("%s", [.map([(.string("strKey"), .string("x")), (.int(6), .duration(nanoseconds: 422_000_000_000)), (.bool(true), .int(42))])],
         "{6: 422s, strKey: x, true: 42}"),
        ("%.0f", [.double(123.0)], "123"),
        ("%.0f", [.double(1.5)], "2"),
        ("%.0f", [.double(2.5)], "2"),
        ("%.3f", [.double(123.4999)], "123.500"),
        ("%.3f", [.double(123.4994)], "123.499"),
        ("%.3f", [.double(-123.4999)], "-123.500"),
        ("%.5f", [.double(-1.2)], "-1.20000"),
        ("%.2f", [.double(0.005)], "0.01"),
        ("%.1f", [.double(0.25)], "0.2"),
        ("%.2f", [.double(1e20)], "100000000000000000000.00"),
    ] as [(String, [FormatArgument], String)])
    func format(_ template: String, _ arguments: [FormatArgument], _ expected: String) throws {
        #expect(try S.format(template, arguments) == expected)
    }

    @Test func formatErrors() {
        #expect(throws: StringFunctionError.format("could not parse formatting clause: unrecognized formatting clause \"a\"")) {
            try S.format("%a", [.int(1)])
        }
        #expect(throws: StringFunctionError.self) { try S.format("%E", [.double(0.5)]) }
        #expect(throws: StringFunctionError.self) { try S.format("octal: %o", [.string("a string")]) }
        #expect(throws: StringFunctionError.self) { try S.format("double is %x", [.double(0.5)]) }
        #expect(throws: StringFunctionError.self) { try S.format("object is %s", [.other(typeName: "Message")]) }
        #expect(throws: StringFunctionError.self) { try S.format("%s", [.list([.int(1), .other(typeName: "Message")])]) }
        #expect(throws: StringFunctionError.self) { try S.format("null: %d", [.null]) }
        #expect(throws: StringFunctionError.self) { try S.format("null: %e", [.null]) }
        #expect(throws: StringFunctionError.self) { try S.format("%s %s", [.int(1)]) }
        #expect(throws: StringFunctionError.self) { try S.format("trailing %", [.int(1)]) }
        #expect(throws: StringFunctionError.self) { try S.format("%.999999999999f", [.double(1)]) }
    }
}
