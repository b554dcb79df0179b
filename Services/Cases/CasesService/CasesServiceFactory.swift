import KeikyoServiceCore
import KeikyoWire
import Logging

/// Builds what `keikyo-cases` hosts. Until the case register lands it serves Health and
/// Reflection only (every KWP server hosts those).
public enum CasesServiceFactory {
    public static func makeServices(configuration: ServiceConfiguration, logger: Logger) async throws -> [any KWPServiceProvider] {
        []
    }
}
