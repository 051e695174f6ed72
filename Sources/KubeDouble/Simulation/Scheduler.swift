import Foundation

/// Controller work the double performs later: status progression, CRD establishment,
/// finalizers completing, namespaces finishing termination.
struct ScheduledTask: Sendable {
    enum Action: Sendable {
        /// Write the kind's "ready" (or failed/stuck) status for this generation.
        case progress(generation: Int)
        case establish
        case finalize
        case loadBalancer
    }

    var due: Date
    var sequence: Int
    var key: ObjectKey
    var uid: String
    var action: Action
}

extension APIState {
    func schedule(_ action: ScheduledTask.Action, key: ObjectKey, after delay: TimeInterval) {
        guard delay.isFinite, let uid = objects[key]?.uid else { return }
        taskCounter += 1
        let task = ScheduledTask(due: now.addingTimeInterval(max(0, delay)), sequence: taskCounter, key: key, uid: uid, action: action)
        // Kept sorted by due time (sequence breaks ties, and grows), so advancing only looks at the front.
        var low = 0
        var high = scheduled.count
        while low < high {
            let middle = (low + high) / 2
            if scheduled[middle].due <= task.due { low = middle + 1 } else { high = middle }
        }
        scheduled.insert(task, at: low)
    }

    /// The earliest pending task's due time (watches sleep until then).
    var nextDue: Date? { scheduled.first?.due }

    /// Runs every task that is due, in due order (ties in scheduling order).
    func advance() {
        while let first = scheduled.first, first.due <= now {
            let task = scheduled.removeFirst()
            // A task belongs to one incarnation of an object: a recreated object has a new uid.
            guard let object = objects[task.key], object.uid == task.uid else { continue }
            switch task.action {
            case .progress(let generation):
                guard object.generation == generation else { continue }
                writeStatus(key: task.key, ready: true)
            case .establish:
                establish(crdKey: task.key)
            case .finalize:
                finishDeletion(task.key)
            case .loadBalancer:
                assignLoadBalancer(task.key)
            }
        }
    }

    func progressionKey(kind: String, namespace: String, name: String) -> String { "\(kind)/\(namespace)/\(name)" }

    func progression(for key: ObjectKey, kind: String) -> KubeAPIDouble.Progression {
        progressions[progressionKey(kind: kind, namespace: key.namespace, name: key.name)] ?? .normal
    }

    /// Reacts to a stored write the way controllers would.
    func didWrite(key: ObjectKey, created: Bool, specChanged: Bool) {
        guard let object = objects[key] else { return }
        let type = object.type
        if type.group == "apiextensions.k8s.io", type.kind == "CustomResourceDefinition" {
            if created {
                crdCreated(crdKey: key)
                schedule(.establish, key: key, after: options.crdEstablishDelay)
            } else {
                refreshCustomTypes(crdKey: key)
            }
            return
        }
        let progression = progression(for: key, kind: type.kind)
        if type.group.isEmpty, type.kind == "Service", object.body.value(at: ["spec", "type"])?.stringValue == "LoadBalancer",
            object.body.value(at: ["status", "loadBalancer", "ingress"]) == nil
        {
            schedule(.loadBalancer, key: key, after: progression == .never ? .infinity : options.loadBalancerDelay)
        }
        guard specChanged, StatusProgression.isProgressed(type) else { return }
        // Controllers see the new generation at once; readiness (or failure) comes later.
        writeStatus(key: key, ready: false)
        let generation = objects[key]?.generation ?? 0
        let delay: TimeInterval
        switch progression {
        case .never: delay = .infinity
        case .after(let seconds): delay = seconds
        case .normal, .fail: delay = StatusProgression.defaultDelay(type, options: options)
        }
        if !(options.noNodes && StatusProgression.needsNodes(type)) {
            schedule(.progress(generation: generation), key: key, after: delay)
        }
    }

    func writeStatus(key: ObjectKey, ready: Bool) {
        guard var object = objects[key] else { return }
        let failing = progression(for: key, kind: object.type.kind) == .fail
        guard let status = StatusProgression.status(
            for: object, ready: ready && !failing, failed: ready && failing, options: options, time: timestamp)
        else { return }
        var merged = object.body["status"] ?? .object([:])
        merged = APIState.merge(merged, status)
        guard merged != object.body["status"] else { return }
        object.body.setValue(merged, at: ["status"])
        commit(object, key: key, event: "MODIFIED")
    }

    private func assignLoadBalancer(_ key: ObjectKey) {
        guard var object = objects[key], object.body.value(at: ["status", "loadBalancer", "ingress"]) == nil else { return }
        let address = "192.0.2.\(min(254, (clusterIPCounter % 254) + 1))"
        object.body.setValue([["ip": .string(address), "ipMode": "VIP"]], at: ["status", "loadBalancer", "ingress"])
        commit(object, key: key, event: "MODIFIED")
    }
}
