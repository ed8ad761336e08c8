import BriefingsCLI
import Foundation
import Testing

/// Issue 26 item 4: the roster from a spreadsheet. Export, edit, preview (nothing written), import; bad rows refused by
/// sheet and row, nothing written; a person who leaves keeps their history.
@Suite("The roster as CSV sheets")
struct CLIRosterCSVTests {
    static func edit(_ folder: URL, _ file: String, _ change: (String) -> String) throws {
        let url = folder.appendingPathComponent(file)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    @Test("export, edit in a spreadsheet, preview (nothing written), import: who joins, leaves, changes group or grade; history kept")
    func roundTrip() async throws {
        let c = try await Council()
        #expect(await c.request().code == 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var r = await c.run("roster", "export", folder.path)
        #expect(r.code == 0 && r.out.contains("members.csv"), "\(r)")
        let members = try String(contentsOf: folder.appendingPathComponent("members.csv"), encoding: .utf8)
        #expect(members.hasPrefix("id,name,email,group,kind") && members.contains("m-patel,Cllr Asha Patel,cllr.asha.patel@example.gov.uk,LAB,elected"), "\(members)")

        // Unchanged, it changes nobody.
        r = await c.run("roster", "import", folder.path, "--preview")
        #expect(r.code == 0 && r.out.contains("would change nobody"), "\(r)")

        // As a spreadsheet would save it: a byte-order mark, Windows line ends, a new councillor, one leaving, one crossing the floor.
        try Self.edit(folder, "members.csv") { text in
            "\u{FEFF}" + text.replacingOccurrences(of: "m-brown,Cllr Jo Brown,cllr.jo.brown@example.gov.uk,LAB,elected\n", with: "")
                .replacingOccurrences(of: "m-lewis,Cllr Mary Lewis,cllr.mary.lewis@example.gov.uk,CON,elected", with: "m-lewis,Cllr Mary Lewis,cllr.mary.lewis@example.gov.uk,LD,elected")
                .appending("m-new,\"Cllr Sam O'Neill, Jr\",sam.oneill@example.gov.uk,GRN,elected\n")
                .replacingOccurrences(of: "\n", with: "\r\n")
        }
        try Self.edit(folder, "officers.csv") { $0.replacingOccurrences(of: "Head of Housing,head-of-service", with: "Head of Housing,assistant-director") }
        let before = try c.snapshot()
        r = await c.run("roster", "import", folder.path, "--preview")
        #expect(r.code == 0 && r.out.contains("would make 4 changes (nothing was written)"), "\(r)")
        for line in ["joins: Cllr Sam O'Neill, Jr (m-new), member of GRN", "leaves: Cllr Jo Brown (m-brown), member of LAB; kept as inactive",
                     "changes group: Cllr Mary Lewis (m-lewis) from CON to LD", "changes grade: Grace Kim (o-hos-housing) from head-of-service to assistant-director"] {
            #expect(r.out.contains(line), "\(line) missing from \(r.out)")
        }
        #expect(try c.snapshot() == before, "a preview wrote something")

        r = await c.run("roster", "import", folder.path)
        #expect(r.code == 0 && r.out.contains("No longer on the roster (kept, inactive): m-brown"), "\(r)")
        r = await c.run("roster", "show", "--json")
        #expect(r.out.contains("m-new") && !r.out.contains("m-brown") && r.out.contains("Demo District Council"), "the council's settings kept: \(r.out.prefix(300))")
        r = await c.run("audit", "--as", "o-mo")
        #expect(r.out.contains("request.submit RQ-0001") && r.out.contains("roster.import"), "history kept: \(r)")
    }

    @Test("bad rows are refused by sheet and row, every one at once, and nothing is written")
    func badRows() async throws {
        let c = try await Council()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(await c.run("roster", "export", folder.path).code == 0)
        try Self.edit(folder, "members.csv") { $0.replacingOccurrences(of: "m-okafor,Cllr Tunde Okafor,cllr.tunde.okafor@example.gov.uk,LAB,elected",
                                                                        with: "m-okafor,Cllr Tunde Okafor,cllr.tunde.okafor@example.gov.uk,LAB,councillor") }
        try Self.edit(folder, "rooms.csv") { $0 + "cr9,Annexe,lots\n" }
        try Self.edit(folder, "officers.csv") { $0.replacingOccurrences(of: "o-planner,Amy Turner,Senior Planning Officer,officer,planning,",
                                                                         with: "o-planner,Amy Turner,Senior Planning Officer,officer,,") }
        let before = try c.snapshot()
        var r = await c.run("roster", "import", folder.path)
        #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("nothing changed"), "\(r)")
        for problem in ["members.csv row 3: kind: 'councillor' is not elected or co-opted", "rooms.csv row 5: capacity: expected a whole number",
                        "officers.csv row 8: remit:"] {
            #expect(r.err.contains(problem), "\(problem) missing from \(r.err)")
        }
        #expect(try c.snapshot() == before)

        // A sheet without a required column, or with one nobody knows: named, with the columns it takes.
        try "id,fullname\ncr1,Committee Room 1\n".write(to: folder.appendingPathComponent("rooms.csv"), atomically: true, encoding: .utf8)
        r = await c.run("roster", "import", folder.path, "--preview")
        #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("rooms.csv row 1: missing column name; unknown column fullname; the columns are id, name, capacity"), "\(r)")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("groups.csv"))
        r = await c.run("roster", "import", folder.path)
        #expect(r.err.contains("groups.csv: missing from"), "\(r)")
        #expect(try c.snapshot() == before)
    }
}
