/// The JSON API as `openapi.yaml` (this folder's, the only copy) describes it: the swift-openapi-generator build plugin
/// generates its types, the server's `APIProtocol` and the command line's `Client` from that file at build time.
/// Nothing here is written by hand but this note: change the API by changing `openapi.yaml`.
@_exported import OpenAPIRuntime
