import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// ModernGov's web service answers (`mgWebService.asmx`, read with plain GETs) as flat records: `GetCommittees` lists
/// `<committee>` elements (`committeeid`, `committeetitle`, `committeeexpired`, `committeedeleted`), `GetMeetings` lists
/// `<meeting>` elements (`meetingid`, `meetingdate` as DD/MM/YYYY, `meetingtime`, `meetingstatus` such as Confirmed or
/// Cancelled, and sometimes `committeeid`/`committeetitle` and a location). Read with Foundation's `XMLParser`: each
/// record is its element's direct children, by lower-cased name, with their text.
enum ModernGovXML {
    /// The root element's name and every `record` element's fields; a failure naming the line and column where the
    /// answer stops being XML.
    static func records(_ data: Data, named record: String, what: String) throws(WebFetch.Failure) -> (root: String, records: [[String: String]]) {
        let reader = Reader(record: record)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        // On Linux `parse()` can return true after an error (libxml2 recovers), so the first error the delegate hears,
        // an element left open or no element at all fails it too.
        let parsed = parser.parse()
        let problem = reader.problem ?? (parsed ? nil : Self.problem(parser.parserError, line: parser.lineNumber, column: parser.columnNumber))
            ?? (reader.root == nil ? Self.problem(nil, line: parser.lineNumber, column: parser.columnNumber)
                : reader.open.last.map { (line: parser.lineNumber, column: parser.columnNumber, why: "<\($0)> is never closed") })
        guard problem == nil, let root = reader.root else {
            let p = problem!
            throw WebFetch.Failure(
                message: "ModernGov's answer to \(what) is not well-formed XML (line \(p.line), column \(p.column): \(p.why)), so nothing was imported",
                fix: "Check that the address is the council's ModernGov web service (it ends mgWebService.asmx) and opens in a browser; the meetings imported before stay")
        }
        return (root, reader.records)
    }

    typealias Problem = (line: Int, column: Int, why: String)

    /// Where and why the parser stopped, in words (Foundation on Linux gives its errors no description).
    static func problem(_ error: (any Error)?, line: Int, column: Int) -> Problem {
        let code = error.map { ($0 as NSError).code }
        let why: String = switch code {
        case nil, XMLParser.ErrorCode.emptyDocumentError.rawValue?: "there is no XML element in it"
        case XMLParser.ErrorCode.prematureDocumentEndError.rawValue?: "it ends before its elements are closed"
        case XMLParser.ErrorCode.tagNameMismatchError.rawValue?: "an end tag does not match the element it closes"
        case XMLParser.ErrorCode.ltRequiredError.rawValue?, XMLParser.ErrorCode.documentStartError.rawValue?: "it does not start as XML"
        case let c?: "XML parser error \(c)"
        }
        return (line, column, why)
    }

    private final class Reader: NSObject, XMLParserDelegate {
        let record: String
        var root: String?
        /// The first error, where it was met.
        var problem: Problem?
        /// The elements open, outermost first.
        var open: [String] = []
        var records: [[String: String]] = []
        var current: [String: String]?
        var depth = 0, recordDepth = 0
        var field: String?
        var text = ""

        init(record: String) { self.record = record }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            depth += 1
            open.append(name)
            let local = name.split(separator: ":").last.map(String.init)?.lowercased() ?? name.lowercased()
            if root == nil { root = local }
            if current == nil, local == record {
                current = [:]; recordDepth = depth
            } else if current != nil, depth == recordDepth + 1 {
                field = local; text = ""
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { if field != nil { text += string } }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if let f = field, depth == recordDepth + 1 {
                current?[f] = text.trimmingCharacters(in: .whitespacesAndNewlines)
                field = nil
            } else if let c = current, depth == recordDepth {
                records.append(c); current = nil
            }
            depth -= 1
            if open.last == name { open.removeLast() }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred error: any Error) {
            if problem == nil { problem = ModernGovXML.problem(error, line: parser.lineNumber, column: parser.columnNumber) }
            parser.abortParsing()
        }
    }

    /// `15/12/2026`, `2026-12-15` or `2026-12-15T00:00:00`.
    static func date(_ text: String) -> LocalDateParts? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "T" || $0 == " " }).map(String.init)
        guard parts.count >= 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        return parts[0].count == 4 ? LocalDateParts(year: a, month: b, day: c) : LocalDateParts(year: c, month: b, day: a)
    }

    struct LocalDateParts { var year, month, day: Int }
}
