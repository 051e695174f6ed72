/// A loopback Kubernetes API double for tests and benchmarks, with fault injection.
public enum KubeDouble {}
