import Foundation

/// Runs blocking work (synchronous API calls) on a few threads of its own: the requests wait on
/// the network, not the CPU, so the width is a politeness bound towards the API server rather
/// than a core count, and the async cooperative pool is never blocked.
enum BoundedParallel {
    /// Calls `body` once for each index in `0..<count`, at most `width` at a time, and returns
    /// when all calls have. After `body` returns false, no index not yet started is started.
    static func forEach(_ count: Int, width: Int, _ body: @escaping @Sendable (Int) -> Bool) {
        guard count > 0 else { return }
        let queue = WorkQueue(count: count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(width, count)) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while let index = queue.next() {
                    if !body(index) { queue.stop() }
                }
            }
            thread.start()
        }
        group.wait()
    }

    private final class WorkQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var position = 0
        private let count: Int

        init(count: Int) { self.count = count }

        func next() -> Int? {
            lock.withLock {
                guard position < count else { return nil }
                defer { position += 1 }
                return position
            }
        }

        func stop() { lock.withLock { position = count } }
    }
}

/// Results written by many threads into fixed slots.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { values[index] } }
        set { lock.withLock { values[index] = newValue } }
    }

    var all: [Value?] { lock.withLock { values } }
}
