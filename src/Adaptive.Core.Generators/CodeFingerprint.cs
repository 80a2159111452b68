using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Adaptive.Core.Generators;

/// <summary>
/// A stable hash of a computation's code: the tokens of its declaration joined by single spaces,
/// so whitespace, comments and formatting do not change it but any change to the code does.
/// The first 8 bytes of SHA-256, little-endian (SHA-256 is in netstandard2.0; no hash package is
/// needed). Identical across processes and machines.
/// </summary>
internal static class CodeFingerprint
{
    public static ulong Of(SyntaxNode declaration)
    {
        var text = new StringBuilder();
        foreach (SyntaxToken token in declaration.DescendantTokens())
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(token.Text);
        }

        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        ulong value = 0;
        for (int i = 7; i >= 0; i--)
        {
            value = (value << 8) | hash[i];
        }

        return value;
    }
}
