import ArgumentParser
import Foundation
import KeikyoWire
import NIOCore

/// `keikyo call HOST:PORT /pkg.Service/Method '<json>'`: any method, JSON in and out, using
/// the server's Reflection for the types and the compiled-in protobuf-c descriptors to convert.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call any method with a JSON request; print the reply as JSON (like grpcurl).",
        discussion: """
            The request is JSON with the .proto field names (lowerCamelCase also accepted), enum values by \
            name, 64-bit integers and bytes (base64) as strings. '-' reads it from standard input. \
            A streaming method prints each reply as it comes.
            Example: keikyo call 127.0.0.1:7101 /keikyo.cases.v1.CaseService/GetCase '{"id": "case-abidjan-grain-berth"}'
            """)

    @Argument(help: "HOST:PORT of the server.")
    var address: String

    @Argument(help: "The method, /<package>.<Service>/<Method>.")
    var method: String

    @Argument(help: "The request as JSON, or - for standard input.")
    var request: String = "{}"

    @Option(name: .customLong("metadata"), help: "A metadata entry key=value; repeatable.")
    var metadataEntries: [String] = []

    @Flag(help: "One line per reply instead of indented JSON.")
    var compact = false

    @OptionGroup var call: CallOptions

    func run() async throws {
        let client = try call.client(for: address)
        do {
            try await perform(client)
            await client.close()
        } catch {
            await client.close()
            throw CLIFailure.report(error)
        }
    }

    func perform(_ client: KWPClient) async throws {
        let parts = method.split(separator: "/")
        guard method.hasPrefix("/"), parts.count == 2 else {
            throw ValidationError("the method is /<package>.<Service>/<Method>, e.g. /keikyo.health.v1.Health/Check")
        }
        let listing = try await client.unary(ReflectionMethods.listServices, ListServicesRequest(), options: call.kwpOptions)
        guard let service = listing.services.first(where: { $0.name == parts[0] }) else {
            throw ValidationError("\(address) does not host \(parts[0]); it hosts \(listing.services.map(\.name).joined(separator: ", "))")
        }
        guard let info = service.methods.first(where: { $0.name == parts[1] }) else {
            throw ValidationError("\(parts[0]) has no method \(parts[1]); it has \(service.methods.map(\.name).joined(separator: ", "))")
        }
        guard let input = ProtobufJSON.descriptor(named: info.inputType), ProtobufJSON.descriptor(named: info.outputType) != nil else {
            throw ValidationError("this keikyo does not know \(info.inputType) or \(info.outputType); use a keikyo built from the same Protos/")
        }
        let json = request == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : request
        let body = try ProtobufJSON.encode(json: json, as: input)
        let metadata = try Self.metadata(metadataEntries)
        let pretty = !compact
        let outputType = info.outputType
        if info.serverStreaming {
            try await client.serverStreamingEncoded(method: method, request: body, metadata: metadata, options: call.kwpOptions) { stream in
                let output = ProtobufJSON.descriptor(named: outputType)!
                for try await reply in stream { print(try ProtobufJSON.decode(reply, as: output, pretty: pretty)) }
            }
        } else {
            let reply = try await client.unaryEncoded(method: method, request: body, metadata: metadata, options: call.kwpOptions)
            print(try ProtobufJSON.decode(reply, as: ProtobufJSON.descriptor(named: outputType)!, pretty: pretty))
        }
    }

    static func metadata(_ entries: [String]) throws -> KWPMetadata {
        var metadata = KWPMetadata()
        for entry in entries {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw ValidationError("--metadata takes key=value, not \(entry.debugDescription)")
            }
            metadata.add(String(entry[..<equals]), String(entry[entry.index(after: equals)...]))
        }
        return metadata
    }
}

/// Prints a failed call the way every command does, then exits non-zero.
enum CLIFailure {
    /// Prints `error` (a `KWPError` with its reason and violations) to standard error and
    /// returns the exit code to throw: 1 for a failed call.
    static func report(_ error: any Error) -> any Error {
        guard let error = error as? KWPError else { return error }
        var text = "error: \(error.code)"
        if !error.reason.isEmpty { text += " \(error.reason)" }
        text += ": \(error.message)"
        for violation in error.violations { text += "\n  \(violation.field): \(violation.description)" }
        if let wait = error.metadata["retry-after-ms"] { text += "\n  retry after \(wait) ms" }
        FileHandle.standardError.write(Data((text + "\n").utf8))
        return ExitCode.failure
    }
}
