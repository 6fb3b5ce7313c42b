namespace BorderWatch.Vision.Queues;

/// <summary>Runs of consecutive set flags in a row-by-row mask along the lane.</summary>
internal static class FlagRuns
{
    /// <summary>Each run of consecutive <c>true</c> flags, first to last row (inclusive), in order.</summary>
    public static IEnumerable<(int From, int To)> Of(bool[] flags)
    {
        var s = 0;
        while (s < flags.Length)
        {
            if (!flags[s])
            {
                s++;
                continue;
            }

            var from = s;
            while (s < flags.Length && flags[s])
            {
                s++;
            }

            yield return (from, s - 1);
        }
    }
}
