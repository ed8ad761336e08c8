import ArgumentParser
import BriefingsStore
import Foundation

/// `briefings backup FILE`: a consistent copy of the live database, checked.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the database to a new file, while the service keeps running.",
        discussion: "The copy is one moment of the database (SQLite's VACUUM INTO), written beside FILE and renamed into place, then checked: SQLite's integrity check and the audit chain. Run it on the server; docs/operations.md has a nightly systemd timer. Put it back with `briefings restore FILE` (service stopped).")
    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("The backup file to write; it must not exist yet.", valueName: "file")) var file: String

    func run() async throws {
        let desk = try store.desk()
        if FileManager.default.fileExists(atPath: file) {
            throw CLIError(.conflict, "\(file) already exists; name a new file, e.g. with the date in it (briefings-$(date +%F).sqlite)")
        }
        do { try desk.database.backup(to: file) } catch let error as DatabaseFileError {
            throw CLIError(.failure, "the backup could not be written to \(file) (\(error.detail)); check the folder exists, is writable and has space")
        }
        let check = try AppDatabase.check(backup: file)
        guard check.sound else {
            throw CLIError(.auditBroken, "the backup in \(file) does not check: " + Restore.problems(check).joined(separator: "; ")
                           + ". Run `briefings audit --verify` on the database itself and tell the Monitoring Officer.")
        }
        store.emit(check) {
            Console.current.print("Backed up \(store.path) to \(file): integrity ok, audit trail intact (\(check.audit?.entries ?? 0) entries).")
        }
    }
}

/// `briefings restore FILE`: put a checked backup in the place of the database (the service stopped).
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the database with a backup, after checking it (stop the service first).",
        discussion: "Refuses, changing nothing, a backup that fails SQLite's integrity check or whose audit chain does not verify, and refuses while `briefings serve` has the database open. The database it replaces is kept beside it as DATABASE.before-restore-TIME. Everything written after the backup was taken is lost: see docs/operations.md.")
    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("The backup file, from `briefings backup`.", valueName: "file")) var file: String

    func run() async throws {
        try store.refuseServer()
        guard FileManager.default.fileExists(atPath: file) else {
            throw CLIError(.notFound, "no backup file at \(file); list the backups folder and pass one of its files")
        }
        let check: AppDatabase.BackupCheck
        do { check = try AppDatabase.check(backup: file) } catch let error as DatabaseFileError {
            throw CLIError(.badDatabase, "\(file) is not a briefings backup (\(error.detail)); nothing was changed. Pass a file written by `briefings backup`")
        }
        if !check.integrityProblems.isEmpty || !check.council {
            throw CLIError(.badDatabase, "\(file) is not a sound briefings backup: " + Self.problems(check).joined(separator: "; ")
                           + ". Nothing was changed; restore an earlier backup.")
        }
        if check.audit?.intact != true {
            throw CLIError(.auditBroken, "the audit trail in \(file) does not verify: " + Self.problems(check).joined(separator: "; ")
                           + ". Nothing was changed; restore an earlier backup and tell the Monitoring Officer.")
        }
        if AppDatabase.inUseByService(store.path) {
            throw CLIError(.conflict, "`briefings serve` has \(store.path) open; stop the service (systemctl stop briefings), then restore. Nothing was changed.")
        }
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let kept = try AppDatabase.restore(backup: file, to: store.path, stamp: stamp)
        _ = try StoreOptions.open(store.path)   // migrates a backup from an older release; WAL again
        Console.current.print("Restored \(store.path) from \(file): integrity ok, audit trail intact (\(check.audit?.entries ?? 0) entries).")
        if let kept { Console.current.print("The database it replaced is kept as \(kept); delete it once the restore is checked.") }
    }

    static func problems(_ check: AppDatabase.BackupCheck) -> [String] {
        var out = check.integrityProblems.prefix(5).map { "integrity: \($0)" }
        if !check.council { out.append("it holds no council (not a briefings database, or never initialised)") }
        out += (check.audit?.problems ?? []).prefix(5).map { "audit: \($0)" }
        return out
    }
}
