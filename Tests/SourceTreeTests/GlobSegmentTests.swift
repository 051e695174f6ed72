import Testing
@testable import SourceTree

@Suite struct GlobSegmentTests {
    @Test(arguments: [
        ("*", "", true),
        ("*", "anything", true),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXbYY", false),
        ("*.yaml", ".yaml", true),
        ("*.yaml", "x.yml", false),
        ("?", "é", true),
        ("??", "é", false),
        ("[]]", "]", true),
        ("[^x]", "y", true),
        ("[^x]", "x", false),
        ("[0-9][0-9]", "42", true),
        ("[0-9][0-9]", "4a", false),
        ("\\*", "*", true),
        ("\\*", "x", false),
        ("[abc", "a", false),
        ("**", "deep", true),
        ("literal", "literal", true),
        ("literal", "Literal", false),
    ])
    func matches(pattern: String, name: String, expected: Bool) {
        #expect(GlobSegment(pattern).matches(name) == expected)
    }

    @Test func recognisesDoubleStars() {
        #expect(GlobSegment("**").isDoubleStar)
        #expect(!GlobSegment("a**").isDoubleStar)
        #expect(GlobSegment("a**").containsDoubleStar)
        #expect(GlobSegment("").isEmpty)
    }
}
