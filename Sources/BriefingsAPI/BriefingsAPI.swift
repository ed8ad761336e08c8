import Foundation
/// The JSON API as `openapi.yaml` (this folder's, the only copy) describes it: the swift-openapi-generator build plugin
/// generates its types, the server's `APIProtocol` and the command line's `Client` from that file at build time.
/// Change the API by changing `openapi.yaml`; the only hand-written code here is `WireJSON` below.
@_exported import OpenAPIRuntime

/// A value read as another type through the JSON both encode: how each side maps its own values (the desk's on the
/// server, what the command line prints on the client) to and from the generated types, whose JSON is the same.
public enum WireJSON {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        return e
    }()
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    /// `value` as a `T`, dates as ISO 8601 on both sides; throws the `DecodingError` of a field that does not fit.
    public static func convert<T: Decodable>(_ value: some Encodable, to: T.Type = T.self) throws -> T {
        try decoder.decode(T.self, from: encoder.encode(value))
    }
}
