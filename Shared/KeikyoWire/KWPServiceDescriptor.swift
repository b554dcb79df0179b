import CProtobufC

/// A service as protobuf-c describes it: its full name and, per method, the message types.
/// The server's dispatch table and reflection are both built from these.
public struct KWPServiceDescriptor: Sendable, Hashable {
    public struct Method: Sendable, Hashable {
        public var name: String
        public var inputType: String
        public var outputType: String
    }

    /// e.g. `keikyo.health.v1.Health`.
    public var name: String
    public var methods: [Method]

    /// Reads a descriptor from `keikyo_descriptors.h` (`..._descriptor_ptr()`).
    public init(_ descriptor: UnsafePointer<ProtobufCServiceDescriptor>) {
        let service = descriptor.pointee
        self.name = String(cString: service.name)
        self.methods = (0..<Int(service.n_methods)).map { index in
            let method = service.methods[index]
            return Method(
                name: String(cString: method.name),
                inputType: String(cString: method.input.pointee.name),
                outputType: String(cString: method.output.pointee.name))
        }
    }

    public func method(named name: String) -> Method? {
        methods.first { $0.name == name }
    }
}
