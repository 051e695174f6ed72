/// What changes between the plans of two revisions (`shipshape plan --base REV`): units and
/// objects added, changed (with a unified diff of their YAML, Secret values masked) and removed,
/// and order changes: units that move to another stage, objects that move to another unit.
public struct PlanDiff: Sendable, Equatable {
    public enum Change: String, Sendable, CaseIterable, Comparable {
        case added, changed, moved, removed

        public static func < (lhs: Change, rhs: Change) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    public struct UnitChange: Sendable, Equatable {
        public var cluster: String
        public var unit: String
        public var displayName: String
        /// `added`, `removed`, or `moved` to another stage.
        public var change: Change
        public var baseStage: Int?
        public var headStage: Int?
    }

    public struct ObjectChange: Sendable, Equatable {
        public var cluster: String
        /// group/kind/namespace/name.
        public var key: String
        public var displayName: String
        public var change: Change
        public var baseUnit: String?
        public var headUnit: String?
        public var baseStage: Int?
        public var headStage: Int?
        /// A changed object that also moved to another unit.
        public var alsoMoved: Bool
        /// Unified diff of the rendered YAML (Secret values masked); for `changed` only.
        public var diff: String
        public var linesAdded: Int
        public var linesRemoved: Int
    }

    public var base: PlanSource
    public var head: PlanSource
    public var clustersAdded: [String]
    public var clustersRemoved: [String]
    public var units: [UnitChange]
    public var objects: [ObjectChange]

    public var isEmpty: Bool { clustersAdded.isEmpty && clustersRemoved.isEmpty && units.isEmpty && objects.isEmpty }

    public func count(_ change: Change) -> Int { objects.filter { $0.change == change }.count }

    /// Compares two plans. Units are matched by cluster and id, objects by cluster, group, kind,
    /// namespace and name (an apiVersion bump is a change, not a replacement).
    public static func compare(base: PlanDocument, head: PlanDocument) -> PlanDiff {
        let baseClusters = Set(base.clusters.map(\.name)), headClusters = Set(head.clusters.map(\.name))
        var units: [UnitChange] = []
        var objects: [ObjectChange] = []
        for name in baseClusters.union(headClusters).sorted() {
            let old = Placements(base.clusters.first { $0.name == name })
            let new = Placements(head.clusters.first { $0.name == name })
            for id in Set(old.units.keys).union(new.units.keys).sorted() {
                let before = old.units[id], after = new.units[id]
                let display = (after ?? before)?.unit.displayName ?? id
                switch (before, after) {
                case (nil, let after?): units.append(UnitChange(cluster: name, unit: id, displayName: display, change: .added, headStage: after.stage))
                case (let before?, nil): units.append(UnitChange(cluster: name, unit: id, displayName: display, change: .removed, baseStage: before.stage))
                case (let before?, let after?) where before.stage != after.stage:
                    units.append(UnitChange(cluster: name, unit: id, displayName: display, change: .moved,
                                            baseStage: before.stage, headStage: after.stage))
                default: break
                }
            }
            for key in Set(old.objects.keys).union(new.objects.keys).sorted() {
                if let change = objectChange(cluster: name, key: key, before: old.objects[key], after: new.objects[key]) {
                    objects.append(change)
                }
            }
        }
        return PlanDiff(base: base.source, head: head.source,
                        clustersAdded: headClusters.subtracting(baseClusters).sorted(),
                        clustersRemoved: baseClusters.subtracting(headClusters).sorted(),
                        units: units, objects: objects)
    }

    private static func objectChange(cluster: String, key: String, before: Placements.Object?, after: Placements.Object?) -> ObjectChange? {
        let display = (after ?? before)?.object.displayName ?? key
        var change = ObjectChange(cluster: cluster, key: key, displayName: display, change: .changed,
                                  baseUnit: before?.unit, headUnit: after?.unit, baseStage: before?.stage, headStage: after?.stage,
                                  alsoMoved: false, diff: "", linesAdded: 0, linesRemoved: 0)
        guard let before, let after else {
            change.change = before == nil ? .added : .removed
            return change
        }
        let moved = before.unit != after.unit
        guard before.object.contentHash != after.object.contentHash else {
            guard moved else { return nil }
            change.change = .moved
            return change
        }
        change.alsoMoved = moved
        let old = yaml(before.object.manifest, comparedWith: nil)
        let new = yaml(after.object.manifest, comparedWith: before.object.manifest)
        change.diff = UnifiedDiff.render(old: old, new: new, oldName: "base/\(key)", newName: "head/\(key)")
        let counts = UnifiedDiff.counts(old: old, new: new)
        (change.linesAdded, change.linesRemoved) = (counts.added, counts.removed)
        return change
    }

    /// Masked YAML: the base side masks every Secret value alike; the head side marks the values
    /// that differ from the base, so a diff names changed keys and never their values.
    static func yaml(_ manifest: PlanJSON?, comparedWith base: PlanJSON?) -> String {
        guard let manifest else { return "" }
        let masked = SecretMasking.masked(manifest, comparedWith: base)
        return ManifestConversion.yaml(masked) ?? masked.pretty()
    }
}

/// Where each unit and object of one cluster's plan sits.
private struct Placements {
    struct Unit { var unit: PlanUnit; var stage: Int }
    struct Object { var object: PlanObject; var unit: String; var stage: Int }

    var units: [String: Unit] = [:]
    var objects: [String: Object] = [:]

    init(_ cluster: PlanCluster?) {
        for stage in cluster?.stages ?? [] {
            for unit in stage.units {
                units[unit.id] = Unit(unit: unit, stage: stage.index)
                for object in unit.objects where objects[object.key] == nil {
                    objects[object.key] = Object(object: object, unit: unit.id, stage: stage.index)
                }
            }
        }
    }
}
