// powercut: a power cut for the durability drills (Tests/BriefingsServerTests/DrillTests.swift).
//
// A kill -9 ends a process, not the machine: whatever it wrote is still in the page cache, synced or not, so a
// kill -9 drill passes even when nothing is ever synced. This file simulates losing the page cache.
//
// Built twice by the drill:
//
//   cc -shared -fPIC -o libpowercut.so powercut.c -ldl -lpthread     the shim, for LD_PRELOAD
//   cc -DPOWERCUT_REPLAY -o powercut powercut.c                      the power cut itself
//
// The shim (LD_PRELOAD=libpowercut.so, with POWERCUT_DIR and POWERCUT_JOURNAL set, absolute): for every regular
// file directly in the folder POWERCUT_DIR, opened by its absolute path (except SQLite's -shm), each write(), pwrite() and ftruncate() first appends to an undo
// journal in the folder POWERCUT_JOURNAL the bytes and the file size it is about to replace. A successful fsync()
// or fdatasync() of the file empties its journal: what was synced is on the disk. So at any moment the journals
// hold exactly the writes a power cut would lose. One journal per file (named by device and inode, so a rename
// such as a backup moved into place keeps it), shared by every process under the shim, and appended and emptied
// under flock(), so two processes writing the same file keep it right. Unlinking a file (or renaming another over
// it) retires its journal, so a new file given the same inode number starts afresh.
// POWERCUT_NOSYNC=1 makes fsync() and fdatasync() of those files return success without syncing anything, which
// is what SQLite's `synchronous=OFF` amounts to: the drill's proof that it catches weakened durability.
//
// The power cut (`powercut replay JOURNAL DIR`, run once every process under the shim is dead): undoes, newest
// first, every write in every journal on the file in DIR with that device and inode; syncs each file; deletes the
// journals; and deletes SQLite's -shm files in DIR (the wal-index is shared memory, gone with the power; SQLite
// rebuilds it from the WAL). It prints one line per file and a last line `powercut: N unsynced write(s) undone`.
//
// Modelled: file contents (write, pwrite, ftruncate: what SQLite uses; not mmap, which SQLite leaves off by
// default, nor copy_file_range). Not modelled: directory entries (a create, rename or unlink is kept as if its
// folder had been synced) and torn sectors (a write is lost whole or kept whole).
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

// A journal record: the range [start, start + n) held these n bytes and the file was oldsize long, just before
// a write or truncate changed them. Little-endian, as written (the drill runs on the machine that wrote it).
struct record { uint64_t start, oldsize, n; };

#ifndef POWERCUT_REPLAY

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>

#define MAXFD 4096
#define MAXFILES 64

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int fd_file[MAXFD];                      // fd -> tracked file index + 1 (0: not tracked)
static struct { dev_t dev; ino_t ino; int journal; } files[MAXFILES];
static int nfiles;
static char dir[1024], journal[1024];
static int nosync;

// A file's journal: JOURNAL/DEVICE-INODE.undo (what the replay parses).
static void journal_name(char *out, size_t size, const char *journal, dev_t dev, ino_t ino) {
    snprintf(out, size, "%s/%llu-%llu.undo", journal, (unsigned long long)dev, (unsigned long long)ino);
}

static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_open64)(const char *, int, ...);
static int (*real_open)(const char *, int, ...);
static int (*real_close)(int);
static int (*real_unlink)(const char *);

__attribute__((constructor)) static void init(void) {
    real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
    real_write = dlsym(RTLD_NEXT, "write");
    real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
    real_fsync = dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
    real_open64 = dlsym(RTLD_NEXT, "open64");
    real_open = dlsym(RTLD_NEXT, "open");
    real_close = dlsym(RTLD_NEXT, "close");
    real_unlink = dlsym(RTLD_NEXT, "unlink");
    const char *d = getenv("POWERCUT_DIR"), *j = getenv("POWERCUT_JOURNAL"), *n = getenv("POWERCUT_NOSYNC");
    if (d && j && *d == '/' && *j == '/') {
        snprintf(dir, sizeof dir, "%s%s", d, d[strlen(d) - 1] == '/' ? "" : "/");
        snprintf(journal, sizeof journal, "%s", j);
    }
    nosync = n && strcmp(n, "1") == 0;
}

__attribute__((noreturn)) static void fail(const char *what) {
    // The drill cannot be trusted past this point: say so loudly and stop the process.
    fprintf(stderr, "powercut: %s: %s\n", what, strerror(errno));
    abort();
}

// Tracks fd if it is a regular file directly in POWERCUT_DIR (an absolute path, as SQLite opens it), not a -shm.
static void track(int fd, const char *path) {
    if (fd < 0 || fd >= MAXFD || !*dir || strncmp(path, dir, strlen(dir)) != 0 || strchr(path + strlen(dir), '/')) return;
    size_t len = strlen(path);
    if (len >= 4 && strcmp(path + len - 4, "-shm") == 0) return;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
    pthread_mutex_lock(&mu);
    int i;
    for (i = 0; i < nfiles; i++) if (files[i].dev == st.st_dev && files[i].ino == st.st_ino) break;
    if (i == nfiles) {
        if (nfiles == MAXFILES) { errno = EMFILE; fail("too many files"); }
        char name[1200];
        journal_name(name, sizeof name, journal, st.st_dev, st.st_ino);
        int j = real_open64(name, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (j < 0) fail(name);
        files[i].dev = st.st_dev; files[i].ino = st.st_ino; files[i].journal = j;
        nfiles++;
    }
    fd_file[fd] = i + 1;
    pthread_mutex_unlock(&mu);
}

// Called with the journal locked, just before [off, off + len) of the file (st: as it is now) changes, or for a
// truncate to newsize (truncating set): appends what is there now.
static void record(int fd, int j, const struct stat *st, off64_t off, size_t len, int truncating, off64_t newsize) {
    uint64_t oldsize = (uint64_t)st->st_size;
    uint64_t start = truncating ? (uint64_t)newsize : (uint64_t)off;
    uint64_t end = truncating ? oldsize : (uint64_t)off + len;
    if (end > oldsize) end = oldsize;
    struct record r = { start, oldsize, end > start ? end - start : 0 };
    char *buf = malloc(sizeof r + r.n);
    if (!buf) fail("malloc");
    memcpy(buf, &r, sizeof r);
    if (r.n && pread(fd, buf + sizeof r, r.n, (off_t)start) != (ssize_t)r.n) fail("pread");
    if (real_write(j, buf, sizeof r + r.n) != (ssize_t)(sizeof r + r.n)) fail("journal write");
    free(buf);
}

// Locks (mu, then flock) the journal of fd's file for a change or a sync, filling st; -1, nothing locked, if fd
// is not a tracked file (any more: closed behind our back and reused, or its name retired).
static int lock_journal(int fd, struct stat *st) {
    if (fd < 0 || fd >= MAXFD || !fd_file[fd]) return -1;
    pthread_mutex_lock(&mu);
    int i = fd_file[fd] - 1;
    if (fstat(fd, st) != 0 || files[i].dev != st->st_dev || files[i].ino != st->st_ino) {
        fd_file[fd] = 0;
        pthread_mutex_unlock(&mu);
        return -1;
    }
    int j = files[i].journal;
    if (flock(j, LOCK_EX) != 0) fail("flock");
    return j;
}

static void unlock_journal(int j) {
    flock(j, LOCK_UN);
    pthread_mutex_unlock(&mu);
}

ssize_t pwrite64(int fd, const void *b, size_t n, off64_t off) {
    struct stat st;
    int j = lock_journal(fd, &st);
    if (j < 0) return real_pwrite64(fd, b, n, off);
    record(fd, j, &st, off, n, 0, 0);
    ssize_t r = real_pwrite64(fd, b, n, off);
    unlock_journal(j);
    return r;
}

ssize_t pwrite(int fd, const void *b, size_t n, off_t off) { return pwrite64(fd, b, n, off); }

ssize_t write(int fd, const void *b, size_t n) {
    struct stat st;
    int j = lock_journal(fd, &st);
    if (j < 0) return real_write(fd, b, n);
    off64_t at = (fcntl(fd, F_GETFL) & O_APPEND) ? st.st_size : lseek(fd, 0, SEEK_CUR);
    record(fd, j, &st, at, n, 0, 0);
    ssize_t r = real_write(fd, b, n);
    unlock_journal(j);
    return r;
}

int ftruncate64(int fd, off64_t size) {
    struct stat st;
    int j = lock_journal(fd, &st);
    if (j < 0) return real_ftruncate64(fd, size);
    record(fd, j, &st, 0, 0, 1, size);
    int r = real_ftruncate64(fd, size);
    unlock_journal(j);
    return r;
}

int ftruncate(int fd, off_t size) { return ftruncate64(fd, size); }

static int synced(int fd, int (*real)(int)) {
    struct stat st;
    if (nosync && fd >= 0 && fd < MAXFD && fd_file[fd]) return 0;   // weakened durability: nothing reaches the disk
    int j = lock_journal(fd, &st);
    if (j < 0) return real(fd);
    int r = real(fd);
    if (r == 0 && real_ftruncate64(j, 0) != 0) fail("journal truncate");   // all of this file's writes are on disk
    unlock_journal(j);
    return r;
}

int fsync(int fd) { return synced(fd, real_fsync); }
int fdatasync(int fd) { return synced(fd, real_fdatasync); }

static int opened(int fd, const char *path) { track(fd, path); return fd; }

// Before path is unlinked or renamed over: if it is a tracked file's last name, its journal is retired (its
// file is gone), so a new file given the same inode number later starts a journal of its own.
static void forget(int at, const char *path) {
    struct stat st;
    if (!*dir || fstatat(at, path, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) return;
    pthread_mutex_lock(&mu);
    for (int i = 0; i < nfiles; i++) {
        if (files[i].dev != st.st_dev || files[i].ino != st.st_ino) continue;
        char name[1200];
        journal_name(name, sizeof name, journal, st.st_dev, st.st_ino);
        real_unlink(name);
        files[i].dev = 0; files[i].ino = 0;      // still open descriptors write on into the retired journal
    }
    pthread_mutex_unlock(&mu);
}

int unlink(const char *path) {
    forget(AT_FDCWD, path);
    return real_unlink(path);
}

int unlinkat(int at, const char *path, int flags) {
    static int (*real)(int, const char *, int);
    if (!real) real = dlsym(RTLD_NEXT, "unlinkat");
    if (!(flags & AT_REMOVEDIR)) forget(at, path);
    return real(at, path, flags);
}

int rename(const char *from, const char *to) {
    static int (*real)(const char *, const char *);
    if (!real) real = dlsym(RTLD_NEXT, "rename");
    forget(AT_FDCWD, to);
    return real(from, to);
}

int renameat(int fromat, const char *from, int toat, const char *to) {
    static int (*real)(int, const char *, int, const char *);
    if (!real) real = dlsym(RTLD_NEXT, "renameat");
    forget(toat, to);
    return real(fromat, from, toat, to);
}

int open64(const char *path, int flags, ...) {
    mode_t mode = 0;
    if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) { va_list a; va_start(a, flags); mode = va_arg(a, int); va_end(a); }
    if ((flags & O_TRUNC) && *dir && strncmp(path, dir, strlen(dir)) == 0) {
        fprintf(stderr, "powercut: an O_TRUNC open of %s is not modelled\n", path);
        abort();
    }
    return opened(real_open64(path, flags, mode), path);
}

int open(const char *path, int flags, ...) {
    mode_t mode = 0;
    if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) { va_list a; va_start(a, flags); mode = va_arg(a, int); va_end(a); }
    if ((flags & O_TRUNC) && *dir && strncmp(path, dir, strlen(dir)) == 0) {
        fprintf(stderr, "powercut: an O_TRUNC open of %s is not modelled\n", path);
        abort();
    }
    return opened(real_open(path, flags, mode), path);
}

int close(int fd) {
    if (fd >= 0 && fd < MAXFD) fd_file[fd] = 0;
    return real_close(fd);
}

#else // POWERCUT_REPLAY: the power cut

// Undoes one journal on the file it belongs to; returns the number of writes undone, or -1.
static long replay(const char *journal_path, const char *file) {
    FILE *in = fopen(journal_path, "rb");
    if (!in) { perror(journal_path); return -1; }
    struct record *recs = NULL; char **old = NULL;
    long n = 0, cap = 0;
    struct record r;
    while (fread(&r, sizeof r, 1, in) == 1) {
        char *bytes = malloc(r.n ? r.n : 1);
        if (r.n && fread(bytes, 1, r.n, in) != r.n) { free(bytes); break; }   // a record cut short: its write never ran
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            recs = realloc(recs, cap * sizeof *recs); old = realloc(old, cap * sizeof *old);
        }
        recs[n] = r; old[n] = bytes; n++;
    }
    fclose(in);
    int fd = open(file, O_RDWR | O_CLOEXEC);
    if (fd < 0) { perror(file); return -1; }
    for (long i = n - 1; i >= 0; i--) {
        if (recs[i].n && pwrite(fd, old[i], recs[i].n, (off_t)recs[i].start) != (ssize_t)recs[i].n) { perror(file); return -1; }
        if (ftruncate(fd, (off_t)recs[i].oldsize) != 0) { perror(file); return -1; }
        free(old[i]);
    }
    free(recs); free(old);
    if (fsync(fd) != 0) { perror(file); return -1; }
    close(fd);
    return n;
}

int main(int argc, char **argv) {
    if (argc != 4 || strcmp(argv[1], "replay") != 0) {
        fprintf(stderr, "usage: %s replay JOURNAL-DIR DATA-DIR  (after every process under the shim has died)\n", argv[0]);
        return 64;
    }
    const char *jdir = argv[2], *ddir = argv[3];
    long total = 0;
    int failed = 0;
    DIR *journals = opendir(jdir);
    if (!journals) { perror(jdir); return 1; }
    struct dirent *e;
    while ((e = readdir(journals))) {
        unsigned long long dev, ino;
        char tail[8];
        if (sscanf(e->d_name, "%llu-%llu.%7s", &dev, &ino, tail) != 3 || strcmp(tail, "undo") != 0) continue;
        char jpath[4096], found[4096] = "";
        snprintf(jpath, sizeof jpath, "%s/%s", jdir, e->d_name);
        DIR *data = opendir(ddir);
        if (!data) { perror(ddir); return 1; }
        struct dirent *f;
        while ((f = readdir(data))) {
            char p[4096]; struct stat st;
            snprintf(p, sizeof p, "%s/%s", ddir, f->d_name);
            if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_dev == (dev_t)dev && st.st_ino == (ino_t)ino) {
                snprintf(found, sizeof found, "%s", p);
                break;
            }
        }
        closedir(data);
        if (!*found) {
            printf("powercut: %s: its file is gone (deleted); nothing to undo\n", e->d_name);
        } else {
            long undone = replay(jpath, found);
            if (undone < 0) { failed = 1; continue; }
            printf("powercut: %s: %ld unsynced write(s) undone\n", strrchr(found, '/') + 1, undone);
            total += undone;
        }
        unlink(jpath);
    }
    closedir(journals);
    // The wal-index lives in shared memory: gone with the power.
    DIR *data = opendir(ddir);
    if (!data) { perror(ddir); return 1; }
    while ((e = readdir(data))) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 4, "-shm") != 0) continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", ddir, e->d_name);
        if (unlink(p) != 0) { perror(p); failed = 1; }
    }
    closedir(data);
    printf("powercut: %ld unsynced write(s) undone\n", total);
    return failed;
}

#endif
