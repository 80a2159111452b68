using Adaptive.Site;

namespace Adaptive.Cli.Tests;

/// <summary>An output folder as text: each file's path and SHA-256, sorted, without the build's
/// own bookkeeping (manifest, journal, lock). Two folders with equal trees hold the same site.</summary>
internal static class OutputTree
{
    public static string Of(string root) => string.Join("\n", Directory.GetFiles(root, "*", SearchOption.AllDirectories)
        .Where(f => !OutputWriter.IsBookkeeping(Path.GetFileName(f)))
        .Order(StringComparer.Ordinal)
        .Select(f => Path.GetRelativePath(root, f) + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));
}
