import Testing
import SourceTree

@Suite struct RepositoryPathTests {
    @Test(arguments: [
        ("../base", "apps/prod", "apps/base"),
        ("./deployment.yaml", "apps/base", "apps/base/deployment.yaml"),
        ("a//b/./c/", "", "a/b/c"),
        ("", "apps", "apps"),
        ("..", "apps", ""),
        ("x/../y", "", "y"),
        ("../../z", "a/b", "z"),
    ])
    func resolves(reference: String, directory: String, expected: String) {
        #expect(RepositoryPath.resolve(reference, relativeTo: directory) == .success(expected))
    }

    @Test(arguments: [("../x", ""), ("../../x", "apps"), ("/etc/passwd", "apps"), ("a/../../..", "b")])
    func refusesToLeaveTheRoot(reference: String, directory: String) {
        #expect(RepositoryPath.resolve(reference, relativeTo: directory) == .failure(.outsideRoot(reference)))
    }

    @Test func parentAndJoin() {
        #expect(RepositoryPath.parent(of: "apps/base/kustomization.yaml") == "apps/base")
        #expect(RepositoryPath.parent(of: "README.md") == "")
        #expect(RepositoryPath.parent(of: "") == "")
        #expect(RepositoryPath.join("apps", "base") == "apps/base")
        #expect(RepositoryPath.join("", "base") == "base")
        #expect(RepositoryPath.join("apps", "") == "apps")
        #expect(RepositoryPath.join("apps/", "/base") == "apps/base")
    }
}
