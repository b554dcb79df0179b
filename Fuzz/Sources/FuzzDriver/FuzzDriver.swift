import CFuzzer

/// Hands the process over to libFuzzer with `test` as the function it calls for each input;
/// a fuzzer's `<Target>_main` (the entry point SwiftPM links) calls this.
public func runFuzzer(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, test)
}
