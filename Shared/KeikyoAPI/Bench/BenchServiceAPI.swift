import CKeikyoProtos
import KeikyoModel
import KeikyoWire

/// `keikyo.bench.v1.Bench`: the benchmark's service (Benchmarks/), the same messages over
/// KWP/1 and gRPC. No product service hosts it.
public enum BenchServiceAPI {
    public static let serviceName = "keikyo.bench.v1.Bench"
    public static let descriptor = KWPServiceDescriptor(keikyo__bench__v1__bench__descriptor_ptr())

    public static let echo = KWPMethod<EchoRequest, EchoResponse>(service: serviceName, name: "Echo")
    public static let echoCase = KWPMethod<ExportCase, ExportCase>(service: serviceName, name: "EchoCase")
    public static let echoCaseList = KWPMethod<ListCasesResponse, ListCasesResponse>(service: serviceName, name: "EchoCaseList")
}
