import Foundation

/// One email the desk sends for a notification: its subject and what it says (its letter), every recipient on the To line
/// (never a Bcc: `no-silent-copies`), and for a calendar invitation the iTIP method and the session's event exactly as
/// its feed shows it (UID, SEQUENCE, times). A workflow step stores it in the outbox as it commits; the deliverer
/// renders it (RFC 5322, MIME, RFC 6047 iMIP) the same way on every attempt, under the same `Message-ID`.
public struct OutgoingMessage: Sendable, Hashable, Codable {
    /// A named mailbox.
    public struct Address: Sendable, Hashable, Codable {
        public var name: String
        public var email: String
        public init(name: String, email: String) { self.name = name; self.email = email }
    }

    /// The iTIP method of an invitation (RFC 5546): a new or changed session, or a cancelled one.
    public enum Method: String, Sendable, Hashable, Codable {
        case request = "REQUEST"
        case cancel = "CANCEL"
    }

    /// A calendar invitation: the session's event as the recipients' feed shows it. Its ORGANIZER is the message's
    /// From (the council's desk), its ATTENDEEs the message's To.
    public struct Invitation: Sendable, Hashable, Codable {
        public var method: Method
        public var event: FeedEvent
        public init(method: Method, event: FeedEvent) { self.method = method; self.event = event }
    }

    /// Without the angle brackets: `n42.6f1c…@council.gov.uk`.
    public var messageID: String
    /// When the step happened (the Date header).
    public var date: Date
    public var from: Address
    public var to: [Address]
    public var subject: String
    /// The plain text of a message queued before letters (issue 24); empty for one with a letter.
    public var body: String
    /// What it says, laid out as text and HTML when it is sent, its desk links under the council's public address.
    public var letter: Letter?
    public var invitation: Invitation?
    /// Where answers go (issue 24): for an officer's invitation, the desk's address plus-addressed with that invitation's
    /// reply token. It is then the invitation's ORGANIZER, asking a reply (`RSVP=TRUE`), and the `Reply-To`. Nil: answers
    /// are not read (the ORGANIZER is the From, `RSVP=FALSE`).
    public var replyTo: Address?

    public init(messageID: String, date: Date, from: Address, to: [Address], subject: String, body: String = "", letter: Letter? = nil,
                invitation: Invitation? = nil, replyTo: Address? = nil) {
        self.messageID = messageID; self.date = date; self.from = from; self.to = to; self.subject = subject; self.body = body
        self.letter = letter; self.invitation = invitation; self.replyTo = replyTo
    }
}
