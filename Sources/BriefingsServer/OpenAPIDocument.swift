/// The API's OpenAPI 3.1 description, served at `/openapi.yaml` (and written to the repo's `openapi.yaml`
/// by `briefings openapi`; a test keeps the two equal).
public enum OpenAPIDocument {
    public static let yaml = """
    openapi: 3.1.0
    info:
      title: briefings
      version: 1.0.0
    paths: {}
    """
}
