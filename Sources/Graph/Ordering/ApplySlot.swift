/// Where one object falls in its unit's apply, in terms every engine shares: gates the engine
/// passes one after the other (a Flux stage, an Argo CD phase and wave), and steps inside a gate
/// that are written one after the other without waiting (equal steps are written concurrently).
public struct ApplySlot: Sendable, Hashable {
    /// 0-based index of the gate.
    public var gate: Int
    /// Whether the engine waits for this gate's objects to be ready before it starts the next gate.
    public var gateIsWaited: Bool
    /// 0-based step inside the gate.
    public var step: Int
    /// 0-based position in the unit's whole apply order.
    public var position: Int

    public init(gate: Int, gateIsWaited: Bool, step: Int, position: Int) {
        self.gate = gate
        self.gateIsWaited = gateIsWaited
        self.step = step
        self.position = position
    }
}

/// A unit's objects in the order its engine applies them.
public struct UnitApplyOrder: Sendable {
    public var unit: NodeID
    /// Every object the unit applies, in apply order; objects the engine never applies during a sync
    /// (Argo CD `Skip` hooks, Helm test hooks) are left out.
    public var objects: [NodeID]
    public var slots: [NodeID: ApplySlot]

    public init(unit: NodeID, objects: [NodeID] = [], slots: [NodeID: ApplySlot] = [:]) {
        self.unit = unit
        self.objects = objects
        self.slots = slots
    }

    /// Builds slots from objects already in order, each with its gate, whether that gate is waited,
    /// and a key that is equal for neighbours written concurrently.
    init(unit: NodeID, ordered: [(id: NodeID, gate: Int, waited: Bool, concurrencyKey: String)]) {
        self.unit = unit
        objects = ordered.map(\.id)
        slots = [:]
        var step = 0
        for (index, entry) in ordered.enumerated() {
            if index > 0 {
                let previous = ordered[index - 1]
                if previous.gate != entry.gate {
                    step = 0
                } else if previous.concurrencyKey != entry.concurrencyKey || entry.concurrencyKey.isEmpty {
                    step += 1
                }
            }
            slots[entry.id] = ApplySlot(gate: entry.gate, gateIsWaited: entry.waited, step: step, position: index)
        }
    }

    /// The unit's objects in order, computed by the model of the unit's engine.
    static func compute(unit: GraphNode, objects: [GraphNode]) -> UnitApplyOrder {
        switch Engine(unit.role) {
        case .flux, nil: FluxApplyOrder.applyOrder(unit: unit.id, objects: objects)
        case .helm: HelmInstallOrder.applyOrder(unit: unit.id, objects: objects)
        case .argo:
            ArgoSyncOrder.applyOrder(unit: unit.id, objects: objects,
                                     destinationNamespace: unit.spec("destination", "namespace")?.text)
        }
    }
}
