import CLibYAML

/// libyaml's emitter, set up the way go-yaml v2's `Marshal` sets up its Go port of it: UTF-8, two
/// spaces, width 80, unicode printed as is, implicit document markers. Callers choose each
/// scalar's style exactly as the v2 encoder would; the emitter's own analysis may still demote a
/// plain scalar to single or double quotes, and it does the folding and escaping.
///
/// Where libyaml 0.2.5 and v2's port differ, the difference cannot show here or is undone:
/// - a `|+` block at the end makes libyaml append `...`; v2 clears that flag first (see `finish`);
/// - libyaml counts a line break after `:`/`-`/`?` as whitespace when it analyses a scalar, v2
///   only space and tab; but a scalar holding a break is never plain, so the choice is the same;
/// - libyaml skips the space before an empty plain scalar and closes a single-quoted scalar
///   that ends in a break on a new line; v2's encoder never asks for either.
final class LibYAMLEmitter {
    enum ScalarStyle {
        case plain, doubleQuoted, literal

        var libyaml: yaml_scalar_style_t {
            switch self {
            case .plain: YAML_PLAIN_SCALAR_STYLE
            case .doubleQuoted: YAML_DOUBLE_QUOTED_SCALAR_STYLE
            case .literal: YAML_LITERAL_SCALAR_STYLE
            }
        }
    }

    /// Receives the emitter's output; the C callback finds it through an unmanaged pointer.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let sink = Sink()
    private var failed = false

    /// Starts a stream and its one document.
    init() throws(RenderError) {
        emitter = .allocate(capacity: 1)
        guard yaml_emitter_initialize(emitter) == 1 else {
            emitter.deallocate()
            throw RenderError(.invalid, "yaml: cannot initialise the emitter", at: nil as Origin?)
        }
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_output(emitter, { context, buffer, size in
            guard let context, let buffer else { return 1 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, Unmanaged.passUnretained(sink).toOpaque())
        try emit { yaml_stream_start_event_initialize($0, YAML_UTF8_ENCODING) }
        try emit { yaml_document_start_event_initialize($0, nil, nil, nil, 1) }
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    func beginMapping() throws(RenderError) {
        try emit { yaml_mapping_start_event_initialize($0, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
    }

    func endMapping() throws(RenderError) {
        try emit { yaml_mapping_end_event_initialize($0) }
    }

    func beginSequence() throws(RenderError) {
        try emit { yaml_sequence_start_event_initialize($0, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE) }
    }

    func endSequence() throws(RenderError) {
        try emit { yaml_sequence_end_event_initialize($0) }
    }

    func scalar(_ text: String, style: ScalarStyle) throws(RenderError) {
        var bytes = Array(text.utf8)
        guard bytes.count <= Int(Int32.max) else {
            throw RenderError(.invalid, "yaml: a scalar of \(bytes.count) bytes is too long to write", at: nil as Origin?)
        }
        try bytes.withUnsafeMutableBufferPointer { (buffer) throws(RenderError) in
            try emit { event in
                yaml_scalar_event_initialize(event, nil, nil, buffer.baseAddress, Int32(buffer.count), 1, 1, style.libyaml)
            }
        }
    }

    /// Ends the document and the stream and returns the text.
    func finish() throws(RenderError) -> String {
        try emit { yaml_document_end_event_initialize($0, 1) }
        // v2's encoder clears this flag before the stream end; libyaml would otherwise close a
        // document that ends in a `|+` block scalar with a `...` marker.
        emitter.pointee.open_ended = 0
        try emit { yaml_stream_end_event_initialize($0) }
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// Builds one event and hands it to the emitter, which takes ownership of it.
    private func emit(_ build: (UnsafeMutablePointer<yaml_event_t>) -> Int32) throws(RenderError) {
        guard !failed else { throw RenderError(.invalid, "yaml: emitter already failed", at: nil as Origin?) }
        var event = yaml_event_t()
        guard build(&event) == 1 else {
            failed = true
            throw RenderError(.invalid, "yaml: cannot build an emitter event (invalid UTF-8?)", at: nil as Origin?)
        }
        guard yaml_emitter_emit(emitter, &event) == 1 else {
            failed = true
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown emitter error"
            throw RenderError(.invalid, "yaml: \(problem)", at: nil as Origin?)
        }
    }
}
