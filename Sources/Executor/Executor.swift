/// Runs a plan against a target: a cluster (server-side apply, waits, prune) or a directory.
public enum Executor {}
