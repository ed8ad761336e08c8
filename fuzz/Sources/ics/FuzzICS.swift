import BriefingsCalendar
import Foundation

// libFuzzer target: the busy-time and bank-holiday imports over libical, on any bytes.
// Built and run by scripts/fuzz.sh (swiftc -sanitize=fuzzer,address); not part of the package build.
// A crash, an AddressSanitizer report, a leak, or an input that runs past -timeout is a finding;
// so is a broken promise of the API, checked below with preconditions.

/// The planning horizon the CLI would use on Monday 2 November 2026 at 09:00 (UTC), for a year.
private let from = Date(timeIntervalSince1970: 1_793_610_000)
private let to = from.addingTimeInterval(365 * 86_400)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCalendarImport(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        let busy = try CalendarImport.busyIntervals(fromICS: data, from: from, to: to)
        precondition(busy.count <= CalendarImport.maximumIntervals, "more busy times than the limit")
        for b in busy {
            precondition(b.start <= b.end, "a busy time ends before it starts: \(b)")
            precondition(b.start >= from && b.end <= to, "a busy time outside the horizon: \(b)")
        }
    } catch {
        precondition(!error.message.isEmpty && !error.fix.isEmpty, "a refusal without a message or a fix: \(error)")
    }
    do {
        let holidays = try CalendarImport.bankHolidays(fromICS: data)
        precondition(!holidays.isEmpty, "an empty holiday list accepted")
    } catch {
        precondition(!error.message.isEmpty && !error.fix.isEmpty, "a refusal without a message or a fix: \(error)")
    }
    return 0
}
