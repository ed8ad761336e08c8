import BriefingsDomain
import Foundation

/// The canonical JSON of the values every workflow step stores and hashes (verdict lists, audit details,
/// recipient lists), written directly: byte for byte what `AuditTrail.encoder` (sorted keys, slashes
/// unescaped) writes, which tests check, at a fraction of its cost. Anything else still goes through
/// `AuditTrail.encoder`.
enum CanonicalJSON {
    static func verdicts(_ verdicts: [Verdict]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(verdicts.count * 320)
        out.append(UInt8(ascii: "["))
        for (i, v) in verdicts.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            // Keys in sorted order: clauses, fix, message, passed, rule, severity.
            out.append(contentsOf: #"{"clauses":"#.utf8)
            strings(v.clauses, into: &out)
            out.append(contentsOf: #","fix":"#.utf8)
            string(v.fix, into: &out)
            out.append(contentsOf: #","message":"#.utf8)
            string(v.message, into: &out)
            out.append(contentsOf: #","passed":"#.utf8)
            out.append(contentsOf: (v.passed ? "true" : "false").utf8)
            out.append(contentsOf: #","rule":"#.utf8)
            string(v.rule.rawValue, into: &out)
            out.append(contentsOf: #","severity":"#.utf8)
            string(v.severity.rawValue, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A string-to-string object, keys in code-point order as `.sortedKeys` writes them.
    static func object(_ fields: [String: String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, key) in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(key, into: &out)
            out.append(UInt8(ascii: ":"))
            string(fields[key]!, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// An outbox message (`queueMail`, one for every notification with an addressee): keys sorted, nil fields left
    /// out and dates as seconds since 1970, as the synthesized `Codable` through `AuditTrail.encoder` writes them.
    /// `OutboxDeliverer` still reads it with `JSONDecoder`.
    static func message(_ m: OutgoingMessage) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(m.body.utf8.count + 1024)
        // Keys in sorted order: body, date, from, invitation, letter, messageID, subject, to.
        out.append(contentsOf: #"{"body":"#.utf8)
        string(m.body, into: &out)
        out.append(contentsOf: #","date":"#.utf8)
        date(m.date, into: &out)
        out.append(contentsOf: #","from":"#.utf8)
        address(m.from, into: &out)
        if let invitation = m.invitation {
            // Keys in sorted order: event, method.
            out.append(contentsOf: #","invitation":{"event":"#.utf8)
            event(invitation.event, into: &out)
            out.append(contentsOf: #","method":"#.utf8)
            string(invitation.method.rawValue, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        if let letter = m.letter {
            out.append(contentsOf: #","letter":"#.utf8)
            Self.letter(letter, into: &out)
        }
        out.append(contentsOf: #","messageID":"#.utf8)
        string(m.messageID, into: &out)
        out.append(contentsOf: #","subject":"#.utf8)
        string(m.subject, into: &out)
        out.append(contentsOf: #","to":["#.utf8)
        for (i, a) in m.to.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            address(a, into: &out)
        }
        out.append(contentsOf: "]}".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// A request's proposal (`RequestRecord.proposal`, written with every request submitted): keys sorted, nil fields
    /// left out, dates as seconds since 1970, and the enums as the synthesized `Codable` writes them
    /// (`{"room":{"_0":"cr1"}}`, `{"writtenReport":{}}`).
    static func proposal(_ p: SessionProposal) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512 + p.matter.details.utf8.count)
        // Keys in sorted order: attendees, groups, jointWish, matter, meetingEnd, meetingStart, officers, onBehalfOf,
        // requester, segmentEnd, segmentStart, venue, writtenReport.
        out.append(contentsOf: #"{"attendees":"#.utf8)
        attendees(p.attendees, into: &out)
        out.append(contentsOf: #","groups":"#.utf8)
        strings(p.groups, into: &out)
        out.append(contentsOf: #","jointWish":"#.utf8)
        out.append(contentsOf: (p.jointWish ? "true" : "false").utf8)
        out.append(contentsOf: #","matter":"#.utf8)
        matter(p.matter, into: &out)
        out.append(contentsOf: #","meetingEnd":"#.utf8)
        date(p.meetingEnd, into: &out)
        out.append(contentsOf: #","meetingStart":"#.utf8)
        date(p.meetingStart, into: &out)
        out.append(contentsOf: #","officers":"#.utf8)
        officers(p.officers, into: &out)
        if let member = p.onBehalfOf {
            out.append(contentsOf: #","onBehalfOf":"#.utf8)
            string(member, into: &out)
        }
        out.append(contentsOf: #","requester":"#.utf8)
        string(p.requester, into: &out)
        out.append(contentsOf: #","segmentEnd":"#.utf8)
        date(p.segmentEnd, into: &out)
        out.append(contentsOf: #","segmentStart":"#.utf8)
        date(p.segmentStart, into: &out)
        out.append(contentsOf: #","venue":"#.utf8)
        venue(p.venue, into: &out)
        if let written = p.writtenReport {
            out.append(contentsOf: #","writtenReport":"#.utf8)
            out.append(contentsOf: (written ? "true" : "false").utf8)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A session's venue column, a briefing's officers and a session's attendees, as in a proposal.
    static func venue(_ v: Venue) -> String { written { venue(v, into: &$0) } }
    static func officers(_ list: [OfficerAttendance]) -> String { written { officers(list, into: &$0) } }
    static func attendees(_ list: [Attendee]) -> String { written { attendees(list, into: &$0) } }

    private static func written(_ write: (inout [UInt8]) -> Void) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        write(&out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func attendees(_ list: [Attendee], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, a) in list.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            switch a {
            case .person(let id): single("person", id, into: &out)
            case .guest(let name): single("guest", name, into: &out)
            }
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Keys in sorted order: nominatedBy, officer.
    private static func officers(_ list: [OfficerAttendance], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, o) in list.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            if let senior = o.nominatedBy {
                out.append(contentsOf: #""nominatedBy":"#.utf8)
                string(senior, into: &out)
                out.append(UInt8(ascii: ","))
            }
            out.append(contentsOf: #""officer":"#.utf8)
            string(o.officer, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func venue(_ v: Venue, into out: inout [UInt8]) {
        switch v {
        case .room(let id): single("room", id, into: &out)
        case .virtual(let link): single("virtual", link, into: &out)
        case .external(let description, let party):
            out.append(contentsOf: #"{"external":{"description":"#.utf8)
            string(description, into: &out)
            out.append(contentsOf: #","party":"#.utf8)
            out.append(contentsOf: (party ? "true" : "false").utf8)
            out.append(contentsOf: "}}".utf8)
        case .writtenReport: out.append(contentsOf: #"{"writtenReport":{}}"#.utf8)
        }
    }

    /// Keys in sorted order: area, budget, decisionDate, details, embargoUntil, linkedMeeting, meetingDate, title.
    private static func matter(_ m: Matter, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"area":"#.utf8)
        string(m.area, into: &out)
        if let budget = m.budget {
            out.append(contentsOf: #","budget":"#.utf8)
            out.append(contentsOf: (budget ? "true" : "false").utf8)
        }
        if let d = m.decisionDate {
            out.append(contentsOf: #","decisionDate":"#.utf8)
            string(d.description, into: &out)
        }
        out.append(contentsOf: #","details":"#.utf8)
        string(m.details, into: &out)
        if let d = m.embargoUntil {
            out.append(contentsOf: #","embargoUntil":"#.utf8)
            string(d.description, into: &out)
        }
        if let meeting = m.linkedMeeting {
            out.append(contentsOf: #","linkedMeeting":"#.utf8)
            string(meeting, into: &out)
        }
        if let d = m.meetingDate {
            out.append(contentsOf: #","meetingDate":"#.utf8)
            string(d.description, into: &out)
        }
        out.append(contentsOf: #","title":"#.utf8)
        string(m.title, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// An enum case with one unlabelled value, as the synthesized `Codable` writes it: `{"room":{"_0":"cr1"}}`.
    private static func single(_ name: String, _ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        string(name, into: &out)
        out.append(contentsOf: #":{"_0":"#.utf8)
        string(value, into: &out)
        out.append(contentsOf: "}}".utf8)
    }

    /// Keys in sorted order: asked, facts (label, value), footer, links (label, path), news.
    private static func letter(_ l: Letter, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"asked":"#.utf8)
        string(l.asked, into: &out)
        out.append(contentsOf: #","facts":"#.utf8)
        labelled(l.facts.map { ($0.label, "value", $0.value) }, into: &out)
        out.append(contentsOf: #","footer":"#.utf8)
        strings(l.footer, into: &out)
        out.append(contentsOf: #","links":"#.utf8)
        labelled(l.links.map { ($0.label, "path", $0.path) }, into: &out)
        out.append(contentsOf: #","news":"#.utf8)
        strings(l.news, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// A list of objects of two keys, `label` and another that sorts after it: `[{"label":"…","path":"…"}]`.
    private static func labelled(_ items: [(label: String, key: String, value: String)], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"label":"#.utf8)
            string(item.label, into: &out)
            out.append(contentsOf: ",\"\(item.key)\":".utf8)
            string(item.value, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func address(_ a: OutgoingMessage.Address, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"email":"#.utf8)
        string(a.email, into: &out)
        out.append(contentsOf: #","name":"#.utf8)
        string(a.name, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Keys in sorted order: day, description, end, lastModified, location, sequence, start, status, title, uid, url.
    private static func event(_ e: FeedEvent, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if let day = e.day {
            out.append(contentsOf: #""day":"#.utf8)
            string(day.description, into: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""description":"#.utf8)
        string(e.description, into: &out)
        out.append(contentsOf: #","end":"#.utf8)
        date(e.end, into: &out)
        out.append(contentsOf: #","lastModified":"#.utf8)
        date(e.lastModified, into: &out)
        if let location = e.location {
            out.append(contentsOf: #","location":"#.utf8)
            string(location, into: &out)
        }
        out.append(contentsOf: #","sequence":"#.utf8)
        out.append(contentsOf: String(e.sequence).utf8)
        out.append(contentsOf: #","start":"#.utf8)
        date(e.start, into: &out)
        out.append(contentsOf: #","status":"#.utf8)
        string(e.status.rawValue, into: &out)
        out.append(contentsOf: #","title":"#.utf8)
        string(e.title, into: &out)
        out.append(contentsOf: #","uid":"#.utf8)
        string(e.uid, into: &out)
        if let url = e.url {
            out.append(contentsOf: #","url":"#.utf8)
            string(url, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `.secondsSince1970`: the Double's shortest description, without a trailing `.0` (`1798000000`,
    /// `1764172800.123456`, `1e+16`), which is how the encoder writes a Double.
    private static func date(_ d: Date, into out: inout [UInt8]) {
        var text = d.timeIntervalSince1970.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    static func list(_ items: [String]) -> String {
        var out: [UInt8] = []
        strings(items, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func strings(_ items: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(item, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00XX` escapes,
    /// everything else (slashes, DEL, non-ASCII) as its UTF-8 bytes.
    private static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        // Runs of bytes that need no escape are copied whole: message bodies are long and mostly plain.
        text.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                escape(byte, into: &out)
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func escape(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case 0x0A: out.append(contentsOf: #"\n"#.utf8)
        case 0x0D: out.append(contentsOf: #"\r"#.utf8)
        case 0x09: out.append(contentsOf: #"\t"#.utf8)
        case 0x08: out.append(contentsOf: #"\b"#.utf8)
        case 0x0C: out.append(contentsOf: #"\f"#.utf8)
        default:
            out.append(contentsOf: #"\u00"#.utf8)
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
    }
}
