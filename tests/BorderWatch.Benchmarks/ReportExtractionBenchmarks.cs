using System.Text.Json;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BorderWatch.Core.Reports;
using BorderWatch.Core.Reports.Text;

namespace BorderWatch.Benchmarks;

/// <summary>
/// Reports parsed per second on one core, for tweet-sized texts (the labelled corpus, ≤ 280 characters, all ten
/// languages). Each invocation handles <see cref="Texts"/> reports, so the mean is the time per report.
/// Baselines in the same run: a plain regex scan for numbers, and tokenizing (folding) the same texts.
/// </summary>
[MemoryDiagnoser]
public partial class ReportExtractionBenchmarks
{
    /// <summary>Reports per invocation (the corpus, cycled to this many).</summary>
    public const int Texts = 160;

    private readonly ReportExtractor _extractor = ReportExtractor.Default;
    private string[] _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        var corpus = FindCorpus();
        var texts = Directory.GetFiles(corpus, "*.jsonl")
            .SelectMany(File.ReadLines)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .Where(t => t.Length <= 280)
            .ToList();
        _texts = [.. Enumerable.Range(0, Texts).Select(i => texts[i % texts.Count])];
        // Compile the lexicon outside the measurement.
        _extractor.Extract(_texts[0]);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Texts)]
    public int RegexNumberScan()
    {
        var found = 0;
        foreach (var text in _texts)
        {
            found += Numbers().Count(text);
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Texts)]
    public int Tokenize()
    {
        var tokens = 0;
        foreach (var text in _texts)
        {
            tokens += Tokenizer.Tokenize(text).Count;
        }

        return tokens;
    }

    [Benchmark(OperationsPerInvoke = Texts)]
    public int Extract()
    {
        var readings = 0;
        foreach (var text in _texts)
        {
            readings += _extractor.Extract(text).Readings.Count;
        }

        return readings;
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Numbers();

    private static string FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var corpus = Path.Combine(dir.FullName, "tests", "BorderWatch.Core.Tests", "Reports", "Corpus");
            if (Directory.Exists(corpus))
            {
                return corpus;
            }
        }

        throw new DirectoryNotFoundException("The labelled corpus (tests/BorderWatch.Core.Tests/Reports/Corpus) was not found above " + AppContext.BaseDirectory);
    }
}
