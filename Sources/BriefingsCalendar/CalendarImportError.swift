/// Why a calendar file was refused, naming the line where it can, and what to do.
public struct CalendarImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// 1-based line of the file the problem is on, when known.
    public var line: Int?
    public var fix: String

    public init(_ message: String, line: Int? = nil, fix: String) {
        self.message = message; self.line = line; self.fix = fix
    }

    public var description: String {
        (line.map { "line \($0): " } ?? "") + message + (fix.isEmpty ? "" : ". " + fix)
    }
}
