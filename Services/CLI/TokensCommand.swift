import ArgumentParser
import Foundation
import KeikyoServiceCore
import KeikyoTrust

/// `keikyo tokens ...`: the tokens file the services read (at start and on SIGHUP).
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Issue, revoke and list agencies' tokens (services reread the file on SIGHUP).",
        subcommands: [Issue.self, Revoke.self, List.self, Init.self])

    struct FileOption: ParsableArguments {
        @Option(help: "The tokens file. Env KEIKYO_TOKENS_FILE.")
        var file: String?

        func path() throws -> String {
            guard let path = file ?? ProcessInfo.processInfo.environment["KEIKYO_TOKENS_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) else {
                throw ValidationError("give --file or KEIKYO_TOKENS_FILE")
            }
            return path
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a token; the token is printed alone on the last line, once, and stored only as a salted hash.")
        @OptionGroup var file: FileOption
        @Option(help: "The agency: \(Principal.agencies.joined(separator: ", ")).")
        var agency: String?
        @Option(help: "A service's own token instead: \(Principal.services.joined(separator: ", ")).")
        var service: String?
        @Option(help: "What the token is for, e.g. who holds it.")
        var note = ""

        func validate() throws {
            guard (agency == nil) != (service == nil) else { throw ValidationError("give --agency or --service") }
        }

        func run() throws {
            let name = agency ?? "service:\(service ?? "")"
            guard let principal = Principal(name) else { throw ValidationError("\(name.debugDescription) is not an agency or service this suite knows") }
            let path = try file.path()
            let (record, token) = try TokenFile.update(path: path) { $0.issue(for: principal, note: note) }
            print("issued token \(record.id) for \(record.principal) in \(path); services pick it up on start or SIGHUP")
            print(token)
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (it stays listed, marked revoked).")
        @OptionGroup var file: FileOption
        @Argument(help: "The token's id (the part after kk1.).")
        var id: String

        func run() throws {
            let path = try file.path()
            guard try TokenFile.update(path: path, { $0.revoke(id: id) }) else { throw ValidationError("no token \(id) in \(path)") }
            print("revoked \(id); services stop accepting it on SIGHUP or restart")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens: id, holder, issued, revoked. Never the tokens.")
        @OptionGroup var file: FileOption

        func run() throws {
            var table = TextTable("ID", "PRINCIPAL", "ISSUED", "REVOKED", "NOTE")
            for record in try TokenFile.load(path: try file.path()).records {
                table.add(record.id, record.principal, record.issuedAt, record.revokedAt ?? "", record.note)
            }
            print(table.render())
        }
    }

    /// What the local suite and compose.yaml run before the services start.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a tokens file with one token per service and one for the person at the keyboard, unless there is one.",
            discussion: """
                Writes DIR/tokens.json, DIR/service-<name>.token for each service (which finds its own beside the tokens \
                file) and DIR/operator.token. With a tokens file already there, changes nothing.
                """)
        @Option(help: "The directory for the tokens file and the tokens.")
        var dir: String
        @Option(help: "The agency of the operator's token.")
        var operatorAgency = "CAS"

        func run() throws {
            let path = "\(dir)/tokens.json"
            let operatorPath = "\(dir)/operator.token"
            guard Principal(operatorAgency)?.agency != nil else { throw ValidationError("\(operatorAgency.debugDescription) is not an agency") }
            let created = try TokenFile.update(path: path) { file -> [(String, String)] in
                guard file.records.isEmpty else { return [] }
                var tokens = Principal.services.map { service in
                    ("\(dir)/service-\(service).token", file.issue(for: .service(service), note: "keikyo-\(service)").token)
                }
                tokens.append((operatorPath, file.issue(for: .agency(operatorAgency), note: "operator").token))
                return tokens
            }
            for (tokenPath, token) in created {
                guard FileManager.default.createFile(atPath: tokenPath, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw ValidationError("cannot write \(tokenPath)")
                }
            }
            print(created.isEmpty ? "tokens file \(path) exists; left as it is" : "made \(path) with \(created.count) tokens")
            print("your token (\(operatorAgency)): export KEIKYO_TOKEN=$(cat \(operatorPath))")
        }
    }
}

/// `keikyo policy ...`: the permissions policy.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Print the shipped permissions policy, or check a policy file.",
        subcommands: [Default.self, Check.self])

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the shipped policy, to start a --policy-file from.")
        func run() { print(Policy.defaultText, terminator: "") }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse a policy file and report the first error.")
        @Argument(help: "The policy file.")
        var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            do {
                let policy = try Policy(text: String(decoding: data, as: UTF8.self), source: file)
                print("\(file): \(policy.rules.count) rules")
            } catch let error as TrustError {
                throw ValidationError(error.description)
            }
        }
    }
}

/// `keikyo tls init`: a local CA and certificates for the services and the operator.
struct TLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls", abstract: "Make a local CA and certificates, for a deployment without a CA of its own.",
        subcommands: [Init.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make DIR/ca.pem, a certificate per service (common name service:NAME) and one for the operator, unless DIR/ca.pem exists.",
            discussion: """
                Each service's certificate names 127.0.0.1, localhost and the service's name (its host in compose.yaml), plus \
                any --host. Serve with --tls-cert DIR/NAME.pem --tls-key DIR/NAME-key.pem [--tls-client-ca DIR/ca.pem], \
                call with --tls-ca DIR/ca.pem [--tls-cert DIR/operator.pem --tls-key DIR/operator-key.pem].
                """)
        @Option(help: "The directory for the CA and certificates.")
        var dir: String
        @Option(help: "The agency the operator's certificate names.")
        var operatorAgency = "CAS"
        @Option(help: "More host names or addresses for the services' certificates.")
        var host: [String] = []

        func run() throws {
            guard Principal(operatorAgency)?.agency != nil else { throw ValidationError("\(operatorAgency.debugDescription) is not an agency") }
            let caPath = "\(dir)/ca.pem"
            guard !FileManager.default.fileExists(atPath: caPath) else {
                print("\(caPath) exists; left as it is")
                return
            }
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let ca = try CertificateAuthority()
            let addresses = ["127.0.0.1", "::1"] + host.filter { CertificateAuthority.addressBytes($0) != nil }
            let names = ["localhost"] + host.filter { CertificateAuthority.addressBytes($0) == nil }
            var files: [(String, String, Bool)] = [(caPath, try ca.certificatePEM, false), ("\(dir)/ca-key.pem", try ca.keyPEM, true)]
            for service in Principal.services {
                let issued = try ca.issue(commonName: "service:\(service)", dnsNames: names + [service], ipAddresses: addresses)
                files += [("\(dir)/\(service).pem", issued.certificatePEM, false), ("\(dir)/\(service)-key.pem", issued.keyPEM, true)]
            }
            let operatorCertificate = try ca.issue(commonName: operatorAgency)
            files += [("\(dir)/operator.pem", operatorCertificate.certificatePEM, false), ("\(dir)/operator-key.pem", operatorCertificate.keyPEM, true)]
            for (path, contents, secret) in files {
                guard FileManager.default.createFile(atPath: path, contents: Data(contents.utf8), attributes: [.posixPermissions: secret ? 0o600 : 0o644])
                else { throw ValidationError("cannot write \(path)") }
            }
            print("made a CA and \(Principal.services.count + 1) certificates in \(dir)")
        }
    }
}
