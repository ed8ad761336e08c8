/// What one message says, in the parts each channel lays out its own way (`BriefingsMessages.EmailLayout`: a plain-text
/// part and an HTML part): what happened, its facts, what is asked of the reader and by when, the desk pages where they
/// act, and the closing lines. Links are paths on the desk (`/desk/offers#h-OF-0007`): the council's public address goes
/// in front when the email is sent (`briefings serve --public-url`, `BRIEFINGS_PUBLIC_URL`), so a step never needs it.
public struct Letter: Sendable, Hashable, Codable {
    /// One labelled fact: `When`, `Mon 7 Dec 2026 18:00 GMT to 18:45`.
    public struct Fact: Sendable, Hashable, Codable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) { self.label = label; self.value = value }
    }

    /// A page of the desk: what the reader does there, and its path (always under `/desk`).
    public struct Link: Sendable, Hashable, Codable {
        public var label: String
        public var path: String
        public init(_ label: String, _ path: String) { self.label = label; self.path = path }
    }

    /// What happened, a paragraph each.
    public var news: [String]
    public var facts: [Fact]
    /// What is asked of the reader and by when, or that nothing is.
    public var asked: String
    /// Where on the desk they act or read about it; the first is the page where they act.
    public var links: [Link]
    /// The closing lines: everyone it is for, by name, and where replies go (added as the email is queued).
    public var footer: [String]

    public init(news: [String], facts: [Fact] = [], asked: String, links: [Link], footer: [String] = []) {
        self.news = news; self.facts = facts; self.asked = asked; self.links = links; self.footer = footer
    }
}
