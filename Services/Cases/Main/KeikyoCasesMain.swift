import CasesService

@main
enum KeikyoCasesMain {
    static func main() async {
        await CasesServiceCommand.main()
    }
}
