import KubeClient
import Plan

/// What one unit's run produced.
struct UnitResult {
    var outcomes: [ObjectOutcome] = []
    var failure: ApplyFailure?
    var notAttempted: [NotAttempted] = []
}

/// Everything a unit run needs that is the same for every unit of a cluster.
struct RunContext {
    let api: KubeAPI
    let options: ApplyOptions
    let cluster: String
    let set: ApplySet
    let preflight: Preflight

    func emit(_ event: ProgressEvent) { options.progress?(event) }
}

/// Applies one unit: its objects in plan order, gate by gate. After a waited gate (Flux's
/// definitions and classes, Argo CD's waves) its objects must be Current before the next gate;
/// CRDs applied here are registered so their custom resources resolve before re-discovery.
/// Last, when the unit's policy waits, its objects (or health checks) must be Current.
struct UnitRunner {
    let context: RunContext
    let stage: Int

    func run(_ unit: PlanUnit) -> UnitResult {
        let options = context.options
        let timeout = Double(unit.wait.timeoutSeconds ?? Int(options.defaultTimeout))
        let applier = ObjectApplier(api: context.api, options: options, set: context.set, clock: options.clock, deletionTimeout: timeout)
        let waiter = ReadinessWaiter(api: context.api, clock: options.clock, interval: options.pollInterval)
        let objects = unit.objects.filter { $0.action != .prune }
        var result = UnitResult()
        var applied: [ObjectIdentity] = []
        var index = 0
        while index < objects.count {
            // One gate: the run of consecutive objects sharing a gate number.
            let gate = objects[index].gate
            var gateApplied: [ObjectIdentity] = []
            while index < objects.count, objects[index].gate == gate {
                let object = objects[index]
                index += 1
                let identity = ObjectIdentity(object)
                guard Self.isApplied(object, options: options) else {
                    record(ObjectOutcome(cluster: context.cluster, stage: stage, unit: unit.id, object: identity, action: .skipped,
                                         note: "\(object.role.rawValue) object; --include-unit-objects applies it"), into: &result)
                    continue
                }
                switch applier.apply(object, cluster: context.cluster, stage: stage, unit: unit.id,
                                     deferred: context.preflight.deferral(for: object)) {
                case .failure(let failure):
                    return failed(failure, unit: unit, remaining: Array(objects[index...]), result: result)
                case .success(let done):
                    record(ObjectOutcome(cluster: context.cluster, stage: stage, unit: unit.id, object: identity, action: done.action,
                                         resourceVersion: done.resourceVersion, note: done.note), into: &result)
                    applied.append(identity)
                    gateApplied.append(identity)
                    if object.kind == "CustomResourceDefinition", !options.dryRunServer {
                        context.api.register(RESTMapper.mappings(fromCRD: done.body))
                    }
                }
            }
            let gateWaited = objects[objects.index(before: index)].gateWaited
            if gateWaited, !options.dryRunServer, !gateApplied.isEmpty {
                context.emit(.waiting(cluster: context.cluster, stage: stage, unit: unit.id, objects: gateApplied.count))
                if let failure = check(waiter.wait(for: gateApplied, timeout: timeout), unit: unit, timeout: timeout) {
                    return failed(failure, unit: unit, remaining: Array(objects[index...]), result: result)
                }
            }
        }
        if unit.wait.waits, !options.dryRunServer {
            let targets = waitTargets(unit, applied: applied)
            if !targets.isEmpty {
                context.emit(.waiting(cluster: context.cluster, stage: stage, unit: unit.id, objects: targets.count))
                if let failure = check(waiter.wait(for: targets, timeout: timeout), unit: unit, timeout: timeout) {
                    return failed(failure, unit: unit, remaining: [], result: result)
                }
            }
        }
        context.emit(.unitFinished(cluster: context.cluster, stage: stage, unit: unit.id, succeeded: true))
        return result
    }

    /// Unit and source objects are structure unless asked for; HelmReleases are always applied,
    /// as helm-controller's input.
    static func isApplied(_ object: PlanObject, options: ApplyOptions) -> Bool {
        object.role == .object || options.includeUnitObjects || object.requires.contains(PlanBuilder.helmReleaseRequirement)
            || (object.kind == "HelmRelease" && object.group == "helm.toolkit.fluxcd.io")
    }

    /// A helm unit waits for its HelmRelease (helm-controller installs the chart); a unit that
    /// waits for all waits for what it applied; otherwise its health checks.
    func waitTargets(_ unit: PlanUnit, applied: [ObjectIdentity]) -> [ObjectIdentity] {
        if unit.engine == .helm {
            return [ObjectIdentity(apiVersion: unit.apiVersion, kind: unit.kind, namespace: unit.namespace, name: unit.name)]
        }
        if unit.wait.all || unit.wait.waves.count > 1 { return applied }
        return unit.wait.healthChecks.map { ObjectIdentity(apiVersion: $0.apiVersion, kind: $0.kind, namespace: $0.namespace, name: $0.name) }
    }

    private func check(_ outcome: ReadinessWaiter.Outcome, unit: PlanUnit, timeout: Double) -> ApplyFailure? {
        func list(_ items: [(ObjectIdentity, Readiness)]) -> String {
            items.map { "\($0.0) (\($0.1.description))" }.joined(separator: ", ")
        }
        switch outcome {
        case .ready:
            return nil
        case .failed(let items):
            return ApplyFailure(cluster: context.cluster, stage: stage, unit: unit.id, object: items.first?.0, reason: "Failed",
                                message: "not ready: \(list(items))")
        case .timedOut(let items):
            return ApplyFailure(cluster: context.cluster, stage: stage, unit: unit.id, object: items.first?.0, reason: "Timeout",
                                message: "timeout after \(Int(timeout))s waiting for: \(list(items))")
        case .error(let object, let error):
            let isSecret = SecretSafety.isSecret(kind: object.kind, apiVersion: object.apiVersion)
            return ApplyFailure(cluster: context.cluster, stage: stage, unit: unit.id, object: object,
                                reason: ObjectApplier.reason(error),
                                message: "cannot read it to check readiness: " + SecretSafety.message(error.description, isSecret: isSecret))
        }
    }

    private func record(_ outcome: ObjectOutcome, into result: inout UnitResult) {
        result.outcomes.append(outcome)
        context.emit(.objectApplied(outcome))
    }

    private func failed(_ failure: ApplyFailure, unit: PlanUnit, remaining: [PlanObject], result: UnitResult) -> UnitResult {
        var result = result
        result.failure = failure
        result.notAttempted = remaining.map {
            NotAttempted(cluster: context.cluster, stage: stage, unit: unit.id, object: ObjectIdentity($0))
        }
        context.emit(.failed(failure))
        context.emit(.unitFinished(cluster: context.cluster, stage: stage, unit: unit.id, succeeded: false))
        return result
    }
}
