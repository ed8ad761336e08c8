import Foundation

/// A file an officer attaches as a briefing's material (issue 23 item 8): text or Markdown (read as the material's
/// text, line breaks kept), a PDF or a Word document (`.docx`, kept whole for its readers to download). Which it is
/// is decided by its name's extension and its first bytes together, never by what the browser or the file claims.
public struct MaterialFile: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case pdf, word

        /// The type a download is sent with.
        public var mediaType: String {
            switch self {
            case .pdf: "application/pdf"
            case .word: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }

        /// The kind in a word, for people.
        public var label: String {
            switch self {
            case .pdf: "PDF"
            case .word: "Word document"
            }
        }
    }

    public var name: String
    public var kind: Kind
    /// Its size in bytes.
    public var size: Int

    public init(name: String, kind: Kind, size: Int) {
        self.name = name; self.kind = kind; self.size = size
    }

    /// The desk's limit on a material file unless the service is configured otherwise: 5 MB.
    public static let defaultLimit = 5 * 1024 * 1024

    /// What an upload is: the material's text (a text or Markdown file), or a file kept whole.
    public enum Upload: Sendable, Hashable {
        case text(String)
        case file(MaterialFile)
    }

    /// `limit` in people's words: "5 MB", "512 KB".
    public static func words(_ limit: Int) -> String {
        limit >= 1024 * 1024 && limit % (1024 * 1024) == 0 ? "\(limit / (1024 * 1024)) MB"
            : limit >= 1024 ? "\(limit / 1024) KB" : "\(limit) bytes"
    }

    /// Reads an upload named `name`: refused when empty, over `limit` bytes, of a kind the desk does not take, or when
    /// its content is not what its extension says (a `.pdf` that is not a PDF, a `.txt` that is not UTF-8 text).
    public static func read(name: String, bytes: [UInt8], limit: Int) -> Result<Upload, Refusal> {
        Result { () throws(Refusal) in
            let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
            let taken = "Attach a text (.txt), Markdown (.md), PDF (.pdf) or Word (.docx) file of at most \(words(limit))."
            if bytes.isEmpty { throw Refusal(.invalid, "the file \(name) is empty", remedy: .advice(taken)) }
            if bytes.count > limit {
                throw Refusal(.invalid, "the file \(name) is \(words(bytes.count)), larger than the desk's limit of \(words(limit)) for a material file",
                              remedy: .advice("Attach a smaller file (at most \(words(limit))), or the material's text instead."))
            }
            switch ext {
            case "txt", "text", "md", "markdown":
                guard !bytes.contains(0), let read = String(bytes: bytes, encoding: .utf8) else {
                    throw Refusal(.invalid, "the file \(name) is not text (UTF-8), as its name says", remedy: .advice(taken))
                }
                // Its lines end in LF as the desk keeps every text; a byte-order mark is no part of it.
                let text = (read.hasPrefix("\u{FEFF}") ? String(read.dropFirst()) : read).replacingOccurrences(of: "\r\n", with: "\n")
                if let problem = TextInput.problem(text) {
                    throw Refusal(.invalid, "the file \(name) \(problem)", remedy: .advice(taken))
                }
                return .text(text)
            case "pdf":
                guard bytes.starts(with: Array("%PDF-".utf8)) else {
                    throw Refusal(.invalid, "the file \(name) is not a PDF, as its name says", remedy: .advice(taken))
                }
                return .file(MaterialFile(name: name, kind: .pdf, size: bytes.count))
            case "docx":
                // A Word document is a ZIP archive holding word/document.xml.
                guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), contains(Array("word/document.xml".utf8), in: bytes) else {
                    throw Refusal(.invalid, "the file \(name) is not a Word document (.docx), as its name says", remedy: .advice(taken))
                }
                return .file(MaterialFile(name: name, kind: .word, size: bytes.count))
            default:
                throw Refusal(.invalid, "the file \(name) is not a kind of file the desk takes as material", remedy: .advice(taken))
            }
        }
    }

    static func contains(_ needle: [UInt8], in bytes: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= bytes.count else { return false }
        return (0...(bytes.count - needle.count)).contains { i in bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) }
    }
}
