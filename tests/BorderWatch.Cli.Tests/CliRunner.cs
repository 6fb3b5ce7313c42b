using System.Text;

namespace BorderWatch.Cli.Tests;

/// <summary>Runs the borderwatch command in-process with captured streams.</summary>
internal sealed class CliRunner
{
    public SynchronizedWriter Out { get; } = new();
    public SynchronizedWriter Error { get; } = new();

    public Task<int> RunAsync(string stdin, CancellationToken cancellationToken, params string[] args) =>
        BorderWatchCli.RunAsync(args, new CliConsole(new StringReader(stdin), Out, Error), cancellationToken);

    public Task<int> RunAsync(params string[] args) => RunAsync("", CancellationToken.None, args);

    /// <summary>A StringWriter safe to read while another thread writes.</summary>
    internal sealed class SynchronizedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }

        public override Task FlushAsync() => Task.CompletedTask;

        public IReadOnlyList<string> Lines()
        {
            lock (_text)
            {
                return _text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
