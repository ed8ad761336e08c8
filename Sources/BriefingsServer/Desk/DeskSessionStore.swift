import BriefingsStore
import Foundation
import Hummingbird

/// The session store behind hummingbird-auth's `SessionMiddleware`: the desk's `web_session` table in the council's
/// SQLite database, so sessions survive a restart and an administrator can end them (revoking the person's tokens, or
/// `briefings person signout`). Only a hash of each session key is stored. `set` with no expiry saves back a session
/// the request read and never re-creates one that was ended meanwhile (`BriefingDesk.saveWebSession`).
struct DeskSessionStore: PersistDriver {
    let desk: BriefingDesk

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        guard try await desk.saveWebSession(key: key, person: Self.person(value), value: try Self.encode(value), expires: expiry(expires), onlyIfNew: true) else {
            throw PersistError.duplicate
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        _ = try await desk.saveWebSession(key: key, person: Self.person(value), value: try Self.encode(value), expires: expiry(expires))
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        guard let stored = try await desk.webSession(key: key) else { return nil }
        guard let object = try? JSONDecoder().decode(type, from: Data(stored.value.utf8)) else { throw PersistError.invalidConversion }
        return (object, stored.expires.map { .seconds(max(0, Int64($0.timeIntervalSince(desk.now())))) })
    }

    func remove(key: String) async throws {
        try await desk.removeWebSession(key: key)
    }

    func run() async throws {}

    private func expiry(_ duration: Duration?) -> Date? {
        duration.map { desk.now().addingTimeInterval(TimeInterval($0.components.seconds)) }
    }

    private static func person(_ value: some Codable) -> String? { (value as? DeskSession)?.person }

    private static func encode(_ value: some Codable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
