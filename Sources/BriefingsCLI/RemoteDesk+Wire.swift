import BriefingsAPI
import Foundation

/// The one place the command line's remote mode maps between the generated wire types (`BriefingsAPI`) and the values
/// local mode prints (`BriefingDesk.Receipt`, `SessionForm`, …): both are the JSON `openapi.yaml` describes, so each
/// is read from the other's JSON. A field the description lacks fails here, loudly, rather than going missing.
enum Wire {
    /// A value the service sent, as the type local mode prints.
    static func read<T: Decodable>(_ wire: some Encodable, as: T.Type = T.self) throws -> T {
        do { return try WireJSON.convert(wire) } catch {
            throw CLIError(.failure, "the service's answer does not fit what this client prints (\(error)); are client and server the same version?")
        }
    }

    /// A body to send, as the generated type of the operation's body.
    static func make<W: Decodable>(_ value: some Encodable, as: W.Type = W.self) throws -> W {
        do { return try WireJSON.convert(value) } catch {
            throw CLIError(.failure, "this client could not write the request as openapi.yaml describes it (\(error))")
        }
    }
}
