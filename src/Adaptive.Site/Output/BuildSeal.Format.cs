// The seal file's binary format: what a build wrote and from what, read back by the next no-op
// build. A seal that cannot be read is no seal (the build runs).
using System.Text;
using Adaptive.Core;

namespace Adaptive.Site;

internal sealed partial class BuildSeal
{
    /// <summary>Writes the seal atomically (a temporary file renamed into place).</summary>
    public void Write(string path)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(Engine);
            writer.Write(Drafts);
            writer.Write(Future);
            writer.Write(Minify);
            writer.Write(Now);
            WriteArray(writer, Dates, static (w, d) => w.Write(d));
            SiteFiles files = Listing.Files;
            foreach (ValueList<string> area in (ValueList<string>[])[files.Content, files.Layouts, files.Static, files.Assets, files.Data])
            {
                WriteArray(writer, area, static (w, s) => w.Write(s));
            }

            writer.Write(Listing.Folders is not null);
            WriteArray(writer, Listing.Folders ?? [], static (w, f) =>
            {
                w.Write(f.Path);
                SealedInput.WriteStat(w, f.Stat);
            });

            WriteArray(writer, Inputs, static (w, i) => i.Write(w));
            WriteArray(writer, Outputs, static (w, s) => w.Write(s));
            writer.Write(Pages);
            WriteArray(writer, Diagnostics, static (w, d) =>
            {
                w.Write(d.File);
                w.Write(d.Line);
                w.Write(d.Column);
                w.Write(d.Message);
                w.Write((int)d.Severity);
            });
        }

        Fingerprint128 check = Fingerprint128.Of(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        buffer.Write(BitConverter.GetBytes(check.High));
        buffer.Write(BitConverter.GetBytes(check.Low));
        string temporary = path + ".adapt-tmp";
        File.WriteAllBytes(temporary, buffer.ToArray());
        File.Move(temporary, path, overwrite: true);
    }

    private static BuildSeal? Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (bytes.Length < 16
            || Fingerprint128.Of(bytes.AsSpan(0, bytes.Length - 16)) != new Fingerprint128(BitConverter.ToUInt64(bytes, bytes.Length - 16), BitConverter.ToUInt64(bytes, bytes.Length - 8)))
        {
            return null; // damaged or foreign: build
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 16), Encoding.UTF8);
            if (reader.ReadInt32() != Version)
            {
                return null;
            }

            string engine = reader.ReadString();
            var options = new BuildOptions(reader.ReadBoolean(), reader.ReadBoolean(), null, reader.ReadBoolean());
            long now = reader.ReadInt64();
            long[] dates = [.. ReadArray(reader, static r => r.ReadInt64())];
            var files = new SiteFiles(Area(reader), Area(reader), Area(reader), Area(reader), Area(reader));
            bool stamped = reader.ReadBoolean();
            List<FolderStamp> folders = ReadArray(reader, static r => new FolderStamp(r.ReadString(), SealedInput.ReadStat(r)));
            List<SealedInput> inputs = ReadArray(reader, SealedInput.Read);
            string[] outputs = [.. ReadArray(reader, static r => r.ReadString())];
            int pages = reader.ReadInt32();
            List<SiteDiagnostic> diagnostics = ReadArray(reader, static r => new SiteDiagnostic(r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadString(), (DiagnosticSeverity)r.ReadInt32()));
            return new BuildSeal(engine, options with { Now = now == long.MaxValue ? null : new DateTimeOffset(now, TimeSpan.Zero) }, dates, new SiteListing(files, stamped ? [.. folders] : null), inputs, outputs, pages, diagnostics);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static ValueList<string> Area(BinaryReader reader) => new(ReadArray(reader, static r => r.ReadString()));

    private static void WriteArray<T>(BinaryWriter writer, IReadOnlyCollection<T> items, Action<BinaryWriter, T> write)
    {
        writer.Write(items.Count);
        foreach (T item in items)
        {
            write(writer, item);
        }
    }

    private static List<T> ReadArray<T>(BinaryReader reader, Func<BinaryReader, T> read)
    {
        int count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length)
        {
            throw new FormatException("a count is out of range");
        }

        var items = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            items.Add(read(reader));
        }

        return items;
    }
}
