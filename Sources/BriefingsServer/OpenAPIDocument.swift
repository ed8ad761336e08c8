/// The API's OpenAPI 3.1 description: `Sources/BriefingsAPI/openapi.yaml`, the only copy (also the generator's input), compiled in at build time by the
/// EmbedOpenAPI plugin (as `Schema/` is by EmbedSchema), so the service serves it from wherever its binary is copied.
public enum OpenAPIDocument {
    /// The file byte for byte: what `GET /openapi.yaml` serves.
    public static let file: String = EmbeddedOpenAPI.text

    /// The file without its final line feed: what `briefings openapi` prints (its own line end puts it back).
    public static var yaml: String { file.hasSuffix("\n") ? String(file.dropLast()) : file }
}
