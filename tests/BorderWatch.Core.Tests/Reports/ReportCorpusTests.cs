using BorderWatch.Core.Reports;
using Xunit.Abstractions;

namespace BorderWatch.Core.Tests.Reports;

/// <summary>
/// The labelled corpus: precision and recall per language, printed and written to artifacts/reports/. The
/// development set (Corpus/) was used to tune the language files; the hold-out set (Holdout/) was written after
/// tuning and first scored blind (docs/reports.md records that first score).
/// </summary>
public sealed class ReportCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] RequiredLanguages = ["en", "ru", "uk", "ar", "fi", "pl", "ka", "et", "lv", "es"];

    [Fact]
    public void Corpus_DevelopmentSet_HasAtLeast150ReportsInTheTenLanguagesWithNegatives()
    {
        var reports = CorpusEvaluation.Load(Path.Combine(AppContext.BaseDirectory, "Reports", "Corpus"));

        Assert.True(reports.Count >= 150, $"only {reports.Count} reports");
        Assert.All(RequiredLanguages, lang => Assert.Contains(reports, r => r.Lang == lang));
        Assert.All(RequiredLanguages, lang => Assert.Contains(reports, r => r.Lang == lang && r.Expect.Count == 0));
        Assert.Equal(reports.Count, reports.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Extract_DevelopmentCorpus_OverallF1AtLeast095()
    {
        var evaluation = Score("Corpus", "development");

        Assert.True(evaluation.Overall.F1 >= 0.95, $"F1 {evaluation.Overall.F1:0.000}\n{string.Join('\n', evaluation.Mistakes)}");
    }

    [Fact]
    public void Extract_HoldoutCorpus_OverallF1AtLeast095()
    {
        var evaluation = Score("Holdout", "hold-out");

        Assert.True(evaluation.Overall.F1 >= 0.95, $"F1 {evaluation.Overall.F1:0.000}\n{string.Join('\n', evaluation.Mistakes)}");
    }

    private CorpusEvaluation Score(string folder, string name)
    {
        var reports = CorpusEvaluation.Load(Path.Combine(AppContext.BaseDirectory, "Reports", folder));
        var evaluation = CorpusEvaluation.Run(ReportExtractor.Default, reports);
        var table = evaluation.Table();
        output.WriteLine($"Report extraction, {name} corpus ({reports.Count} reports):");
        output.WriteLine(table);
        foreach (var mistake in evaluation.Mistakes)
        {
            output.WriteLine(mistake);
        }

        // Also where people look without a test runner: artifacts/reports/extraction-<set>.md.
        var directory = ArtifactsDirectory("reports");
        File.WriteAllText(Path.Combine(directory, $"extraction-{folder.ToLowerInvariant()}.md"),
            $"# Report extraction, {name} corpus\n\n{table}\n" + string.Concat(evaluation.Mistakes.Select(m => $"- {m}\n")));
        return evaluation;
    }

    private static string ArtifactsDirectory(string kind)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BorderWatch.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "artifacts", kind)).FullName;
            }
        }

        return Directory.CreateTempSubdirectory("borderwatch-artifacts-").FullName;
    }
}
