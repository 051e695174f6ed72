import Foundation

/// Compiled regular expressions shared by every build. kustomize patterns (image names, patch
/// target selectors, replacement selectors) repeat across thousands of kustomizations, and
/// compiling a Swift `Regex` costs far more than matching it.
enum RegexCache {
    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        // Compiled programs are immutable; matching from several threads is safe.
        var compiled: [String: Regex<AnyRegexOutput>] = [:]
        var invalid: Set<String> = []
    }

    private static let store = Store()

    /// The compiled expression, or nil (remembered) when `pattern` is not a valid one.
    static func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
        store.lock.lock()
        if let found = store.compiled[pattern] {
            store.lock.unlock()
            return found
        }
        let known = store.invalid.contains(pattern)
        store.lock.unlock()
        if known { return nil }
        let compiled = try? Regex(pattern)
        store.lock.lock()
        if let compiled { store.compiled[pattern] = compiled } else { store.invalid.insert(pattern) }
        store.lock.unlock()
        return compiled
    }
}
