import CLibYAML

/// The floor every front-end figure is compared with: libyaml's bare event parse of the same
/// bytes, touching each scalar and building nothing.
enum Floor {
    static func eventParse(_ bytes: [UInt8]) -> Int {
        guard !bytes.isEmpty else { return 0 }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return 0 }
        defer { yaml_parser_delete(&parser) }
        var touched = 0
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let type = event.type
                if type == YAML_SCALAR_EVENT { touched &+= event.data.scalar.length }
                yaml_event_delete(&event)
                if type == YAML_STREAM_END_EVENT { break }
            }
        }
        return touched
    }
}
