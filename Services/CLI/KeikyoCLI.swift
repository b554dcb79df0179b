@main
enum KeikyoCLI {
    static func main() async throws {}
}
