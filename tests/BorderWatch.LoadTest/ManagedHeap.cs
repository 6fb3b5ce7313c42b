using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace BorderWatch.LoadTest;

/// <summary>
/// The managed heap of another .NET process right after a full garbage collection, read through EventPipe (the way
/// dotnet-gcdump triggers its collection): what the process really holds, without the slack of the GC's reserves.
/// </summary>
internal static class ManagedHeap
{
    public static long AfterFullGc(int processId, TimeSpan timeout)
    {
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect)),
        };
        var client = new DiagnosticsClient(processId);
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        long size = -1;
        var fullGc = false;
        source.Clr.GCStart += e => fullGc |= e.Depth == 2;
        source.Clr.GCHeapStats += e =>
        {
            if (fullGc && size < 0)
            {
                // Generations 0–2, the large and the pinned object heaps, after the collection.
                size = e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4;
                _ = Task.Run(session.Stop);
            }
        };

        var processing = Task.Run(source.Process);
        if (!processing.Wait(timeout))
        {
            session.Stop();
            throw new TimeoutException("The server did not report a full garbage collection in time.");
        }

        return size >= 0 ? size : throw new InvalidOperationException("No heap statistics were received.");
    }
}
