import Testing
@testable import SourceTree

@Suite struct LinkResolverTests {
    private let tree = RawTree(entries: [
        "": .directory(["apps", "dirlink", "hop1", "hop2", "self", "top.yaml", "locked"]),
        "apps": .directory(["base"]),
        "apps/base": .directory(["a.yaml"]),
        "apps/base/a.yaml": .file,
        "dirlink": .symlink("apps/base"),
        "hop1": .symlink("hop2"),
        "hop2": .symlink("./apps/./base/a.yaml"),
        "self": .symlink("self"),
        "top.yaml": .file,
        "locked": .unreadable("Permission denied"),
    ])

    @Test(arguments: [
        ("top.yaml", "", LinkResolution.file("top.yaml")),
        ("../../top.yaml", "apps/base", .file("top.yaml")),
        ("dirlink/a.yaml", "", .file("apps/base/a.yaml")),
        ("../dirlink", "apps", .directory("apps/base")),
        ("dirlink/..", "", .directory("apps")),
        ("hop1", "", .file("apps/base/a.yaml")),
        ("..", "apps", .directory("")),
        ("../x", "", .escapes),
        ("apps/../../x", "", .escapes),
        ("/etc/passwd", "", .escapes),
        ("missing.yaml", "", .dangling),
        ("top.yaml/x", "", .dangling),
        ("", "", .dangling),
        (".git/config", "", .dangling),
        ("self", "", .loop),
        ("locked", "", .unreadable("Permission denied")),
    ])
    func resolves(target: String, directory: String, expected: LinkResolution) {
        #expect(tree.resolveLink(target: target, inDirectory: directory) == expected)
    }
}
