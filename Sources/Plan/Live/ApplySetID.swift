import Crypto
import Foundation

/// The inventory shipshape keeps in a cluster, as a KEP-3659 ApplySet: per cluster of the
/// repository, a parent Secret named `ApplySetID.for(cluster:)` (in `kube-system` by default)
/// labelled `applyset.kubernetes.io/id: <id>`, and the label `applyset.kubernetes.io/part-of: <id>`
/// on every object the executor applies. The id is KEP-3659's, computed from the parent, so
/// kubectl's `--applyset` tooling recognises the set. Planning and applying agree through here.
public enum ApplySetID {
    /// Members carry this label; its value is the ApplySet id. The source of truth for pruning.
    public static let partOfLabel = "applyset.kubernetes.io/part-of"
    /// The parent object carries this label.
    public static let idLabel = "applyset.kubernetes.io/id"
    /// Parent annotation listing the member kinds (`Deployment.apps,Namespace`), as kubectl writes it.
    public static let containsGroupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds"
    /// Where the executor keeps parent Secrets unless told otherwise (it always exists).
    public static let defaultParentNamespace = "kube-system"

    /// The parent's name for a cluster: `applyset-` and the first 16 hex digits of SHA-256 over
    /// `shipshape/<cluster>`. One set per cluster, not per unit, so an object moving between
    /// units of a cluster stays in the set.
    public static func `for`(cluster name: String) -> String {
        "applyset-" + ContentDigest.hex(SHA256.hash(data: Array(("shipshape/" + name).utf8))).prefix(16)
    }

    /// KEP-3659's id of a parent: `applyset-` + unpadded base64url of SHA-256 over
    /// `<name>.<namespace>.<kind>.<group>` + `-v1` (kubectl's `ComputeApplySetID`).
    public static func kubectlID(parentName: String, namespace: String, kind: String = "Secret", group: String = "") -> String {
        let digest = Data(SHA256.hash(data: Array("\(parentName).\(namespace).\(kind).\(group)".utf8)))
        let encoded = digest.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "applyset-\(encoded)-v1"
    }

    /// The `part-of` label value of a cluster's members: the id of its parent Secret.
    public static func memberLabel(cluster name: String, parentNamespace: String = defaultParentNamespace) -> String {
        kubectlID(parentName: self.for(cluster: name), namespace: parentNamespace)
    }
}
