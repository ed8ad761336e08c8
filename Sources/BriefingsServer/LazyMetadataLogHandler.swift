import Logging

/// swift-log's standard-error lines, with the logger's metadata formatted only when a line is written.
/// `StreamLogHandler` formats its metadata whenever it is set, and Hummingbird sets a request id on
/// every request's logger: at a calendar-polling rate that formatting was a measurable share of a poll
/// whose line the log level then drops.
struct LazyMetadataLogHandler: LogHandler {
    private var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider) {
        stream = StreamLogHandler.standardError(label: label, metadataProvider: nil)
        self.metadataProvider = metadataProvider
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The same precedence as `StreamLogHandler`: the logger's metadata, then the provider's, then the line's.
    func log(event: LogEvent) {
        var event = event
        let provided = metadataProvider?.get() ?? [:]
        if !metadata.isEmpty || !provided.isEmpty {
            event.metadata = metadata.merging(provided) { _, p in p }.merging(event.metadata ?? [:]) { _, explicit in explicit }
        }
        stream.log(event: event)
    }
}
