using System.Numerics;
using Microsoft.AspNetCore.OutputCaching;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// What changed since a node cached something. A committed write drops the cached public pages (and, when
/// organisations, roles, processes or supports changed, what is kept of them) on this node and, through
/// <see cref="Broadcast"/>, on the others.
/// </summary>
public sealed class ContentChanges(IOutputCacheStore pages)
{
    // One counter per kind, by its bit; every change moves Content's, so GenerationOf(Content) is "anything".
    private readonly long[] _generations = new long[BitOperations.Log2((uint)ChangeKind.All) + 1];

    /// <summary>Moves on with every change: a page rendered while it moved may show the old data and is not kept.</summary>
    public long Generation => GenerationOf(ChangeKind.Content);

    public long OrganisationsGeneration => GenerationOf(ChangeKind.Organisations);

    /// <summary>The counter of one kind (a single flag).</summary>
    public long GenerationOf(ChangeKind kind) => Interlocked.Read(ref _generations[BitOperations.Log2((uint)kind)]);

    /// <summary>Tells the other nodes; set when nodes share Redis.</summary>
    internal Action<ChangeKind>? Broadcast { get; set; }

    public void Committed(ChangeKind kind)
    {
        if (kind == ChangeKind.None)
        {
            return;
        }
        Apply(kind);
        Broadcast?.Invoke(kind);
    }

    /// <summary>A change made here or on another node.</summary>
    internal void Apply(ChangeKind kind)
    {
        var content = kind != ChangeKind.Sessions;
        if (content)
        {
            kind |= ChangeKind.Content;
        }
        for (var bit = 0; bit < _generations.Length; bit++)
        {
            if (((int)kind & (1 << bit)) != 0)
            {
                Interlocked.Increment(ref _generations[bit]);
            }
        }
        if (content)
        {
            // The in-memory store evicts synchronously; nothing to wait for.
            _ = pages.EvictByTagAsync(PublicPagePolicy.Tag, CancellationToken.None).AsTask();
        }
    }
}
