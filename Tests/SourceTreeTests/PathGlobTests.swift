import Testing
@testable import SourceTree

@Suite struct PathGlobTests {
    @Test(arguments: [
        // A pattern without a slash matches a name at any depth, and everything under it.
        ("*.md", "README.md", true),
        ("*.md", "docs/guide/intro.md", true),
        ("*.md", "docs/md", false),
        ("vendor", "vendor/chart/values.yaml", true),
        ("vendor", "apps/vendor/x.yaml", true),
        ("vendor", "vendored/x.yaml", false),
        // A slash anchors to the root; `*` stays within one segment.
        ("apps/*.yaml", "apps/a.yaml", true),
        ("apps/*.yaml", "apps/prod/a.yaml", false),
        ("apps/*.yaml", "x/apps/a.yaml", false),
        ("/apps", "apps/a.yaml", true),
        ("/apps", "x/apps/a.yaml", false),
        ("apps/prod", "apps/prod/deep/file.yaml", true),
        // `**` spans any number of segments, including none.
        ("**/test/*.yaml", "test/a.yaml", true),
        ("**/test/*.yaml", "a/b/test/a.yaml", true),
        ("apps/**/secret.yaml", "apps/secret.yaml", true),
        ("apps/**/secret.yaml", "apps/a/b/c/secret.yaml", true),
        ("apps/**/secret.yaml", "apps/a/b/c/public.yaml", false),
        ("apps/**", "apps/x/y.yaml", true),
        ("apps/**", "other/x.yaml", false),
        // `?` and classes match exactly one character.
        ("app?.yaml", "app1.yaml", true),
        ("app?.yaml", "app10.yaml", false),
        ("env-[abc].yaml", "env-b.yaml", true),
        ("env-[abc].yaml", "env-d.yaml", false),
        ("env-[!abc].yaml", "env-d.yaml", true),
        ("env-[a-c].yaml", "env-c.yaml", true),
        // A trailing slash means directories only: it matches what is under one.
        ("build/", "build/out.yaml", true),
        ("build/", "build", false),
        ("./apps/prod", "apps/prod/a.yaml", true),
        ("", "anything", false),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(PathGlob(pattern).matches(path) == expected)
    }

    @Test func directoryOnlyPatternMatchesTheDirectoryItselfWhenToldItIsOne() {
        let glob = PathGlob("build/")
        #expect(glob.matches("build", isDirectory: true))
        #expect(!glob.matches("build", isDirectory: false))
        #expect(glob.pattern == "build/")
    }
}
