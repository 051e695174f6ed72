/// Cycles of a directed graph, found without recursion so that deep dependency chains cannot
/// exhaust the stack, and without looping on the cycles themselves.
enum CycleFinder {
    /// One cycle per strongly connected component that has one (a self-loop counts), written as a
    /// path starting at the component's smallest node: `[a, b, c]` means a → b → c → a. Sorted.
    static func cycles(nodes: [NodeID], successors: [NodeID: [NodeID]]) -> [[NodeID]] {
        cyclicComponents(nodes: nodes, successors: successors).map(\.cycle)
    }

    /// The components that contain a cycle, each with every member and one shortest cycle.
    static func cyclicComponents(nodes: [NodeID], successors: [NodeID: [NodeID]]) -> [(members: [NodeID], cycle: [NodeID])] {
        components(nodes: nodes, successors: successors).compactMap { component -> (members: [NodeID], cycle: [NodeID])? in
            guard let start = component.min() else { return nil }
            if component.count == 1 {
                return successors[start, default: []].contains(start) ? (component, [start]) : nil
            }
            return (component, shortestCycle(through: start, within: Set(component), successors: successors))
        }.sorted { $0.cycle.lexicographicallyPrecedes($1.cycle) }
    }

    /// Tarjan's strongly connected components, iteratively.
    static func components(nodes: [NodeID], successors: [NodeID: [NodeID]]) -> [[NodeID]] {
        var index: [NodeID: Int] = [:]
        var lowlink: [NodeID: Int] = [:]
        var onStack: Set<NodeID> = []
        var stack: [NodeID] = []
        var result: [[NodeID]] = []
        var counter = 0
        let ordered = successors.mapValues { $0.sorted() }

        for root in nodes.sorted() where index[root] == nil {
            // Each frame: the node and how many of its successors were already visited.
            var frames: [(node: NodeID, next: Int)] = [(root, 0)]
            index[root] = counter; lowlink[root] = counter; counter += 1
            stack.append(root); onStack.insert(root)
            while let frame = frames.last {
                let next = ordered[frame.node, default: []]
                if frame.next < next.count {
                    frames[frames.count - 1].next += 1
                    let successor = next[frame.next]
                    if index[successor] == nil {
                        index[successor] = counter; lowlink[successor] = counter; counter += 1
                        stack.append(successor); onStack.insert(successor)
                        frames.append((successor, 0))
                    } else if onStack.contains(successor) {
                        lowlink[frame.node] = min(lowlink[frame.node, default: 0], index[successor, default: 0])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last {
                    lowlink[parent.node] = min(lowlink[parent.node, default: 0], lowlink[frame.node, default: 0])
                }
                if lowlink[frame.node] == index[frame.node] {
                    var component: [NodeID] = []
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        component.append(member)
                        if member == frame.node { break }
                    }
                    result.append(component.sorted())
                }
            }
        }
        return result
    }

    /// Breadth-first from `start` back to itself inside one component.
    private static func shortestCycle(through start: NodeID, within members: Set<NodeID>,
                                      successors: [NodeID: [NodeID]]) -> [NodeID] {
        var previous: [NodeID: NodeID] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for successor in successors[node, default: []].sorted() where members.contains(successor) {
                if successor == start {
                    var path = [node]
                    while let last = path.last, last != start, let before = previous[last] { path.append(before) }
                    return path.reversed()
                }
                if previous[successor] == nil && successor != start {
                    previous[successor] = node
                    queue.append(successor)
                }
            }
        }
        return members.sorted()
    }
}
