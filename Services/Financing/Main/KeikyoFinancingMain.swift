import FinancingService

@main
enum KeikyoFinancingMain {
    static func main() async {
        await FinancingServiceCommand.main()
    }
}
