import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The system's sendmail interface, the one transport (`docs/operations.md`, "Email"): a command that reads a whole
/// message on standard input and takes its recipients from its headers (`-t`), as Debian's `msmtp-mta`, Postfix and Exim
/// provide it. The council's relay, TLS and credentials live in that program's configuration, never here.
public struct SendmailCommand: Sendable, Equatable, CustomStringConvertible {
    /// The default, for a host whose mail system provides `/usr/sbin/sendmail`.
    public static let standard = "/usr/sbin/sendmail -t -i"
    /// The environment variable that sets it for `serve` and `outbox deliver` (a `--sendmail` option wins).
    public static let environmentVariable = "BRIEFINGS_SENDMAIL"
    /// How long one hand-over may take before the command is stopped and the attempt counts as failed.
    public static let timeLimit: TimeInterval = 60

    /// The program and its arguments, as split from the setting.
    public let arguments: [String]
    public let timeLimit: TimeInterval

    /// Why a setting is not a command.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Splits a command line the way a shell would for plain words and quotes (`msmtp -C '/etc/my msmtprc' -t`); no
    /// variables, globs or pipes. An empty or unbalanced setting is refused.
    public init(_ text: String, timeLimit: TimeInterval = SendmailCommand.timeLimit) throws(Invalid) {
        var words: [String] = [], word = "", inWord = false
        var quote: Character? = nil, escaped = false
        for ch in text {
            if escaped { word.append(ch); escaped = false; inWord = true; continue }
            switch (quote, ch) {
            case (nil, "\\"), ("\"", "\\"): escaped = true
            case (nil, "'"), (nil, "\""): quote = ch; inWord = true
            case ("'", "'"), ("\"", "\""): quote = nil
            case (nil, _) where ch.isWhitespace:
                if inWord { words.append(word); word = ""; inWord = false }
            default: word.append(ch); inWord = true
            }
        }
        if quote != nil || escaped { throw Invalid(description: "the sendmail command '\(text)' has an unclosed quote or a trailing backslash") }
        if inWord { words.append(word) }
        guard !words.isEmpty else { throw Invalid(description: "the sendmail command is empty") }
        arguments = words
        self.timeLimit = timeLimit
    }

    public var description: String {
        arguments.map { $0.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\"" }) ? "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" : $0 }
            .joined(separator: " ")
    }

    /// The program to run: a path as given, or a bare name found on `PATH`.
    func executable() -> String? {
        let program = arguments[0]
        let fm = FileManager.default
        if program.contains("/") { return fm.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { fm.isExecutableFile(atPath: $0) }
    }

    /// Why a hand-over failed: said so that an administrator knows what to change.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Hands one message to the command and waits for it: success is its exit status 0. Anything else (the program
    /// missing, a non-zero exit, a signal, the time limit) is a `Failure` naming what happened and what it said.
    public func send(_ message: [UInt8]) throws(Failure) {
        guard let program = executable() else {
            throw Failure(description: "the sendmail command '\(arguments[0])' does not exist or is not executable; install a mail transfer agent (Debian: msmtp-mta or postfix) or set \(Self.environmentVariable) / --sendmail to one")
        }
        // A command that exits before reading the whole message must fail that write, not end this process. Ignored
        // here, where the pipe is written, so every caller is covered (`OutboxDeliverer`, and the tests that send directly).
        signal(SIGPIPE, SIG_IGN)
        // Its output goes to a file, not a pipe: a chatty command can never block on a full pipe while we wait for it.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-sendmail-\(getpid())-\(UUID().uuidString).log").path
        let logFD = open(log, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard logFD >= 0 else {
            throw Failure(description: "could not create \(log) for the sendmail command's output (\(String(cString: strerror(errno)))); check the temporary folder (TMPDIR)")
        }
        unlink(log)   // read through its descriptor; nothing left behind
        defer { close(logFD) }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(description: "could not make a pipe to the sendmail command: \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        // Neither end may reach another child; the command gets the read end as its standard input only.
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC); _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_adddup2(&actions, logFD, 1)
        posix_spawn_file_actions_adddup2(&actions, logFD, 2)
        // Nothing else of ours reaches the command: the database, the service's lock and its sockets are opened close-on-exec.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // This process ignores SIGPIPE; the command gets the default back, and no blocked signals.
        var defaults = sigset_t(), none = sigset_t()
        sigemptyset(&defaults); sigaddset(&defaults, SIGPIPE)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments.dropFirst()).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let spawned = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            throw Failure(description: "the sendmail command \(program) could not be started: \(String(cString: strerror(spawned)))")
        }
        let deadline = Date().addingTimeInterval(timeLimit)
        // Write without blocking, so that the time limit holds even for a command that never reads.
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        var written = 0, writeError: String?
        while written < message.count, writeError == nil, Date() < deadline {
            let n = message.withUnsafeBytes { write(writeEnd, $0.baseAddress! + written, message.count - written) }
            if n > 0 { written += n; continue }
            if n < 0 && (errno == EAGAIN || errno == EINTR) {
                var p = pollfd(fd: writeEnd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&p, 1, 100)
                continue
            }
            writeError = String(cString: strerror(errno))
        }
        close(writeEnd)
        var status: Int32 = 0, timedOut = false
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { break }
            if Date() >= deadline && !timedOut {
                timedOut = true
                kill(pid, SIGTERM)
                // Two seconds to stop, then SIGKILL; either way it is reaped below.
                for _ in 0..<200 where waitpid(pid, &status, WNOHANG) == 0 { usleep(10_000) }
                if waitpid(pid, &status, WNOHANG) == 0 { kill(pid, SIGKILL); waitpid(pid, &status, 0) }
                break
            }
            usleep(5_000)
        }
        var said = [UInt8](repeating: 0, count: 600)
        let n = pread(logFD, &said, said.count, 0)
        let text = String(decoding: said.prefix(max(0, n)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let detail = text.isEmpty ? "" : ": \(text.prefix(500))"
        if timedOut {
            throw Failure(description: "the sendmail command \(self) did not finish within \(Int(timeLimit)) seconds and was stopped\(detail)")
        }
        let signalled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f, exitStatus = (status >> 8) & 0xff
        if signalled { throw Failure(description: "the sendmail command \(self) was killed by signal \(status & 0x7f)\(detail)") }
        if exitStatus != 0 { throw Failure(description: "the sendmail command \(self) exited with status \(exitStatus)\(detail)") }
        if let writeError {
            throw Failure(description: "the sendmail command \(self) stopped reading the message (\(writeError))\(detail)")
        }
        if written < message.count {
            throw Failure(description: "the sendmail command \(self) did not read the whole message within \(Int(timeLimit)) seconds\(detail)")
        }
    }
}
