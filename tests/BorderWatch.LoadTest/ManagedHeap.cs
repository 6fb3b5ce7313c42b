using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Diagnostics.Runtime;

namespace BorderWatch.LoadTest;

/// <summary>
/// What another .NET process really holds: the total size of the objects reachable from its roots, found by walking
/// its heap with ClrMD. Unlike the GC's heap size it counts neither garbage nor free space, so the difference between
/// two moments is the memory that what was opened in between keeps alive. Also the same bytes by type name, for
/// finding what an opened page keeps alive.
/// </summary>
/// <remarks>
/// The heap is read from a dump that the runtime's own <c>createdump</c> writes. Attaching ClrMD to the live process
/// (ptrace) now and then waited forever for a server thread to stop, leaving both processes hung.
/// </remarks>
internal sealed record ManagedHeap(long ReachableBytes, IReadOnlyDictionary<string, long> BytesByType)
{
    public static ManagedHeap Of(int processId)
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var dump = Path.Combine(Path.GetTempPath(), $"borderwatch-heap-{processId}-{Environment.TickCount64}.dmp");
        try
        {
            using (var createdump = Process.Start(new ProcessStartInfo(Path.Combine(runtimeDirectory, "createdump"), ["--withheap", "-f", dump, processId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!)
            {
                createdump.StandardOutput.ReadToEnd();
                var errors = createdump.StandardError.ReadToEnd();
                createdump.WaitForExit();
                if (createdump.ExitCode != 0)
                {
                    throw new InvalidOperationException($"createdump failed ({createdump.ExitCode}): {errors}");
                }
            }

            // The server runs on the same shared runtime as this tool; its data access component sits beside it.
            using var target = DataTarget.LoadDump(dump);
            using var runtime = target.ClrVersions[0].CreateRuntime(Path.Combine(runtimeDirectory, "libmscordaccore.so"), ignoreMismatch: true);
            return Walk(runtime.Heap);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static ManagedHeap Walk(ClrHeap heap)
    {
        var census = new Dictionary<string, long>();
        var seen = new HashSet<ulong>();
        var pending = new Stack<ulong>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.Address != 0 && seen.Add(root.Object.Address))
            {
                pending.Push(root.Object.Address);
            }
        }

        long total = 0;
        while (pending.Count > 0)
        {
            var item = heap.GetObject(pending.Pop());
            if (!item.IsValid)
            {
                continue;
            }

            total += (long)item.Size;
            var name = item.Type?.Name ?? "?";
            if (name.EndsWith("RenderTreeFrame[]", StringComparison.Ordinal))
            {
                // Render trees by size: a few large ones point at the components that hold them.
                name += $" of {item.Size} B";
            }

            census[name] = census.GetValueOrDefault(name) + (long)item.Size;
            foreach (var reference in item.EnumerateReferenceAddresses(carefully: true))
            {
                if (reference != 0 && seen.Add(reference))
                {
                    pending.Push(reference);
                }
            }
        }

        return new ManagedHeap(total, census);
    }
}
