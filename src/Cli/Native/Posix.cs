using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Functional.Cli.Native;

/// <summary>What stdout or stderr is at start: writable, closed, or closed and then taken by the runtime for a pipe of its own.</summary>
public enum StandardStream { Usable, Closed, TakenOver }

/// <summary>What a path names, as the kernel's file type says (<c>S_IFMT</c>).</summary>
public enum FileKind { Missing, Regular, Directory, SymbolicLink, NamedPipe, CharacterDevice, BlockDevice, Socket, Unknown }

/// <summary>A path's kind and size, or why it could not be looked at (an errno, e.g. permission denied).</summary>
public readonly record struct FileStatus(FileKind Kind, long Size, int Errno, string Problem)
{
    public bool Failed => Errno != 0;
}

/// <summary>
/// The few POSIX calls .NET has no API for: the type of a file (so a FIFO or a device is never opened as if it were a
/// model file), opening without blocking, hard links, fsync of a folder, whether a process is alive. Linux uses
/// <c>statx</c>, whose buffer has one layout on every architecture; elsewhere the kinds .NET can tell apart are used.
/// </summary>
public static class Posix
{
    const int AtFdCwd = -100;
    const int AtSymlinkNoFollow = 0x100;
    const int AtEmptyPath = 0x1000;
    const uint StatxTypeAndSize = 0x1 | 0x200;
    const int StatxBufferSize = 256;
    const int StatxModeOffset = 28;
    const int StatxSizeOffset = 40;

    // Linux open(2) flags (the generic values, shared by x86-64 and arm64).
    const int ReadOnly = 0;
    const int NoControllingTerminal = 0x100;
    const int NonBlocking = 0x800;
    const int CloseOnExec = 0x80000;
    const int DirectoryOnly = 0x10000;

    const int NoSuchFile = 2;
    const int NoSuchProcess = 3;

    /// <summary>The kind of <paramref name="path"/>, following symbolic links unless <paramref name="followLinks"/> is false.</summary>
    public static FileStatus Status(string path, bool followLinks = true)
    {
        if (!OperatingSystem.IsLinux()) return PortableStatus(path, followLinks);
        var buffer = new byte[StatxBufferSize];
        try
        {
            return statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxTypeAndSize, buffer) == 0
                ? FromStatx(buffer)
                : Failure(Marshal.GetLastPInvokeError());
        }
        catch (EntryPointNotFoundException)
        {
            return PortableStatus(path, followLinks); // a C library older than statx (glibc 2.28)
        }
    }

    /// <summary>The kind of an open file: what was actually opened, whatever the path names by now.</summary>
    public static FileStatus Status(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        var buffer = new byte[StatxBufferSize];
        try
        {
            if (OperatingSystem.IsLinux())
                return statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxTypeAndSize, buffer) == 0
                    ? FromStatx(buffer)
                    : Failure(Marshal.GetLastPInvokeError());
        }
        catch (EntryPointNotFoundException)
        {
            // A C library older than statx: what the path check found is all there is to go on.
        }
        return new FileStatus(FileKind.Regular, RandomAccess.GetLength(handle), 0, "");
    }

    /// <summary>
    /// Opens a file for reading without blocking: opening a FIFO for reading otherwise waits for a writer, forever.
    /// The caller checks the handle's kind before reading it.
    /// </summary>
    public static (Microsoft.Win32.SafeHandles.SafeFileHandle? Handle, int Errno, string Problem) OpenForReading(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                return (File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read), 0, "");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (null, -1, e.Message);
            }
        }
        var fd = open(path, ReadOnly | NonBlocking | CloseOnExec | NoControllingTerminal, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return (null, errno, Marshal.GetPInvokeErrorMessage(errno));
        }
        return (new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true), 0, "");
    }

    /// <summary>A second name for an existing file (<c>link(2)</c>); false where hard links are not possible here.</summary>
    public static bool TryHardLink(string existing, string newName)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return false;
        try
        {
            return link(existing, newName) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Flushes a folder's entries to disk, so a rename in it survives a power cut (renaming only changes the folder).
    /// Best effort: false where folders cannot be opened for this.
    /// </summary>
    public static bool SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var fd = open(folder, ReadOnly | DirectoryOnly | CloseOnExec, 0);
        if (fd < 0) return false;
        try
        {
            return fsync(fd) == 0;
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>Whether a process with this id exists (a zombie counts); unknown ids of other users count as alive.</summary>
    public static bool ProcessExists(int pid)
    {
        if (pid <= 0) return true;
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return true;
        return kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;
    }

    /// <summary>
    /// Whether a standard stream can be written: not when it was closed at start (<c>&gt;&amp;-</c>), and not when the .NET
    /// runtime, finding that number free, took it for a pipe of its own (its signal pipe gets the lowest free numbers):
    /// then it is open for reading, or it is a pipe whose reading end this process holds too. A pipe to another program
    /// (<c>| head</c>) is only ever held here for writing.
    /// </summary>
    public static StandardStream CheckStandardStream(int fd)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return StandardStream.Usable;
        const int GetStatusFlags = 3, AccessMode = 3, ReadOnlyAccess = 0;
        var flags = fcntl(fd, GetStatusFlags, 0);
        if (flags == -1) return StandardStream.Closed;
        if ((flags & AccessMode) == ReadOnlyAccess) return StandardStream.TakenOver;
        if (!OperatingSystem.IsLinux()) return StandardStream.Usable;
        var target = LinkTarget($"/proc/self/fd/{fd}");
        if (target is null || !target.StartsWith("pipe:", StringComparison.Ordinal)) return StandardStream.Usable;
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                if (!int.TryParse(Path.GetFileName(entry), out var other) || other == fd) continue;
                if (LinkTarget(entry) == target && fcntl(other, GetStatusFlags, 0) is var otherFlags && otherFlags != -1 && (otherFlags & AccessMode) == ReadOnlyAccess)
                    return StandardStream.TakenOver;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc: nothing more to tell.
        }
        return StandardStream.Usable;
    }

    static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Makes <paramref name="fd"/> refer to /dev/null, so a closed standard stream's number cannot be reused by a file we open.</summary>
    public static void PointAtDevNull(int fd)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var devNull = open("/dev/null", 2 /* O_RDWR */ | CloseOnExec, 0);
        if (devNull < 0) return;
        if (devNull != fd)
        {
            dup2(devNull, fd);
            close(devNull);
        }
    }

    /// <summary>
    /// Creates a folder that must not exist yet (<c>mkdir(2)</c>): true when this call made it, false when it existed.
    /// Other failures (a full disk, no permission) throw, as <see cref="Directory.CreateDirectory(string)"/> does.
    /// </summary>
    public static bool TryCreateFolder(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            if (Directory.Exists(path)) return false;
            Directory.CreateDirectory(path);
            return true;
        }
        if (mkdir(path, 0b111_111_111) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        const int AlreadyExists = 17;
        if (errno == AlreadyExists) return false;
        throw new IOException($"{Marshal.GetPInvokeErrorMessage(errno)} : '{path}'");
    }

    /// <summary>The canonical path of an existing file or folder, every symbolic link and <c>..</c> resolved (<c>realpath(3)</c>).</summary>
    public static string? RealPath(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return Path.GetFullPath(path);
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    static FileStatus FromStatx(byte[] buffer)
    {
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(StatxModeOffset));
        var size = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(StatxSizeOffset));
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.NamedPipe,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
        return new FileStatus(kind, size, 0, "");
    }

    static FileStatus Failure(int errno) =>
        errno == NoSuchFile ? new FileStatus(FileKind.Missing, 0, 0, "") : new FileStatus(FileKind.Unknown, 0, errno, Marshal.GetPInvokeErrorMessage(errno));

    static FileStatus PortableStatus(string path, bool followLinks)
    {
        var info = new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null) return new FileStatus(FileKind.SymbolicLink, 0, 0, "");
        if (Directory.Exists(path)) return new FileStatus(FileKind.Directory, 0, 0, "");
        return info.Exists ? new FileStatus(FileKind.Regular, info.Length, 0, "") : new FileStatus(FileKind.Missing, 0, 0, "");
    }

    [DllImport("libc", SetLastError = true)]
    static extern int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    static extern int open(string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    static extern int link(string existing, string newName);

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    [DllImport("libc", SetLastError = true)]
    static extern int fcntl(int fd, int command, int argument);

    [DllImport("libc", SetLastError = true)]
    static extern int dup2(int from, int to);

    [DllImport("libc", SetLastError = true)]
    static extern IntPtr realpath(string path, IntPtr resolved);

    [DllImport("libc")]
    static extern void free(IntPtr pointer);

    [DllImport("libc", SetLastError = true)]
    static extern int mkdir(string path, int mode);
}
