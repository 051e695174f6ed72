/// A loopback Kubernetes API double for tests and benchmarks, with fault injection.
/// The server is `KubeAPIDouble`; this namespace only names the module.
///
/// What it models (on top of HTTP/1.1 with keep-alive and chunked bodies):
/// - discovery: `/api`, `/apis`, `/apis/<g>`, per-group-version resource lists, and the
///   aggregated `apidiscovery.k8s.io/v2` form when the Accept header asks for it;
/// - GET, LIST (label and `metadata.name`/`metadata.namespace` field selectors, across
///   namespaces), WATCH (chunked event stream, 410 as an ERROR event), POST create,
///   merge patches and server-side apply with per-manager field ownership, conflicts,
///   `force`, `dryRun=All`, generation rules and immutable fields;
/// - DELETE with preconditions, propagation policies, finalizers completing after a
///   scripted delay, ownerReference garbage collection, terminating Namespaces;
/// - CRDs that become `Established` after a delay before their resources are served;
/// - status progression per kind, a "no nodes" cluster, and per-object scripts;
/// - `FaultPlan`: 5xx, 429 + Retry-After, connection resets, delays, 410 Expired, and the
///   500 "field not declared in schema" of a CRD kind.
///
/// Simplifications, on purpose: lists are atomic for field ownership (no associative
/// list keys), bodies must be JSON (JSON is YAML, and clients send JSON), no schema
/// validation or defaulting beyond Service cluster IPs, Namespace phase and Secret type,
/// no `limit`/`continue` paging, and `stringData` is not folded into Secret `data`.
public enum KubeDouble {}
