@main
enum KeikyoCasesMain {
    static func main() async throws {}
}
