import FuzzDriver
import KeikyoWire

/// A connection's input as a server sees it: preface, frames, HELLO, GOAWAY, PING,
/// compressed and plain REQUEST envelopes with their metadata. Any input must end in a
/// summary or a connection error, never a crash or a hang.
func fuzzWire(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let summary = KWPInputInspector.serverInput(UnsafeBufferPointer(start: data, count: size), maxMessageBytes: 1 << 16)
    precondition(summary.frames >= summary.requests.count + summary.rejected)
    return 0
}

@_cdecl("FuzzWire_main")
func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzzWire($0, $1) }
}
