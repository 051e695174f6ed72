// swift-tools-version:6.0
import PackageDescription

// One module per pipeline stage: source tree -> YAML front-end -> object model -> units
// -> checks -> reports, driven by Lint and exposed through the thin `shipshape` executable.
let package = Package(
    name: "shipshape",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shipshape", targets: ["shipshape"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        .target(name: "Diagnostics"),
        .target(name: "SourceTree", dependencies: ["Diagnostics", "CGit2"]),
        .target(name: "YAMLTree", dependencies: ["Diagnostics", "CLibYAML"]),
        .target(name: "Model", dependencies: ["Diagnostics", "YAMLTree"]),
        .target(name: "Units", dependencies: ["Diagnostics", "SourceTree", "YAMLTree", "Model"]),
        .target(name: "Checks", dependencies: ["Diagnostics", "SourceTree", "YAMLTree", "Model", "Units"]),
        .target(name: "Reports", dependencies: ["Diagnostics"]),
        .target(name: "Rendering", dependencies: [
            "Diagnostics", "SourceTree", "YAMLTree", "CLibYAML",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Clusters", dependencies: ["Diagnostics", "SourceTree", "YAMLTree", "Model", "Rendering"]),
        .target(name: "Graph", dependencies: ["Diagnostics", "SourceTree", "Rendering", "Clusters"]),
        .target(name: "CEL", dependencies: ["CPCRE2"]),
        .target(name: "KubeClient", dependencies: ["CCurl", "Rendering"]),
        .target(name: "KubeDouble", dependencies: []),
        .target(name: "Plan", dependencies: [
            "Diagnostics", "SourceTree", "Rendering", "Clusters", "Graph", "KubeClient", "CGit2",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Executor", dependencies: ["Plan", "KubeClient", "Rendering", "SourceTree", "CGit2"]),
        .target(name: "SOPS", dependencies: [
            "Diagnostics", "SourceTree", "Rendering", "CEL",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Policy", dependencies: ["CEL", "Rendering", "Clusters", "Diagnostics", "SourceTree"]),
        .target(name: "Lint", dependencies: ["Diagnostics", "SourceTree", "YAMLTree", "Model", "Units", "Checks", "Reports", "Rendering", "Clusters", "Graph", "SOPS", "Policy"]),
        .executableTarget(name: "shipshape", dependencies: [
            "Lint", "Reports", "Diagnostics", "Rendering", "Clusters", "Graph", "SOPS", "Plan", "KubeClient", "Executor", "SourceTree", "Policy",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "ShipshapeBench", dependencies: ["Lint", "YAMLTree", "SourceTree", "CLibYAML", "Rendering", "Clusters", "Graph", "Policy", "SOPS", "Plan", "KubeClient", "KubeDouble", "Executor"]),

        .testTarget(name: "SystemLibraryTests", dependencies: ["CLibYAML", "CPCRE2", "CGit2", "CCurl"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "SourceTreeTests", dependencies: ["SourceTree", "Diagnostics", "CGit2"]),
        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree", "Diagnostics"]),
        .testTarget(name: "ModelTests", dependencies: ["Model", "YAMLTree"]),
        .testTarget(name: "UnitsTests", dependencies: ["Units", "Model", "SourceTree", "YAMLTree", "Diagnostics"]),
        .testTarget(name: "ChecksTests", dependencies: ["Checks", "Lint", "Diagnostics", "Reports", "SourceTree"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Diagnostics"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "YAMLTree", "SourceTree", "Diagnostics"]),
        .testTarget(name: "ClustersTests", dependencies: ["Clusters", "Rendering", "SourceTree", "Diagnostics"]),
        .testTarget(name: "CELTests", dependencies: ["CEL"]),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "KubeDouble", "Rendering"]),
        .testTarget(name: "ExecutorTests", dependencies: ["Executor", "Plan", "KubeClient", "KubeDouble", "Graph", "Clusters", "Rendering", "SourceTree"]),
        .testTarget(name: "PlanTests", dependencies: ["Plan", "KubeClient", "KubeDouble", "Graph", "Clusters", "Rendering", "SourceTree"]),
        .testTarget(name: "SOPSTests", dependencies: ["SOPS", "Rendering", "SourceTree", "Diagnostics"]),
        .testTarget(name: "GraphTests", dependencies: ["Graph", "Clusters", "Rendering", "SourceTree", "Diagnostics"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "CEL", "Rendering", "Diagnostics"]),
        .testTarget(name: "LintTests", dependencies: ["Lint", "Diagnostics", "Reports", "SourceTree"]),
    ],
    swiftLanguageModes: [.v6]
)
