import KubeClient
import Plan

/// Server-side applies one object and classifies the result from the server's answers: created
/// (nothing was there), unchanged (the resourceVersion did not move) or configured.
struct ObjectApplier {
    struct Applied {
        var action: ObjectAction
        var resourceVersion: String?
        var note: String?
        /// The body that was sent (for CRD mappings).
        var body: JSON
    }

    let api: KubeAPI
    let options: ApplyOptions
    let set: ApplySet
    let clock: ExecutorClock
    /// How long a recreate waits for the old object to go.
    let deletionTimeout: Double

    func apply(_ object: PlanObject, cluster: String, stage: Int, unit: String,
               deferred: String?) -> Result<Applied, ApplyFailure> {
        let identity = ObjectIdentity(object)
        let isSecret = SecretSafety.isSecret(kind: object.kind, apiVersion: object.apiVersion)
        func failure(_ reason: String, _ message: String, conflicts: [FieldConflict] = []) -> ApplyFailure {
            ApplyFailure(cluster: cluster, stage: stage, unit: unit, object: identity, reason: reason,
                         message: SecretSafety.message(message, isSecret: isSecret), conflicts: conflicts)
        }
        guard let manifest = object.manifest else { return .failure(failure("NoManifest", "the plan holds no manifest for it")) }
        let body = set.labelled(ManifestJSON.json(manifest))
        // A dry run cannot reach an object whose namespace or CRD this plan creates: it would create it.
        if options.dryRunServer, let deferred {
            return .success(Applied(action: .created, note: "not sent: \(deferred)", body: body))
        }
        do {
            let live = try Relist.retrying { () throws(KubeError) in try api.get(identity.ref) }
            do {
                let result = try api.apply(body, fieldManager: Executor.fieldManager, force: options.forceConflicts,
                                           dryRun: options.dryRunServer)
                return .success(Applied(action: Self.action(live: live, result: result, dryRun: options.dryRunServer),
                                        resourceVersion: options.dryRunServer ? nil : result.resourceVersion, body: body))
            } catch where error.isImmutableField {
                guard options.forceRecreate else {
                    return .failure(failure("Immutable", Self.describe(error) + " (--force-recreate deletes and recreates it)"))
                }
                return try recreate(identity, body: body, live: live).mapError { failure("Immutable", $0.message) }
            }
        } catch where error.kind == .fieldConflict {
            return .failure(failure("FieldManagerConflict", Self.describe(error) + " (--force-conflicts takes the fields over)",
                                    conflicts: error.fieldConflicts))
        } catch {
            return .failure(failure(Self.reason(error), Self.describe(error)))
        }
    }

    /// Deletes the object, waits until it is gone, and applies it again.
    private func recreate(_ identity: ObjectIdentity, body: JSON, live: JSON?) throws(KubeError) -> Result<Applied, RecreateFailure> {
        if options.dryRunServer {
            return .success(Applied(action: .recreated, note: "would be deleted and recreated (immutable field)", body: body))
        }
        let uid = live?[path: "metadata", "uid"]?.string
        _ = try api.delete(identity.ref, propagation: .background, preconditionUID: uid)
        let deadline = clock.now() + deletionTimeout
        while try api.get(identity.ref) != nil {
            guard clock.now() < deadline else {
                return .failure(RecreateFailure(message: "deleted to recreate it, but it was still there after \(Int(deletionTimeout))s (finalizers?)"))
            }
            clock.sleep(min(options.pollInterval, max(0, deadline - clock.now())))
        }
        let result = try api.apply(body, fieldManager: Executor.fieldManager, force: options.forceConflicts)
        return .success(Applied(action: .recreated, resourceVersion: result.resourceVersion,
                                note: "an immutable field changed: deleted and recreated", body: body))
    }

    static func action(live: JSON?, result: AppliedObject, dryRun: Bool) -> ObjectAction {
        guard let live else { return .created }
        if dryRun { return comparable(live) == comparable(result.object) ? .unchanged : .configured }
        let before = live[path: "metadata", "resourceVersion"]?.string ?? ""
        if !before.isEmpty, !result.resourceVersion.isEmpty { return before == result.resourceVersion ? .unchanged : .configured }
        return comparable(live) == comparable(result.object) ? .unchanged : .configured
    }

    /// The object without what the server changes on every write.
    static func comparable(_ object: JSON) -> JSON {
        var copy = object
        guard var metadata = copy["metadata"] else { return copy }
        for field in ["managedFields", "resourceVersion", "generation", "creationTimestamp", "uid"] { metadata[field] = nil }
        copy["metadata"] = metadata
        return copy
    }

    /// The Status reason when the server gave one, else the client's classification.
    static func reason(_ error: KubeError) -> String {
        if let reason = error.status?.reason, !reason.isEmpty { return reason }
        switch error.kind {
        case .transport: return "Transport" + (error.transport.map { "(\($0.rawValue))" } ?? "")
        case .unknownKind: return "UnknownKind"
        default: return error.kind.rawValue.prefix(1).uppercased() + error.kind.rawValue.dropFirst()
        }
    }

    static func describe(_ error: KubeError) -> String { error.description }
}

struct RecreateFailure: Error {
    var message: String
}
