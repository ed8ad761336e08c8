import BriefingsDomain
import CSV
import Foundation

/// The roster as spreadsheets (issue 26 item 4): a folder with one CSV file each for groups, members, assistants,
/// officers and rooms, as a spreadsheet exports them (UTF-8, a header row, any column order). The council's own settings
/// (its name and address, profile and overrides, approver, deputy, Monitoring Officer, administrators) are not in them:
/// they stay as the database holds them. Read through `RosterFile`, so every check of a JSON roster holds, and each
/// problem is named by its file and row.
public enum RosterCSV {
    /// Each sheet's file and columns, the required ones first.
    public static let sheets: [(file: String, columns: [String], required: Int)] = [
        ("groups.csv", ["id", "name", "leader", "controlling"], 3),
        ("members.csv", ["id", "name", "email", "group", "kind"], 2),
        ("assistants.csv", ["id", "name", "group", "email"], 3),
        ("officers.csv", ["id", "name", "title", "grade", "remit", "email", "hours", "lineManager"], 5),
        ("rooms.csv", ["id", "name", "capacity"], 2),
    ]

    public struct Problems: Error, Sendable, CustomStringConvertible {
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// Writes the roster's sheets into `folder` (made if missing); returns the files written.
    public static func export(_ r: Roster, to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rows: [String: [[String]]] = [
            // A councillor without a group is listed as a group of their own in the roster; the sheet holds real groups only.
            "groups.csv": r.politicalGroups.map { [$0.id, $0.name, $0.leader, $0.controlling ? "yes" : ""] },
            "members.csv": r.members.map { [$0.id, $0.name, $0.email ?? "", $0.group ?? "", $0.kind.rawValue] },
            "assistants.csv": r.assistants.map { [$0.id, $0.name, $0.group, $0.email ?? ""] },
            "officers.csv": r.officers.map { [$0.id, $0.name, $0.title, $0.grade.rawValue, $0.remit.joined(separator: "; "), $0.email ?? "",
                                              $0.hours.description, $0.lineManager ?? ""] },
            "rooms.csv": r.rooms.map { [$0.id, $0.name, $0.capacity.map(String.init) ?? ""] },
        ]
        return try sheets.map { sheet in
            let csv = try CSVWriter(stream: .toMemory())
            try csv.write(row: sheet.columns)
            for row in rows[sheet.file] ?? [] { try csv.write(row: row) }
            csv.stream.close()
            let url = folder.appendingPathComponent(sheet.file)
            // The writer puts a line break between rows; a text file ends with one too, so a row added at the end stands alone.
            var data = csv.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            data.append(0x0A)
            try data.write(to: url, options: .atomic)
            return url
        }
    }

    /// The roster file (`RosterFile`'s JSON) that the folder's sheets make with the council's current settings, or every
    /// problem, each by file and row ("members.csv row 4: kind: 'councillor' is not elected or co-opted").
    public static func rosterFile(from folder: URL, council current: Roster) throws(Problems) -> Data {
        var read: [String: Data] = [:]
        for sheet in sheets { read[sheet.file] = FileManager.default.contents(atPath: folder.appendingPathComponent(sheet.file).path) }
        return try rosterFile(sheets: read, council: current) {
            "\($0): missing from \(folder.path); `roster export` writes one to start from (an empty sheet keeps its header row)"
        }
    }

    /// The same from the sheets' contents by file name (the desk's upload); `missing` words a sheet not given.
    public static func rosterFile(sheets given: [String: Data], council current: Roster, missing: (String) -> String) throws(Problems) -> Data {
        var problems: [String] = []
        var tables: [String: [(row: Int, fields: [String: String])]] = [:]
        for sheet in sheets {
            guard var data = given[sheet.file] else {
                problems.append(missing(sheet.file))
                continue
            }
            if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }   // the byte-order mark a spreadsheet writes
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append("\(sheet.file): not UTF-8 text; save it as \"CSV UTF-8\""); continue
            }
            do {
                let reader = try CSVReader(string: text, hasHeaderRow: true)
                let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
                let unknown = header.filter { !sheet.columns.contains($0) }
                let missing = sheet.columns.prefix(sheet.required).filter { !header.contains($0) }
                if !unknown.isEmpty || !missing.isEmpty {
                    problems.append("\(sheet.file) row 1: " + [missing.isEmpty ? nil : "missing column \(missing.joined(separator: ", "))",
                                                               unknown.isEmpty ? nil : "unknown column \(unknown.joined(separator: ", "))"]
                        .compactMap { $0 }.joined(separator: "; ") + "; the columns are \(sheet.columns.joined(separator: ", "))")
                    continue
                }
                var rows: [(Int, [String: String])] = []
                var number = 1
                while let row = reader.next() {
                    number += 1
                    if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                    guard row.count == header.count else {
                        problems.append("\(sheet.file) row \(number): \(row.count) fields where the header has \(header.count)"); continue
                    }
                    var fields: [String: String] = [:]
                    for (column, value) in zip(header, row) {
                        let v = value.trimmingCharacters(in: .whitespaces)
                        if !v.isEmpty { fields[column] = v }
                    }
                    rows.append((number, fields))
                }
                if let error = reader.error { problems.append("\(sheet.file): \(error)") }
                tables[sheet.file] = rows
            } catch {
                problems.append("\(sheet.file): not a CSV file (\(error))")
            }
        }
        if !problems.isEmpty { throw Problems(problems: problems) }

        // The JSON roster, and where each of its entries came from.
        var from: [String: String] = [:]
        func rows(_ file: String) -> [(row: Int, fields: [String: String])] { tables[file] ?? [] }
        var groups: [[String: Any]] = []
        for (i, r) in rows("groups.csv").enumerated() {
            var g: [String: Any] = r.fields.filter { $0.key != "controlling" }
            if let c = r.fields["controlling"] {
                switch c.lowercased() {
                case "yes", "true", "y", "1": g["controlling"] = true
                case "no", "false", "n", "0": g["controlling"] = false
                default: g["controlling"] = c
                }
            }
            g["assistants"] = [[String: Any]]()
            groups.append(g)
            from["groups[\(i)]"] = "groups.csv row \(r.row)"
        }
        for r in rows("assistants.csv") {
            guard let gi = groups.firstIndex(where: { $0["id"] as? String == r.fields["group"] }) else {
                problems.append("assistants.csv row \(r.row): group: '\(r.fields["group"] ?? "")' is not a group in groups.csv"); continue
            }
            var list = groups[gi]["assistants"] as? [[String: Any]] ?? []
            from["groups[\(gi)].assistants[\(list.count)]"] = "assistants.csv row \(r.row)"
            list.append(r.fields.filter { $0.key != "group" })
            groups[gi]["assistants"] = list
        }
        let members: [[String: Any]] = rows("members.csv").enumerated().map { i, r in
            from["members[\(i)]"] = "members.csv row \(r.row)"
            return r.fields
        }
        let officers: [[String: Any]] = rows("officers.csv").enumerated().map { i, r in
            from["officers[\(i)]"] = "officers.csv row \(r.row)"
            var o: [String: Any] = r.fields
            o["remit"] = (r.fields["remit"] ?? "").split(whereSeparator: { $0 == ";" || $0 == "," })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return o
        }
        let rooms: [[String: Any]] = rows("rooms.csv").enumerated().map { i, r in
            from["rooms[\(i)]"] = "rooms.csv row \(r.row)"
            var room: [String: Any] = r.fields
            if let c = r.fields["capacity"] { room["capacity"] = Int(c) ?? c as Any }
            return room
        }
        if !problems.isEmpty { throw Problems(problems: problems) }

        var council: [String: Any] = ["name": current.councilName]
        if let e = current.councilEmail { council["email"] = e }
        if current.profileStated { council["profile"] = current.profileName }
        if !current.overrides.isEmpty, let data = try? JSONEncoder().encode(current.overrides),
           let o = try? JSONSerialization.jsonObject(with: data) { council["overrides"] = o }
        var root: [String: Any] = ["council": council, "approver": current.approver, "groups": groups, "members": members,
                                   "officers": officers, "rooms": rooms,
                                   "administrators": current.administrators.map { a -> [String: Any] in
                                       var d: [String: Any] = ["id": a.id, "name": a.name]
                                       if let e = a.email { d["email"] = e }
                                       return d
                                   }]
        if let d = current.deputyApprover { root["deputyApprover"] = d }
        if let m = current.monitoringOfficer { root["monitoringOfficer"] = m }
        let data: Data
        do { data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]) } catch {
            throw Problems(problems: ["the sheets could not be read as a roster: \(error)"])
        }
        do { _ = try RosterFile.parse(data) } catch {
            // Each problem by its sheet and row: the longest path of an entry the problem starts with.
            let paths = from.keys.sorted { $0.count > $1.count }
            throw Problems(problems: error.problems.map { p in
                guard let path = paths.first(where: { p.hasPrefix($0 + ".") || p.hasPrefix($0 + ":") }) else { return p }
                let rest = p.dropFirst(path.count).drop { $0 == "." }
                return "\(from[path]!): \(rest.hasPrefix(":") ? String(rest.dropFirst()).trimmingCharacters(in: .whitespaces) : String(rest))"
            })
        }
        return data
    }
}
