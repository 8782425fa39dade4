using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.AspNetCore.OutputCaching;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// What changed since a node cached something. A committed write drops the cached public pages (and, when
/// organisations, roles, processes or supports changed, what is kept of them) of its organisation, on this node and,
/// through <see cref="Broadcast"/>, on the others. A change that is no one organisation's (a person's account, a
/// session) drops every organisation's.
/// </summary>
public sealed class ContentChanges(IOutputCacheStore pages)
{
    private static readonly int _kinds = BitOperations.Log2((uint)ChangeKind.All) + 1;

    // One counter per kind, by its bit; every change moves Content's, so GenerationOf(Content) is "anything".
    // A reader in an organisation goes by the changes for everyone plus its organisation's; a reader outside any
    // organisation (the host directory, a background task) by every change anywhere.
    private readonly long[] _everyone = new long[_kinds];
    private readonly long[] _anywhere = new long[_kinds];
    private readonly ConcurrentDictionary<Guid, long[]> _organisations = new();

    /// <summary>Moves on with every change this request's organisation sees: a page rendered while it moved is not kept.</summary>
    public long Generation => GenerationOf(ChangeKind.Content);

    /// <summary>The counter of one kind (a single flag), as the current request's organisation sees it.</summary>
    public long GenerationOf(ChangeKind kind) => GenerationOf(kind, CurrentOrganisation());

    public long GenerationOf(ChangeKind kind, Guid? organisationId)
    {
        var bit = BitOperations.Log2((uint)kind);
        if (organisationId is not { } id)
        {
            return Interlocked.Read(ref _anywhere[bit]);
        }
        // A sum of counters that only grow moves whenever one of them does.
        return Interlocked.Read(ref _everyone[bit]) + (_organisations.TryGetValue(id, out var own) ? Interlocked.Read(ref own[bit]) : 0);
    }

    // Set by the request's organisation resolution for everything that request runs; read on every kept value a page
    // asks for, so it is a flow-local value rather than a service to resolve each time.
    private static readonly AsyncLocal<Guid?> _organisation = new();

    /// <summary>The organisation the current request is for, once resolved; null outside a request.</summary>
    public Guid? CurrentOrganisation() => _organisation.Value;

    /// <summary>What the rest of the request runs for: called once its organisation is resolved.</summary>
    internal static void Serving(Guid organisationId) => _organisation.Value = organisationId;

    private static readonly AsyncLocal<bool> _toldByCaller = new();

    /// <summary>
    /// Until disposed, the writes this flow makes are told by the code that makes them, which knows whose they are:
    /// the change interceptor, which would only see a background task, says nothing of them.
    /// </summary>
    public static IDisposable ToldByCaller()
    {
        _toldByCaller.Value = true;
        return new Told();
    }

    internal static bool IsToldByCaller => _toldByCaller.Value;

    private sealed class Told : IDisposable
    {
        public void Dispose() => _toldByCaller.Value = false;
    }

    /// <summary>Tells the other nodes; set when nodes share Redis.</summary>
    internal Action<ChangeKind, Guid?>? Broadcast { get; set; }

    /// <param name="kind">What changed.</param>
    /// <param name="organisationId">Whose data it was; null when it was no one organisation's.</param>
    public void Committed(ChangeKind kind, Guid? organisationId)
    {
        if (kind == ChangeKind.None)
        {
            return;
        }
        Apply(kind, organisationId);
        Broadcast?.Invoke(kind, organisationId);
    }

    /// <summary>A change made here or on another node.</summary>
    internal void Apply(ChangeKind kind, Guid? organisationId)
    {
        // An ended session or a follow changes no page anyone else sees.
        var content = (kind & ~(ChangeKind.Sessions | ChangeKind.Follows)) != ChangeKind.None;
        if (content)
        {
            kind |= ChangeKind.Content;
        }
        var counters = organisationId is { } id ? _organisations.GetOrAdd(id, _ => new long[_kinds]) : _everyone;
        for (var bit = 0; bit < _kinds; bit++)
        {
            if (((int)kind & (1 << bit)) != 0)
            {
                Interlocked.Increment(ref counters[bit]);
                Interlocked.Increment(ref _anywhere[bit]);
            }
        }
        if (content)
        {
            // The in-memory store evicts synchronously; nothing to wait for.
            _ = pages.EvictByTagAsync(PublicPagePolicy.TagFor(organisationId), CancellationToken.None).AsTask();
        }
    }
}
