import BriefingsDomain
import GRDB

/// A list read a page at a time by keyset (issue 27, problem 7): the list's rows in the order of a sort column and a
/// unique id, a page being the `limit` rows just after (or before) a cursor's place, so page 500 costs what page 1 does.
/// `keep` is a test in Swift for what SQL cannot say (a Director's line, the officers a request names); rows it
/// drops are read past lazily (a `RecordCursor`), never all loaded.
struct Keyset<Record: FetchableRecord & TableRecord> {
    var list: String
    var rows: QueryInterfaceRequest<Record>
    var sort: Column
    var id: Column
    var key: (Record) -> (sort: Int64, id: Int64)
    var keep: ((Record) throws -> Bool)? = nil

    /// The rows strictly after (`after: true`) or before a place, in an order (`descending`: the list's reversed).
    func beyond(_ sortValue: Int64, _ idValue: Int64, after: Bool, descending: Bool) -> SQLExpression {
        (after != descending) ? (sort > sortValue || (sort == sortValue && id > idValue))
                              : (sort < sortValue || (sort == sortValue && id < idValue))
    }

    /// Up to `count` kept rows of a request in its order, and whether there are more.
    func read(_ db: Database, _ request: QueryInterfaceRequest<Record>, _ count: Int) throws -> (rows: [Record], more: Bool) {
        var out: [Record] = []
        let cursor = try (keep == nil ? request.limit(count + 1) : request).fetchCursor(db)
        while let r = try cursor.next() {
            if try keep?(r) ?? true {
                if out.count == count { return (out, true) }
                out.append(r)
            }
        }
        return (out, false)
    }

    /// How many kept rows a request holds.
    func count(_ db: Database, _ request: QueryInterfaceRequest<Record>) throws -> Int {
        guard let keep else { return try request.fetchCount(db) }
        var n = 0
        let cursor = try request.fetchCursor(db)
        while let r = try cursor.next() { if try keep(r) { n += 1 } }
        return n
    }

    /// The page a request asks for, with the cursors either side and, when asked, the count and the page's place.
    func page(_ db: Database, _ p: Desk.PageRequest) throws -> Desk.Page<Record> {
        let descending = p.cursor?.newestFirst ?? p.newestFirst
        let ordered = descending ? rows.order(sort.desc, id.desc) : rows.order(sort.asc, id.asc)
        func place(_ r: Record, before: Bool) -> String {
            let k = key(r)
            return Desk.Cursor(list: list, before: before, newestFirst: descending, sort: k.sort, id: k.id).text
        }
        func anyBefore(_ k: (sort: Int64, id: Int64)) throws -> Bool {
            try read(db, ordered.filter(beyond(k.sort, k.id, after: false, descending: descending)).reversed(), 0).more
        }
        var records: [Record], next: String?, previous: String?
        if let c = p.cursor, c.before {
            let (rows, more) = try read(db, ordered.filter(beyond(c.sort, c.id, after: false, descending: descending)).reversed(), p.limit)
            records = rows.reversed()
            next = records.last.map { place($0, before: false) }
            previous = more ? records.first.map { place($0, before: true) } : nil
        } else {
            let (rows, more) = try read(db, p.cursor.map { c in ordered.filter(beyond(c.sort, c.id, after: true, descending: descending)) } ?? ordered, p.limit)
            records = rows
            next = more ? records.last.map { place($0, before: false) } : nil
            if let first = records.first, p.cursor != nil, try anyBefore(key(first)) { previous = place(first, before: true) }
        }
        var page = Desk.Page(items: records, next: next, previous: previous)
        if p.counted {
            page.total = try count(db, ordered)
            if let first = records.first {
                let k = key(first)
                page.first = try count(db, ordered.filter(beyond(k.sort, k.id, after: false, descending: descending))) + 1
            }
        }
        return page
    }
}
