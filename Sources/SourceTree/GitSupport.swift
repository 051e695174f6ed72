import CGit2

/// libgit2's message for the last failure on this thread, used as the reason in errors.
func gitLastErrorMessage() -> String {
    guard let error = git_error_last(), let message = error.pointee.message else {
        return "unknown libgit2 error"
    }
    return String(cString: message)
}

/// The full hex form of an object id. `git_oid_tostr_s` returns a thread-local buffer,
/// so it is copied into a String at once.
func gitHex(_ oid: UnsafePointer<git_oid>) -> String {
    guard let text = git_oid_tostr_s(oid) else { return "" }
    return String(cString: text)
}

/// Tree entry names that could never come from a real checkout: a crafted tree could use them
/// to alias the root, its parent or Git's own directory, so they are skipped.
func isSafeTreeEntryName(_ name: String) -> Bool {
    !name.isEmpty && name != "." && name != ".." && name != ".git" && !name.contains("/")
}
