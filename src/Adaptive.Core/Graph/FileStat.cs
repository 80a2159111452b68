using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Adaptive.Core;

/// <summary>
/// What a stat of a file says, the way git's index keeps it: size, modification time and change
/// time in nanoseconds, inode and device. A file whose stat equals the one recorded when its
/// content was hashed is trusted to hold that content without being read.
/// </summary>
/// <remarks>
/// <para>The change time (ctime) is what makes this safe: the kernel sets it on every write, rename
/// or attribute change, and no user tool can set it back, so a rewrite that keeps the size and
/// restores the modification time (<c>touch -r</c>, <c>cp -p</c>, <c>rsync -t</c>, tar extraction, a
/// restore from backup) still moves it. The inode and device catch a file replaced by another
/// (an editor's atomic save, a folder swapped in).</para>
/// <para>It is read with <c>statx(2)</c> (Linux 4.11+, glibc 2.28+ or musl), whose structure has one
/// layout on every architecture. Where <c>statx</c> is missing (other platforms), a stat has no
/// change time and <see cref="CanSkipHash"/> is false: the file is always hashed, which is slower,
/// never wrong.</para>
/// </remarks>
/// <param name="Length">Size in bytes.</param>
/// <param name="ModifiedNs">Last modification time, nanoseconds since the Unix epoch.</param>
/// <param name="ChangedNs">Last status change time (ctime), nanoseconds since the Unix epoch; 0 when unknown.</param>
/// <param name="Inode">The inode number (0 when unknown).</param>
/// <param name="Device">The device the file is on (0 when unknown).</param>
public readonly record struct FileStat(long Length, long ModifiedNs, long ChangedNs, ulong Inode, ulong Device)
{
    /// <summary>True when this stat can vouch for the content: it carries a change time.</summary>
    public bool CanSkipHash => ChangedNs != 0;

    /// <summary>True when this stat, read now, vouches for the content recorded with
    /// <paramref name="recorded"/>: they are equal and carry a change time. (Whether the recorded
    /// one was settled is decided when it is recorded.)</summary>
    public bool Vouches(FileStat? recorded) => CanSkipHash && recorded == this;

    /// <summary>The later of the modification and change times (nanoseconds since the epoch).</summary>
    public long LatestNs => Math.Max(ModifiedNs, ChangedNs);

    /// <summary>True when <c>statx</c> is available here, so stats carry change times.</summary>
    public static bool HasChangeTimes => Statx.Available;

    /// <summary>Reads the stat of the regular file at <paramref name="path"/> (following symbolic
    /// links); null when there is no such file (missing, a folder, or not accessible).</summary>
    public static FileStat? Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Statx.Available ? Statx.Read(path, Statx.RegularFile) : ReadPortable(path);
    }

    /// <summary>
    /// How long after its last write or change a file's stat cannot vouch for its content: a
    /// later write within the same timestamp tick would leave the stat as it is (git's "racily
    /// clean" entries). File systems that keep sub-second times (ext4, XFS, btrfs, tmpfs, APFS)
    /// tick with the kernel's coarse clock, every few milliseconds: 100 ms covers them. A stat
    /// whose times are whole seconds may come from one that rounds to seconds, or to two (FAT).
    /// </summary>
    public TimeSpan RacyWindow =>
        ModifiedNs % 1_000_000_000 != 0 || ChangedNs % 1_000_000_000 != 0 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(2);

    /// <summary>True when, hashed at <paramref name="hashedAtNs"/> (nanoseconds since the epoch),
    /// the file was still within its <see cref="RacyWindow"/>: the content hash must decide next
    /// time, whatever the stat says.</summary>
    public bool IsRacy(long hashedAtNs) => hashedAtNs - LatestNs < RacyWindow.Ticks * 100;

    /// <summary>Nanoseconds since the Unix epoch of a UTC time.</summary>
    public static long ToNanoseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>Reads the stat of the folder at <paramref name="path"/> (following symbolic links);
    /// null when there is no such folder. A folder's times move whenever an entry is added,
    /// removed or renamed in it, so an equal stat vouches for its list of names.</summary>
    public static FileStat? ReadFolder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Statx.Available)
        {
            return Statx.Read(path, Statx.Folder);
        }

        var info = new DirectoryInfo(path);
        return info.Exists ? new FileStat(0, ToNanoseconds(info.LastWriteTimeUtc), 0, 0, 0) : null;
    }

    private static FileStat? ReadPortable(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStat(info.Length, ToNanoseconds(info.LastWriteTimeUtc), 0, 0, 0) : null;
    }

    /// <summary>The <c>statx</c> call, found in the C library at first use.</summary>
    private static unsafe class Statx
    {
        private const int AtFdCwd = -100;
        private const uint BasicStats = 0x7ff;
        private const uint Needed = 0x40 /* mtime */ | 0x80 /* ctime */ | 0x100 /* ino */ | 0x200 /* size */;
        private const int StructSize = 256;
        private const ushort TypeMask = 0xF000;
        public const ushort RegularFile = 0x8000;
        public const ushort Folder = 0x4000;

        public static readonly delegate* unmanaged<int, byte*, int, uint, byte*, int> Function = Find();

        public static readonly bool Available = Function != null;

        public static FileStat? Read(string path, ushort type)
        {
            int max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
            byte[]? rented = max > 1024 ? ArrayPool<byte>.Shared.Rent(max) : null;
            Span<byte> name = rented ?? stackalloc byte[max];
            try
            {
                int length = Encoding.UTF8.GetBytes(path, name);
                name[length] = 0;
                Span<byte> buffer = stackalloc byte[StructSize];
                int result;
                fixed (byte* namePointer = name)
                fixed (byte* bufferPointer = buffer)
                {
                    result = Function(AtFdCwd, namePointer, 0, BasicStats, bufferPointer);
                }

                if (result != 0)
                {
                    // Missing, not a folder on the way, or not accessible: not a file we can read.
                    return null;
                }

                return Decode(buffer, type);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        // struct statx (linux/stat.h): one layout on every architecture, in native byte order.
        private static FileStat? Decode(ReadOnlySpan<byte> b, ushort type)
        {
            uint mask = MemoryMarshal.Read<uint>(b);
            ushort mode = MemoryMarshal.Read<ushort>(b[28..]);
            if ((mode & TypeMask) != type)
            {
                return null;
            }

            long size = MemoryMarshal.Read<long>(b[40..]);
            ulong inode = MemoryMarshal.Read<ulong>(b[32..]);
            long changed = Time(b[96..]);
            long modified = Time(b[112..]);
            ulong device = ((ulong)MemoryMarshal.Read<uint>(b[136..]) << 32) | MemoryMarshal.Read<uint>(b[140..]);

            // Without a change time (an odd file system) the stat cannot vouch for the content.
            return (mask & Needed) == Needed && changed != 0
                ? new FileStat(size, modified, changed, inode, device)
                : new FileStat(size, modified, 0, 0, 0);
        }

        private static long Time(ReadOnlySpan<byte> timestamp) =>
            (MemoryMarshal.Read<long>(timestamp) * 1_000_000_000) + MemoryMarshal.Read<uint>(timestamp[8..]);

        private static delegate* unmanaged<int, byte*, int, uint, byte*, int> Find()
        {
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }

            foreach (string library in (string[])["libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc"])
            {
                if (NativeLibrary.TryLoad(library, out IntPtr handle) && NativeLibrary.TryGetExport(handle, "statx", out IntPtr statx))
                {
                    return (delegate* unmanaged<int, byte*, int, uint, byte*, int>)statx;
                }
            }

            return null;
        }
    }
}
