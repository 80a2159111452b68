namespace Adaptive.Core.Tests;

/// <summary><see cref="AdaptiveRuntime.RecordExecutions"/> and <see cref="ByteContentComparer"/>.</summary>
public sealed class RecordingTests
{
    [Fact]
    public void Records_the_memos_that_execute_until_disposed()
    {
        var rt = new AdaptiveRuntime();
        Ref<int> input = rt.Ref(1, "input");
        Memo<int> parity = rt.Memo(() => input.Value % 2, "parity");
        Memo<string> label = rt.Memo(() => parity.Value == 0 ? "even" : "odd", "label");
        Assert.Equal("odd", label.Value);

        using (ExecutionLog log = rt.RecordExecutions())
        {
            Assert.Throws<InvalidOperationException>(() => rt.RecordExecutions());
            input.Value = 3; // same parity: label is not executed
            Assert.Equal("odd", label.Value);
            Assert.Equal(["parity"], log.Names);
            input.Value = 4;
            Assert.Equal("even", label.Value);
            Assert.Equal(["label", "parity", "parity"], log.Names);
            Assert.Same(parity, log.Memos[0]);
        }

        using ExecutionLog next = rt.RecordExecutions(); // the first one stopped
        input.Value = 5;
        Assert.Equal("odd", label.Value);
        Assert.Equal(["label", "parity"], next.Names);
    }

    [Fact]
    public void Byte_content_comparer_gives_byte_memos_early_cutoff()
    {
        var rt = new AdaptiveRuntime();
        Ref<string> text = rt.Ref("a", "text");
        Memo<byte[]> bytes = rt.Memo(() => System.Text.Encoding.UTF8.GetBytes(text.Value.ToUpperInvariant()), "bytes", ByteContentComparer.Instance);
        Memo<int> length = rt.Memo(() => bytes.Value.Length, "length");
        Assert.Equal(1, length.Value);
        byte[] first = bytes.Value;
        using ExecutionLog log = rt.RecordExecutions();
        text.Value = "A"; // same bytes after upper-casing
        Assert.Equal(1, length.Value);
        Assert.Same(first, bytes.Value);
        Assert.Equal(["bytes"], log.Names);
        Assert.True(ByteContentComparer.Instance.Equals([1, 2], [1, 2]));
        Assert.False(ByteContentComparer.Instance.Equals([1, 2], [1, 3]));
        Assert.Equal(ByteContentComparer.Instance.GetHashCode([1, 2]), ByteContentComparer.Instance.GetHashCode([1, 2]));
    }
}
