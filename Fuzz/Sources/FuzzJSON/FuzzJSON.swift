import FuzzDriver
import FuzzSupport
import KeikyoWire
import NIOCore

/// Any text as the JSON of any request (picked by the first byte), as `keikyo call` and the
/// `--file` options read it: JSON to protobuf by descriptor, then into the Swift request, then
/// back to JSON. Bad text must be a `KWPError`, never a crash.
func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    guard let (type, rest) = RequestType.pick(UnsafeRawBufferPointer(start: data, count: size)) else { return 0 }
    let text = String(decoding: rest, as: UTF8.self)
    guard let encoded = try? type.fromJSON(text) else { return 0 }
    encoded.withUnsafeReadableBytes { bytes in _ = try? type.roundTrip(bytes) }
    _ = try? type.toJSON(encoded)
    return 0
}

@_cdecl("FuzzJSON_main")
func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzzJSON($0, $1) }
}
