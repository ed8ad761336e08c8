import BriefingsDomain
import Foundation

// libFuzzer target: the roster file (JSON) reader and its validation, on any bytes.
// Built and run by scripts/fuzz.sh (swiftc -sanitize=fuzzer,address); not part of the package build.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRosterFile(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        _ = try RosterFile.parse(data)
    } catch {
        precondition(!error.problems.isEmpty, "a roster refused without a problem named")
    }
    return 0
}
