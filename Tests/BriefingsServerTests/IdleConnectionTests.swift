import BriefingsDomain
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Issue 27, item 3: with systemd's default 1,024 file descriptors, 1,100 connections that send nothing made `/health`,
/// reads and writes time out while the process burned a core. The real service, under a 1,024-descriptor limit
/// (`prlimit`), is given more idle connections than it has descriptors; `/health` must still answer.
@Suite("A thousand idle connections", .serialized)
struct IdleConnectionTests {
    /// Opens a TCP connection to 127.0.0.1:port that sends nothing; -1 if it could not.
    static func idleConnection(_ port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // Non-blocking, so a connection the kernel only queues (the service is not accepting) does not hold the test up.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result != 0 && errno != EINPROGRESS { close(fd); return -1 }
        return fd
    }

    /// Raises this test process's own descriptor limit, so it can hold more connections than the service may.
    static func raiseOwnLimit(to wanted: rlim_t) {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < wanted { limit.rlim_cur = min(wanted, limit.rlim_max); setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) }
    }

    static var prlimit: String? {
        ["/usr/bin/prlimit", "/bin/prlimit"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `/health` over a connection of its own, with a timeout: its status, or nil if it did not answer in time.
    static func health(_ port: Int, timeout: Double) async -> Int? {
        let c = URLSessionConfiguration.ephemeral
        c.timeoutIntervalForRequest = timeout
        guard let (_, r) = try? await URLSession(configuration: c).data(from: URL(string: "http://127.0.0.1:\(port)/health")!) else { return nil }
        return (r as? HTTPURLResponse)?.statusCode
    }

    @Test("under a 1,024-descriptor limit, 1,200 idle connections on 127.0.0.1 leave /health answering",
          .enabled(if: IdleConnectionTests.prlimit != nil, "no prlimit (util-linux) to lower the service's descriptor limit"))
    func idleConnections() async throws {
        let path = LiveServiceTests.temporaryPath()
        defer { LiveServiceTests.remove(path) }
        _ = try await Fixture.make(path: path)
        Self.raiseOwnLimit(to: 4096)
        let idle = 1_200, idleTimeout = 3.0
        let (server, port) = try await DrillTests.start(path, environment: ["BRIEFINGS_IDLE_TIMEOUT": "\(idleTimeout)"],
                                                        wrapper: [Self.prlimit!, "--nofile=1024:1024", "--"])
        defer { server.terminate(); server.waitUntilExit() }
        var sockets: [Int32] = []
        defer { for fd in sockets { close(fd) } }
        for _ in 0..<idle {
            let fd = Self.idleConnection(port)
            if fd >= 0 { sockets.append(fd) }
        }
        #expect(sockets.count >= 1_100, "the test opened \(sockets.count) idle connections")
        try await Task.sleep(for: .milliseconds(500))
        // While they are held open: /health answers within a few idle timeouts, not never.
        let started = ContinuousClock.now
        let status = await Self.health(port, timeout: idleTimeout * 4)
        print("/health with \(sockets.count) idle connections held (descriptors 1,024, idle timeout \(idleTimeout) s): \(status.map(String.init) ?? "no answer") after \(ContinuousClock.now - started)")
        #expect(status == 200)
        #expect(server.isRunning)
        // The idle ones were closed by the service; a second look answers at once.
        let again = await Self.health(port, timeout: idleTimeout)
        #expect(again == 200)
    }
}
