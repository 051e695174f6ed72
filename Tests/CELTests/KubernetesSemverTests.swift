import Testing
@testable import CEL

@Suite struct KubernetesSemverTests {
    private func semver(_ text: String, normalizing: Bool = false) throws -> KubernetesSemver {
        try KubernetesSemver(parsing: text, normalizing: normalizing)
    }

    @Test func parsesComponents() throws {
        let version = try semver("1.2.3-rc.1+build.5")
        #expect(version.major == 1)
        #expect(version.minor == 2)
        #expect(version.patch == 3)
        #expect(version.prerelease == [.alphanumeric("rc"), .numeric(1)])
        #expect(version.build == ["build", "5"])
        #expect(version.description == "1.2.3-rc.1+build.5")
    }

    @Test(arguments: ["1.0.0", "0.0.0", "1.2.3-alpha", "1.2.3-0.3.7", "1.2.3-x-y-z.--", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85"])
    func acceptsStrictSemver(_ text: String) {
        #expect(KubernetesSemver.isValid(text), "\(text)")
    }

    @Test(arguments: ["", "1", "1.0", "v1.0.0", "01.0.0", "1.01.0", "1.0.01", "1.0.0-01", "1.0.0-", "1.0.0+", "1.0.0-a..b",
                      "1.0.0+a..b", "1.0.0-a_b", "a.b.c", "1.0.0 ", "-1.0.0", "1..0", "99999999999999999999.0.0"])
    func rejectsInvalidSemver(_ text: String) {
        #expect(!KubernetesSemver.isValid(text), "\(text)")
    }

    @Test func normalises() throws {
        #expect(try semver("v1.2.3", normalizing: true).description == "1.2.3")
        #expect(try semver("1", normalizing: true).description == "1.0.0")
        #expect(try semver("v1.2", normalizing: true).description == "1.2.0")
        #expect(try semver("01.02.03", normalizing: true).description == "1.2.3")
        #expect(try semver("1.00.0", normalizing: true).description == "1.0.0")
        #expect(!KubernetesSemver.isValid("1.2-rc", normalizing: true))
        #expect(!KubernetesSemver.isValid("vv1.2.3", normalizing: true))
    }

    @Test func ordersByPrecedence() throws {
        let ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                       "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"]
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            #expect(try semver(lower) < semver(higher), "\(lower) < \(higher)")
            #expect(try semver(higher).compare(to: semver(lower)) == 1)
        }
        #expect(try semver("1.0.0+a") == semver("1.0.0+b"))
        #expect(try semver("1.2.3").compare(to: semver("1.2.3")) == 0)
    }
}
