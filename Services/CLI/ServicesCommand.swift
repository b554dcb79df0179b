import ArgumentParser
import KeikyoWire

/// `keikyo services HOST:PORT`: what a server hosts, from its Reflection service.
struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services", abstract: "List the services and methods a server hosts (Reflection).")

    @Argument(help: "HOST:PORT of a server.")
    var address: String

    @OptionGroup var call: CallOptions

    func run() async throws {
        let client = try call.client(for: address)
        let listing: ListServicesResponse
        do {
            listing = try await client.unary(ReflectionMethods.listServices, ListServicesRequest(), options: call.kwpOptions)
        } catch let error as KWPError {
            await client.close()
            throw ValidationError("\(address): \(error)")
        }
        await client.close()
        for service in listing.services {
            print(service.name)
            for method in service.methods {
                let reply = method.serverStreaming ? "stream \(method.outputType)" : method.outputType
                print("  \(method.name)(\(method.inputType)) returns \(reply)")
            }
        }
    }
}
