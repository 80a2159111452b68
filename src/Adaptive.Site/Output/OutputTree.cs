using System.Security.Cryptography;
using System.Text;

namespace Adaptive.Site;

/// <summary>
/// An output folder as what it serves: each file's path (relative, with <c>/</c>) and the
/// SHA-256 of its bytes, sorted by path, without the build's own bookkeeping (seal, journal,
/// lock; see <see cref="OutputWriter.IsBookkeeping"/>). Two folders with equal trees hold the
/// same site, whichever strategy or process built them: what the differential tests, the
/// benchmarks and <c>adapt bench</c> compare.
/// </summary>
public static class OutputTree
{
    /// <summary>Every output file's path and the hex SHA-256 of its bytes (empty when the folder
    /// does not exist).</summary>
    public static SortedDictionary<string, string> Files(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return files;
        }

        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            if (!OutputWriter.IsBookkeeping(Path.GetFileName(file)))
            {
                files.Add(Path.GetRelativePath(root, file).Replace('\\', '/'), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));
            }
        }

        return files;
    }

    /// <summary>The tree as text: one <c>path hash</c> line per file.</summary>
    public static string Text(string root)
    {
        var text = new StringBuilder();
        foreach (KeyValuePair<string, string> file in Files(root))
        {
            text.Append(file.Key).Append(' ').Append(file.Value).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One hash of the whole tree (hex SHA-256 of <see cref="Text"/>).</summary>
    public static string Hash(string root) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Text(root))));
}
