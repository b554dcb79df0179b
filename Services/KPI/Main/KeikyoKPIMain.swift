import KPIService

@main
enum KeikyoKPIMain {
    static func main() async {
        await KPIServiceCommand.main()
    }
}
