import Diagnostics
import Model
import SourceTree
import YAMLTree

/// A repository after the front-end: every YAML file parsed once, every object classified once.
/// All later stages read from here; nothing re-reads or re-parses a file.
public struct ParsedRepository: Sendable {
    public let tree: SourceTree
    public let classifier: FileClassifier
    public let files: [String: YAMLFile]
    /// Every Kubernetes object in parse order (file path, then document index).
    public let objects: [TypedObject]
    private let objectsByFile: [String: [TypedObject]]

    public init(tree: SourceTree, classifier: FileClassifier, files: [String: YAMLFile]) {
        self.tree = tree
        self.classifier = classifier
        self.files = files
        var objects: [TypedObject] = []
        var byFile: [String: [TypedObject]] = [:]
        for path in files.keys.sorted() {
            guard let file = files[path], classifier.role(of: path) == .manifest else { continue }
            let found = file.documents.compactMap { $0.root.flatMap(KubernetesObject.init) }.map(TypedObject.init)
            objects += found
            byFile[path] = found
        }
        self.objects = objects
        self.objectsByFile = byFile
    }

    public func objects(in file: String) -> [TypedObject] { objectsByFile[file] ?? [] }
}

extension TypedObject {
    /// The underlying object, whatever its type.
    public var object: KubernetesObject {
        switch self {
        case .fluxKustomization(let v): return v.object
        case .helmRelease(let v): return v.object
        case .fluxSource(let v): return v.object
        case .imageAutomation(let v): return v.object
        case .argoApplication(let v): return v.object
        case .argoSupporting(let v): return v.object
        case .customResourceDefinition(let v): return v.object
        case .namespace(let v): return v.object
        case .workload(let v): return v.object
        case .secret(let v): return v.object
        case .configMap(let v): return v.object
        case .generic(let v): return v
        }
    }
}
