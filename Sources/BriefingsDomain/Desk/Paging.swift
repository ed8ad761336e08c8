/// Lists in pages (issue 27, problem 7): every list a person can grow (the queue, requests, offers, sessions,
/// notifications, the audit trail) is read a page at a time, by keyset on the list's own order, never by OFFSET.
extension Desk {
    /// What page of a list to read: at most `limit` items after (or before) the place a `cursor` names.
    public struct PageRequest: Sendable, Equatable {
        public static let defaultLimit = 50
        public static let maximumLimit = 200
        public static let limits = 1...maximumLimit

        public var limit: Int
        public var cursor: Cursor?
        /// The list's order reversed (the desk shows requests and the audit trail newest first); a cursor keeps its own.
        public var newestFirst: Bool
        /// Whether to count the whole list and the place of the page in it (the desk shows "Showing 51 to 100 of 130").
        public var counted: Bool

        /// Refuses a limit outside 1–200 and a cursor that is not one of this list's, naming the parameter.
        public init(list: String, limit: Int? = nil, cursor: String? = nil, newestFirst: Bool = false, counted: Bool = false) throws(DeskError) {
            let limit = limit ?? Self.defaultLimit
            guard Self.limits.contains(limit) else {
                throw DeskError(.invalid, "limit \(limit) is outside 1–\(Self.maximumLimit), the number of items a page may hold",
                                fix: Self.limitFix)
            }
            self.limit = limit
            self.cursor = try cursor.map { text throws(DeskError) in try Cursor(text, list: list) }
            self.newestFirst = newestFirst
            self.counted = counted
        }

        static let limitFix = "Ask for a limit from 1 to \(maximumLimit) (or leave it out for \(defaultLimit)), and follow `next` for the rest."

        /// A limit that is not a whole number at all (`limit=ten`), refused as one outside the range is.
        public static func notANumber(_ text: String) -> DeskError {
            DeskError(.invalid, "limit '\(text.prefix(40))' is not a whole number from 1 to \(maximumLimit), the number of items a page may hold",
                      fix: limitFix)
        }

        /// A whole list read page by page (the command line prints every item): the largest page each time.
        public static func everything(_ list: String) -> PageRequest { try! PageRequest(list: list, limit: maximumLimit) }
    }

    /// A place in a list: just after (or before) the item with this sort value and id, in the order the list was read.
    /// On the wire it is `queue.n.a.1767520800.3`; clients pass back the `next` they were given and read nothing into it.
    public struct Cursor: Sendable, Equatable {
        public var list: String
        /// True: the page before this place (the desk's "Previous"); false: the page after it.
        public var before: Bool
        public var newestFirst: Bool
        public var sort: Int64
        public var id: Int64

        public init(list: String, before: Bool, newestFirst: Bool, sort: Int64, id: Int64) {
            self.list = list; self.before = before; self.newestFirst = newestFirst; self.sort = sort; self.id = id
        }

        /// The lists that page, as their cursors name them (and `openapi.yaml`'s cursor patterns spell them).
        public static let lists = ["queue", "requests", "offers", "sessions", "notifications", "audit"]

        public var text: String { "\(list).\(before ? "p" : "n").\(newestFirst ? "d" : "a").\(sort).\(id)" }

        /// Reads a cursor this list gave: any other text is refused naming `cursor`, the list and what to send instead.
        public init(_ text: String, list: String) throws(DeskError) {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            func number(_ s: String) -> Int64? { (1...18).contains(s.count) && s.allSatisfy { ("0"..."9").contains($0) } ? Int64(s) : nil }
            guard parts.count == 5, Self.lists.contains(parts[0]), ["n", "p"].contains(parts[1]), ["a", "d"].contains(parts[2]),
                  let sort = number(parts[3]), let id = number(parts[4]) else {
                throw DeskError(.invalid, "cursor '\(text.prefix(80))' is not a place in the \(list) list: it is not a cursor this service gave",
                                fix: "Send back the `next` of the page before exactly as it came, or leave cursor out to start at the beginning.")
            }
            guard parts[0] == list else {
                throw DeskError(.invalid, "cursor '\(text.prefix(80))' is a place in the \(parts[0]) list, not in the \(list) list",
                                fix: "Use the cursors the \(list) list gave, or leave cursor out to start at the beginning.")
            }
            self.init(list: list, before: parts[1] == "p", newestFirst: parts[2] == "d", sort: sort, id: id)
        }
    }

    /// One page of a list, in the list's order, with the cursors of the pages either side (nil where there is none).
    public struct Page<Item> {
        public var items: [Item]
        public var next: String?
        public var previous: String?
        /// With `PageRequest.counted`: how many items the whole list holds, and the place of this page's first (from 1).
        public var total: Int?
        public var first: Int?

        public init(items: [Item], next: String? = nil, previous: String? = nil, total: Int? = nil, first: Int? = nil) {
            self.items = items; self.next = next; self.previous = previous; self.total = total; self.first = first
        }

        public func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
            Page<T>(items: try items.map(transform), next: next, previous: previous, total: total, first: first)
        }
    }

    /// Every item of a list, reading it page by page (`PageRequest.everything`) until there is no next page.
    public static func everything<Item>(_ list: String, _ read: (PageRequest) async throws -> Page<Item>) async throws -> [Item] {
        var all: [Item] = [], request = PageRequest.everything(list)
        while true {
            let page = try await read(request)
            all += page.items
            guard let next = page.next else { return all }
            request.cursor = try Cursor(next, list: list)
        }
    }
}

extension Desk.Page: Sendable where Item: Sendable {}
