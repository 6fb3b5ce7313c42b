using System.Runtime.InteropServices;
using Microsoft.Diagnostics.Runtime;

namespace BorderWatch.LoadTest;

/// <summary>
/// What another .NET process really holds: the total size of the objects reachable from its roots, found by walking
/// its heap with ClrMD. Unlike the GC's heap size it counts neither garbage nor free space, so the difference between
/// two moments is the memory that what was opened in between keeps alive.
/// </summary>
internal static class ManagedHeap
{
    public static long ReachableBytes(int processId) => Walk(processId, census: null);

    /// <summary>The reachable objects' bytes per type name, for finding what an opened page keeps alive.</summary>
    public static Dictionary<string, long> Census(int processId)
    {
        var census = new Dictionary<string, long>();
        Walk(processId, census);
        return census;
    }

    private static long Walk(int processId, Dictionary<string, long>? census)
    {
        // The server runs on the same shared runtime as this tool; its data access component sits beside it.
        var dac = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libmscordaccore.so");
        using var target = DataTarget.AttachToProcess(processId, suspend: true);
        using var runtime = target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true);
        var heap = runtime.Heap;
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
            if (census is not null)
            {
                var name = item.Type?.Name ?? "?";
                if (name.EndsWith("RenderTreeFrame[]", StringComparison.Ordinal))
                {
                    // Render trees by size: a few large ones point at the component that holds them.
                    name += $" of {item.AsArray().Length}";
                }

                census[name] = census.GetValueOrDefault(name) + (long)item.Size;
            }

            foreach (var reference in item.EnumerateReferenceAddresses(carefully: true))
            {
                if (reference != 0 && seen.Add(reference))
                {
                    pending.Push(reference);
                }
            }
        }

        return total;
    }
}
