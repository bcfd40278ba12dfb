import FuzzTargets

#if canImport(Glibc)
import Glibc
#endif

#if REFSH_FUZZING
/// libFuzzer's entry point (scripts/fuzz builds this with `-sanitize=fuzzer,address`); the
/// target comes from `REFSH_FUZZ_TARGET`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzEntry.target(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// SwiftPM names an executable's entry point `refsh_fuzz_main` (and links `main` to it), so the
/// fuzzer's driver is started from here rather than from libFuzzer's own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("refsh_fuzz_main")
public func refshFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}

enum FuzzEntry {
    static let target: @Sendable ([UInt8]) -> Void = {
        let name = getenv("REFSH_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTargets.named(name) else {
            let message = "refsh-fuzz: set REFSH_FUZZ_TARGET to one of \(FuzzTargets.all.map(\.name).joined(separator: ", "))\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            exit(2)
        }
        return target
    }()
}
#else
/// Without the fuzzer (a plain build): runs each file given through its target, as the corpus
/// tests do: `refsh-fuzz TARGET FILE...`.
@main
enum RefshFuzz {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTargets.named(name) else {
            print("usage: refsh-fuzz TARGET FILE... (targets: \(FuzzTargets.all.map(\.name).joined(separator: ", "))); scripts/fuzz fuzzes")
            exit(2)
        }
        for file in arguments.dropFirst() {
            guard let handle = fopen(file, "rb") else { continue }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while case let count = fread(&buffer, 1, buffer.count, handle), count > 0 { bytes += buffer[..<count] }
            fclose(handle)
            target(bytes)
        }
    }
}
#endif
