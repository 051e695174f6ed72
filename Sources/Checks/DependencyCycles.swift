import Diagnostics
import Model
import Units

/// Finds dependsOn cycles with Tarjan's algorithm (linear in units and edges) and reports each
/// strongly connected component once, printing one whole cycle through it.
struct DependencyCycles {
    let units: UnitGraph
    let edges: [Int: [(target: Int, ref: ObjectRef)]]

    func diagnostics() -> [Diagnostic] {
        components().compactMap(report)
    }

    private func components() -> [[Int]] {
        var index = 0
        var indices: [Int: Int] = [:], lowlinks: [Int: Int] = [:]
        var stack: [Int] = [], onStack: Set<Int> = []
        var result: [[Int]] = []
        // Iterative DFS: dependency chains in large monorepos must not overflow the call stack.
        for start in edges.keys.sorted() where indices[start] == nil {
            var work: [(node: Int, next: Int)] = [(start, 0)]
            indices[start] = index; lowlinks[start] = index; index += 1
            stack.append(start); onStack.insert(start)
            while let (node, next) = work.last {
                let out = edges[node] ?? []
                if next < out.count {
                    work[work.count - 1].next += 1
                    let target = out[next].target
                    if indices[target] == nil {
                        indices[target] = index; lowlinks[target] = index; index += 1
                        stack.append(target); onStack.insert(target)
                        work.append((target, 0))
                    } else if onStack.contains(target) {
                        lowlinks[node] = min(lowlinks[node]!, indices[target]!)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowlinks[parent] = min(lowlinks[parent]!, lowlinks[node]!) }
                if lowlinks[node] == indices[node] {
                    var component: [Int] = []
                    while let top = stack.popLast() {
                        onStack.remove(top)
                        component.append(top)
                        if top == node { break }
                    }
                    let selfLoop = component.count == 1 && (edges[node] ?? []).contains { $0.target == node }
                    if component.count > 1 || selfLoop { result.append(component.sorted()) }
                }
            }
        }
        return result
    }

    /// Walks from the component's first unit along edges inside it until a unit repeats.
    private func report(_ component: [Int]) -> Diagnostic? {
        let members = Set(component)
        guard let first = component.first else { return nil }
        var path: [(unit: Int, ref: ObjectRef)] = []
        var position: [Int: Int] = [:]
        var current = first
        while position[current] == nil {
            position[current] = path.count
            guard let edge = (edges[current] ?? []).first(where: { members.contains($0.target) }) else { return nil }
            path.append((current, edge.ref))
            current = edge.target
        }
        let cycle = Array(path[position[current]!...])
        let names = cycle.map { units.units[$0.unit].name } + [units.units[current].name]
        let head = cycle[0]
        let unit = units.units[head.unit]
        let related = cycle.dropFirst().map {
            RelatedLocation($0.ref.location, "\(units.units[$0.unit].name) depends on \($0.ref.name) here")
        }
        return Diagnostic(rule: .dependsOnCycle,
                          message: "dependsOn cycle: \(names.joined(separator: " -> "))",
                          at: head.ref.location, object: unit.object.reference, unit: unit.reference, related: related,
                          fix: "remove one dependsOn entry of the cycle")
    }
}
