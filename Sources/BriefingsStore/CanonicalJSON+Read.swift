import BriefingsDomain
import Foundation

/// Reading back what `CanonicalJSON` writes, for the one column every decision reads: a request's proposal. A small
/// JSON reader and the synthesized `Decodable`'s shapes, at a fraction of `JSONDecoder`'s cost; anything it does not
/// expect (a missing field, a value of another type) gives nil, and the caller reads the text with `JSONDecoder`, which
/// says what is wrong. Tests check it reads every proposal as `JSONDecoder` does.
extension CanonicalJSON {
    static func readProposal(_ text: String) -> SessionProposal? {
        var text = text
        return text.withUTF8 { bytes -> SessionProposal? in
            var reader = Reader(bytes: bytes)
            guard let value = reader.value(), reader.atEnd, case .object(let o) = value else { return nil }
            return proposal(o)
        }
    }

    private static func proposal(_ o: [String: JSONValue]) -> SessionProposal? {
        guard let requester = o["requester"]?.string, let groups = o["groups"]?.strings,
              case .object(let m)? = o["matter"], let matter = matter(m),
              case .array(let officerValues)? = o["officers"], let officers = officers(officerValues),
              let meetingStart = o["meetingStart"]?.date, let meetingEnd = o["meetingEnd"]?.date,
              let segmentStart = o["segmentStart"]?.date, let segmentEnd = o["segmentEnd"]?.date,
              let venueValue = o["venue"], let venue = venue(venueValue),
              case .array(let attendeeValues)? = o["attendees"], let attendees = attendees(attendeeValues),
              let jointWish = o["jointWish"]?.bool,
              let onBehalfOf = optional(o["onBehalfOf"], \.string), let writtenReport = optional(o["writtenReport"], \.bool)
        else { return nil }
        return SessionProposal(requester: requester, onBehalfOf: onBehalfOf, groups: groups, matter: matter, officers: officers,
                               meetingStart: meetingStart, meetingEnd: meetingEnd, segmentStart: segmentStart, segmentEnd: segmentEnd,
                               venue: venue, attendees: attendees, jointWish: jointWish, writtenReport: writtenReport)
    }

    /// A field that may be missing or null (nil inside), or present and of the right type; nil outside when it is neither.
    private static func optional<T>(_ value: JSONValue?, _ read: (JSONValue) -> T?) -> T?? {
        guard let value, value != .null else { return .some(nil) }
        return read(value).map { .some($0) }
    }

    private static func date(_ value: JSONValue?) -> LocalDate?? {
        optional(value) { $0.string.flatMap(LocalDate.init) }
    }

    private static func matter(_ m: [String: JSONValue]) -> Matter? {
        guard let title = m["title"]?.string, let details = m["details"]?.string, let area = m["area"]?.string,
              let linkedMeeting = optional(m["linkedMeeting"], \.string), let decisionDate = date(m["decisionDate"]),
              let embargoUntil = date(m["embargoUntil"]), let budget = optional(m["budget"], \.bool),
              let meetingDate = date(m["meetingDate"])
        else { return nil }
        return Matter(title: title, details: details, area: area, linkedMeeting: linkedMeeting, decisionDate: decisionDate,
                      embargoUntil: embargoUntil, budget: budget, meetingDate: meetingDate)
    }

    private static func officers(_ values: [JSONValue]) -> [OfficerAttendance]? {
        var result: [OfficerAttendance] = []
        for v in values {
            guard case .object(let o) = v, let officer = o["officer"]?.string, let senior = optional(o["nominatedBy"], \.string) else { return nil }
            result.append(OfficerAttendance(officer: officer, nominatedBy: senior))
        }
        return result
    }

    /// `{"case":{"_0":"value"}}`: the synthesized coding of an enum case with one unlabelled value.
    private static func single(_ value: JSONValue) -> (name: String, value: String)? {
        guard case .object(let o) = value, o.count == 1, let (name, inner) = o.first,
              case .object(let fields) = inner, fields.count == 1, let text = fields["_0"]?.string else { return nil }
        return (name, text)
    }

    private static func venue(_ value: JSONValue) -> Venue? {
        guard case .object(let o) = value, o.count == 1, let (name, inner) = o.first, case .object(let fields) = inner else { return nil }
        switch name {
        case "room": return single(value).map { .room($0.value) }
        case "virtual": return single(value).map { .virtual($0.value) }
        case "external":
            guard fields.count == 2, let description = fields["description"]?.string, let party = fields["party"]?.bool else { return nil }
            return .external(description: description, party: party)
        case "writtenReport": return fields.isEmpty ? .writtenReport : nil
        default: return nil
        }
    }

    private static func attendees(_ values: [JSONValue]) -> [Attendee]? {
        var result: [Attendee] = []
        for v in values {
            switch single(v) {
            case ("person", let id)?: result.append(.person(id))
            case ("guest", let name)?: result.append(.guest(name))
            default: return nil
            }
        }
        return result
    }
}

/// A parsed JSON value.
enum JSONValue: Equatable {
    case object([String: JSONValue]), array([JSONValue]), string(String), number(Double), bool(Bool), null

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    var strings: [String]? {
        guard case .array(let items) = self else { return nil }
        var result: [String] = []
        for item in items { guard let s = item.string else { return nil }; result.append(s) }
        return result
    }
    /// Seconds since 1970, as `.secondsSince1970` writes a date.
    var date: Date? { if case .number(let n) = self { Date(timeIntervalSince1970: n) } else { nil } }
}

/// A JSON reader over UTF-8 bytes (RFC 8259): nil for anything that is not JSON.
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { mutating get { skipSpace(); return i == bytes.count } }

    mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
    }

    mutating func value() -> JSONValue? {
        skipSpace()
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var fields: [String: JSONValue] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
            while true {
                skipSpace()
                guard let key = string(), expect(UInt8(ascii: ":")), let v = value() else { return nil }
                fields[key] = v
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
                return nil
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                guard let v = value() else { return nil }
                items.append(v)
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                return nil
            }
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number()
        }
    }

    mutating func expect(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
        i += n
        return true
    }

    mutating func number() -> JSONValue? {
        let start = i
        while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
        guard i > start, let n = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) else { return nil }
        return .number(n)
    }

    /// A string from its opening quote: runs without escapes copied whole.
    mutating func string() -> String? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        var out: [UInt8] = []
        var run = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                i += 1
                return String(validating: out, as: UTF8.self)
            }
            if b < 0x20 { return nil }
            if b != UInt8(ascii: "\\") { i += 1; continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            i += 1
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(at: i + 1) else { return nil }
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    // A surrogate pair: the low half must follow as its own escape.
                    guard i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u"),
                          let low = hex4(at: i + 3), (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let u = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: return nil
            }
            i += 1
            run = i
        }
        return nil
    }

    func hex4(at start: Int) -> UInt32? {
        guard start + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for k in start..<start + 4 {
            let b = bytes[k]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }
}
