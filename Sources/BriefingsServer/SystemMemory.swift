#if canImport(Glibc)
import Glibc
#endif

/// glibc malloc controls, looked up at run time: Swift's Glibc module does not export `<malloc.h>`.
/// Elsewhere (another libc, or none of these symbols) every call does nothing.
public enum SystemMemory {
    /// Returns free heap memory in every arena to the system (`malloc_trim(0)`).
    public static func trim() {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
        #endif
    }

    /// Caps the number of malloc arenas (`mallopt(M_ARENA_MAX, n)`). glibc makes up to eight per core as
    /// threads contend, and each keeps its own free memory; a server whose threads share a few caches
    /// needs only a couple. Call before the threads start.
    public static func limitArenas(to count: Int32) {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let M_ARENA_MAX: Int32 = -8
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)(M_ARENA_MAX, count)
        #endif
    }
}
