import Hummingbird

/// The request context: who the bearer token says is acting, and a small upload limit.
public struct BriefingsContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The roster person a valid token belongs to.
    public var person: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        person = nil
    }

    /// Request bodies larger than this are refused with 413: every form here is small.
    public var maxUploadSize: Int { 64 * 1024 }
}
