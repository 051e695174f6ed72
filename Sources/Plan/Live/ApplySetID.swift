import Crypto

/// The inventory shipshape keeps in a cluster, as a KEP-3659 ApplySet: the executor labels every
/// object it applies with `applyset.kubernetes.io/part-of: <id>` and keeps a parent object labelled
/// `applyset.kubernetes.io/id: <id>`. Planning and applying agree on the id through this function.
public enum ApplySetID {
    /// Members carry this label; its value is the ApplySet id. The source of truth for pruning.
    public static let partOfLabel = "applyset.kubernetes.io/part-of"
    /// The parent object carries this label.
    public static let idLabel = "applyset.kubernetes.io/id"
    /// Parent annotation listing the member kinds (`Deployment.apps,Namespace`), as kubectl writes it.
    public static let containsGroupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds"

    /// `applyset-` and the first 16 hex digits of SHA-256 over `shipshape/<cluster>`.
    ///
    /// One id per cluster of the repository (not per unit): an object moving between units of
    /// the same cluster stays in the set, and the id is a valid label value (≤ 63 characters)
    /// whatever the cluster is called.
    public static func `for`(cluster name: String) -> String {
        let digest = ContentDigest.hex(SHA256.hash(data: Array(("shipshape/" + name).utf8)))
        return "applyset-" + digest.prefix(16)
    }
}
