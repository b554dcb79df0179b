import FuzzDriver
import FuzzSupport

/// Any bytes as the request message of any method (picked by the first byte): decoding
/// into the Swift request, with every string checked, and encoding it again. Bad bytes must
/// be a `KWPError`, never a crash.
func fuzzRequests(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    guard let (type, message) = RequestType.pick(UnsafeRawBufferPointer(start: data, count: size)) else { return 0 }
    _ = try? type.roundTrip(message)
    return 0
}

@_cdecl("FuzzRequests_main")
func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzzRequests($0, $1) }
}
