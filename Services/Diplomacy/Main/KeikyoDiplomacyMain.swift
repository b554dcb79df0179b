import DiplomacyService

@main
enum KeikyoDiplomacyMain {
    static func main() async {
        await DiplomacyServiceCommand.main()
    }
}
