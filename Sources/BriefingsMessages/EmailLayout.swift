import BriefingsDomain
import Mustache

/// A letter laid out for email: a plain-text part and a simple, accessible HTML part (one column, real paragraphs, a
/// description list for the facts, links that say where they go; `Templates/email/letter.mustache`, compiled in).
/// `base` is the council's public address that desk paths hang from (`https://briefings.example.gov.uk`).
public enum EmailLayout {
    /// The plain text: what happened, the facts, what is asked, each link under its words, the closing lines after
    /// `-- `. With no `base`, links are written as desk paths (the notification a recipient reads on the command line).
    public static func text(_ letter: Letter, base: String?) -> String {
        var blocks = letter.news
        if !letter.facts.isEmpty {
            let width = letter.facts.map { $0.label.count }.max() ?? 0
            blocks.append(letter.facts.map { f in f.label + ":" + String(repeating: " ", count: width - f.label.count + 1) + f.value }
                .joined(separator: "\n"))
        }
        blocks.append(letter.asked)
        blocks += letter.links.map { "\($0.label):\n\((base ?? "") + $0.path)" }
        var text = blocks.joined(separator: "\n\n")
        if !letter.footer.isEmpty { text += "\n\n-- \n" + letter.footer.joined(separator: "\n") }
        return text
    }

    /// The HTML document: `lang`, a title (the subject), the same words as the text, every link absolute.
    public static func html(_ letter: Letter, subject: String, base: String) -> String {
        let values: [String: Any] = [
            "subject": subject,
            "news": letter.news.flatMap { $0.split(separator: "\n").map(String.init) },
            "facts": letter.facts.map { ["label": $0.label, "value": $0.value] }, "hasFacts": !letter.facts.isEmpty,
            "asked": letter.asked,
            "links": letter.links.map { ["label": $0.label, "url": base + $0.path] },
            "footer": letter.footer,
        ]
        guard let html = library.render(values, withTemplate: "letter") else { preconditionFailure("no Templates/email/letter.mustache") }
        return html
    }

    /// The email templates, compiled into the binary from `Templates/email/` by the EmbedTemplates plugin, parsed once.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (file, text) in EmbeddedTemplates.files where file.hasSuffix(".mustache") {
            do { try library.register(text, named: String(file.dropLast(".mustache".count))) } catch {
                preconditionFailure("Templates/email/\(file) does not parse: \(error)")   // BriefingsMessagesTests renders it
            }
        }
        return library
    }()
}
