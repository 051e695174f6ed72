import SourceTree

/// Which units Flux or Argo CD would actually reconcile. A unit is live when it is a root (the
/// bootstrap Kustomization, an Application or HelmRelease nothing owns) or when a live unit
/// applies the file that defines it. Unit definitions kept in archives or unused folders are not.
enum Liveness {
    static func mark(_ units: inout [Unit]) {
        let fluxRoots = Set(units.indices.filter { i in
            units[i].kind == .fluxKustomization && units[i].parent == nil
                && (units[i].name == "flux-system" || units[i].members.contains { $0.file == units[i].object.file })
        })
        // Without a bootstrap Kustomization in the repository (Flux Operator, or bootstrap applied by
        // hand), the roots are the unowned Kustomizations that own others; unowned leaves beside a
        // tree are definitions nothing applies. A repository without any tree has only roots.
        let parents = Set(units.compactMap(\.parent))
        let treeRoots = Set(units.indices.filter { units[$0].kind == .fluxKustomization && units[$0].parent == nil && parents.contains($0) })
        var live = [Bool](repeating: false, count: units.count)
        for i in units.indices where units[i].parent == nil {
            switch units[i].kind {
            case .fluxKustomization:
                if !fluxRoots.isEmpty {
                    live[i] = fluxRoots.contains(i)
                } else {
                    live[i] = !isHidden(units[i].object.file) && (treeRoots.isEmpty || treeRoots.contains(i))
                }
            case .helmRelease, .argoApplication:
                live[i] = !isHidden(units[i].object.file)
            }
        }
        // Parents form chains; follow each to its root (bounded by the unit count against loops).
        for i in units.indices where units[i].parent != nil {
            var current = i
            var steps = 0
            while let parent = units[current].parent, steps <= units.count {
                current = parent
                steps += 1
            }
            live[i] = live[current] && steps <= units.count
        }
        for i in units.indices { units[i].isLive = live[i] }
    }

    static func isHidden(_ file: String) -> Bool {
        RepositoryPath.isHidden(RepositoryPath.parent(of: file))
    }
}
