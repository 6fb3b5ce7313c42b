using BorderWatch.Web.Exports;

namespace BorderWatch.Web.Tests.Exports;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("borderwatch-atomic-").FullName;

    [Fact]
    public async Task WriteAsync_WriterFailsHalfWay_OldFileStaysWholeAndNoTemporaryFileRemains()
    {
        var path = Path.Combine(_folder, "summary.csv");
        await File.WriteAllTextAsync(path, "yesterday's complete file");

        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await stream.WriteAsync("half of today"u8.ToArray(), token);
            throw new IOException("disk full");
        }, CancellationToken.None));

        Assert.Equal("yesterday's complete file", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task WriteAsync_Succeeds_ReplacesTheFileWhole()
    {
        var path = Path.Combine(_folder, "new", "summary.csv");

        await AtomicFile.WriteAsync(path, (stream, token) => stream.WriteAsync("today"u8.ToArray(), token).AsTask(), CancellationToken.None);

        Assert.Equal("today", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
