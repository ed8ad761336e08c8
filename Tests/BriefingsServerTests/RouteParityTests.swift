import BriefingsServer
import Foundation
import Hummingbird
import Testing

/// The router and `openapi.yaml` describe the same routes: every path and method the router holds is in the
/// document, and every operation the document lists is a route.
@Suite("Router and openapi.yaml in step")
struct RouteParityTests {
    /// `METHOD /path` for every operation under `paths:`, read line by line: a path is a two-space-indented key
    /// starting with `/`, an operation a four-space-indented HTTP method under it.
    static func documentedRoutes(_ yaml: String) -> Set<String> {
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        var routes: Set<String> = [], inPaths = false, path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), !line.isEmpty { inPaths = line == "paths:"; path = nil; continue }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), let colon = line.firstIndex(of: ":") {
                let key = line[line.index(line.startIndex, offsetBy: 4)..<colon]
                if methods.contains(String(key)) { routes.insert("\(key.uppercased()) \(path)") }
            }
        }
        return routes
    }

    @Test("every route the router holds is in openapi.yaml, and every operation there is a route")
    func parity() async throws {
        let f = try await Fixture.make()
        // The web desk's pages (HTML forms under /desk, and / sending a browser there) are not the JSON API: the desk's
        // own authorisation matrix (DeskMatrixTests) holds every one of them.
        let held = Set(buildRouter(desk: f.desk).routes.map { "\($0.method.rawValue) \($0.path.description)" }
            .filter { !Self.isDeskPage($0) })
        let documented = Self.documentedRoutes(OpenAPIDocument.file)
        #expect(held.count > 40, "the router holds \(held.count) routes")
        #expect(held.subtracting(documented).isEmpty, "routes missing from openapi.yaml: \(held.subtracting(documented).sorted())")
        #expect(documented.subtracting(held).isEmpty, "operations in openapi.yaml that no route serves: \(documented.subtracting(held).sorted())")
    }

    /// A web desk route (`GET /desk/queue`, `GET /`), as the router describes it.
    static func isDeskPage(_ route: String) -> Bool {
        let path = route.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
        return path == "/" || path == "/desk" || path.hasPrefix("/desk/")
    }

    @Test("the line reader finds paths and methods, and nothing outside paths:")
    func reader() {
        let yaml = """
            openapi: 3.1.0
            paths:
              /a/{ref}:
                get:
                  responses: {}
                post:
                  summary: x
                parameters: []
              /b:
                head: {responses: {}}
            components:
              schemas:
                get: {type: object}
            """
        #expect(Self.documentedRoutes(yaml) == ["GET /a/{ref}", "POST /a/{ref}", "HEAD /b"])
    }
}
