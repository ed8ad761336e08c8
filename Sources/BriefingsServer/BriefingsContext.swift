import Hummingbird

/// The request context: who the bearer token says is acting, where the request came from, and a small upload limit.
public struct BriefingsContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The roster person a valid token belongs to.
    public var person: String?
    /// The connected peer's IP address (the reverse proxy's, behind one): what the web desk's sign-in limits count by.
    public var peerAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        person = nil
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies larger than this are refused with 413: every form here is small.
    public var maxUploadSize: Int { 64 * 1024 }
}
