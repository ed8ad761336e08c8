/// The JSON API as `openapi.yaml` (this folder's, the only copy) describes it: the swift-openapi-generator build plugin
/// generates its types, the server's `APIProtocol` and the command line's `Client` from that file at build time.
/// Change the API by changing `openapi.yaml`; there is no hand-written code here. The types are the wire shapes: the
/// server (`APIWire+Values.swift`) and the remote client (`BriefingsRemote`) map the desk's values to and from them
/// field by field, so a renamed field fails to build.
@_exported import OpenAPIRuntime
