using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Analysis;

/// <summary>An analyst's answer to a suggested code: accepted (the code was given) or rejected (never offered again).</summary>
public sealed class SuggestionDecision
{
    public const int SchemeMax = 60;
    public const int CodeMax = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public Guid ContributionId { get; set; }

    /// <summary>What the code belongs to: <c>grid:{id}</c> for a grid's cells.</summary>
    public required string Scheme { get; set; }

    public required string Code { get; set; }
    public bool Accepted { get; set; }

    /// <summary>How sure the suggestion was when it was answered.</summary>
    public double Confidence { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>A contribution with the codes suggested for it that analysts have not rejected, the surest first.</summary>
public sealed record SuggestedFor(Contribution Contribution, IReadOnlyList<Suggestion> Suggestions);

/// <summary>
/// What a scheme's suggestions are worked out from: the suggester, and every contribution not coded yet with what it
/// would be offered, the surest first. Kept while the compared texts and the codes given stay the same.
/// </summary>
public sealed class SuggestionsBuild(CodeSuggester suggester, IReadOnlyList<(Guid Text, IReadOnlyList<Suggestion> Suggestions)> ranked)
{
    private SuggestionQuality? _quality;

    public CodeSuggester Suggester { get; } = suggester;

    public IReadOnlyList<(Guid Text, IReadOnlyList<Suggestion> Suggestions)> Ranked { get; } = ranked;

    /// <summary>How often suggestions would have matched the codes analysts gave, each coded contribution left out in turn; worked out on first use.</summary>
    public SuggestionQuality Quality => _quality ??= Suggester.Quality(Suggester.Learned());

    public long Bytes => Suggester.Bytes + Ranked.Sum(r => 64L + r.Suggestions.Sum(s => 96L + 2L * s.Code.Length + s.Words.Sum(w => 40L + 2L * w.Length) + 16L * s.Like.Count));

    public Suggestion? Find(Guid text, string code) =>
        Ranked.Where(r => r.Text == text).SelectMany(r => r.Suggestions).FirstOrDefault(s => s.Code == code);
}

/// <summary>
/// Codes suggested to analysts for a process's contributions, learned from the codes given: the cells of an analysis
/// grid with their sign, the process's themes (<see cref="ICodeScheme"/>). Nothing is coded but by an analyst accepting;
/// a rejected suggestion is remembered and not offered again; both answers are kept to tell a council how often
/// suggestions were right.
/// </summary>
public sealed class CodeSuggestions(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, SimilarContributions similar, GridCommands grids,
    FateCommands fates, AnalystThemes themes, LatestEditions editions, AuditLog audit, TimeProvider clock)
{
    /// <summary>Contributions shown at once: answered, the next come up.</summary>
    public const int Shown = 20;

    public static string GridScheme(Guid gridId) => $"grid:{gridId}";

    public static string CellCode(Guid row, Guid column, GridSign sign) => $"{row}|{column}|{sign}";

    public static (Guid Row, Guid Column, GridSign Sign)? Cell(string code) => code.Split('|') switch
    {
        [var row, var column, var sign] when Guid.TryParse(row, out var r) && Guid.TryParse(column, out var c) && Enum.TryParse<GridSign>(sign, out var s)
            && Enum.IsDefined(s) => (r, c, s),
        _ => null,
    };

    /// <summary>Whether one of <paramref name="own"/> is the cell of <paramref name="code"/>, whatever the sign.</summary>
    public static bool SameCell(IEnumerable<string> own, string code) =>
        Cell(code) is var (row, column, _) && own.Any(o => Cell(o) is var (r, c, _) && (r, c) == (row, column));

    /// <summary>Whether suggestions are offered in the process: on unless staff switched them off.</summary>
    public static bool Offered(Process process) => !process.SuggestionsOff;

    public ICodeScheme ForGrid(AnalysisGrid grid) => new GridCells(db, grids, grid);

    public ICodeScheme ForThemes(Process process) => new ProcessThemes(db, fates, themes, process);

    /// <summary>A scheme's suggestions as they stand, learned from the codes given; a large process's, as they stood a moment ago.</summary>
    public async Task<SuggestionsBuild> BuildAsync(Process process, ICodeScheme scheme)
    {
        var index = await similar.IndexAsync(process);
        return await editions.GetAsync<SuggestionsBuild>(organisation, $"suggestions:{scheme.Key}", $"{index.Edition}:{await scheme.StateAsync()}", index.Count, async (services, earlier) =>
        {
            var build = Build(index, await scheme.CodedAsync(services), earlier);
            // Measured with the rest of the work, not by the first analyst who opens the methods page.
            _ = build.Quality;
            return build;
        }, build => build.Bytes);
    }

    /// <summary>
    /// Worked out for every text the index holds; a coded one is offered only codes it does not have, and no cell it is
    /// in with the other sign (a cell holds a contribution once). From a <paramref name="previous"/> build on an index
    /// weighing words alike, only the texts whose suggestions may have changed are worked out again (<see cref="Again"/>).
    /// </summary>
    public static SuggestionsBuild Build(SimilarityIndex index, IEnumerable<(Guid Text, string Code)> coded, SuggestionsBuild? previous = null)
    {
        var suggester = CodeSuggester.Learn(index, coded);
        var learned = suggester.Learned();
        IReadOnlyList<Suggestion> Offered(Guid id) =>
            [.. suggester.For(id).Where(s => !(learned.TryGetValue(id, out var own) && SameCell(own, s.Code)))];
        var again = previous is not null && previous.Suggester.Index.WeighsAs(index) ? Again(index, learned, previous) : null;
        var ranked = again is null
            ? index.Ids.Select(id => (Text: id, Suggestions: Offered(id)))
            : previous!.Ranked.Where(r => !again.Contains(r.Text) && index.PositionOf(r.Text) is not null)
                .Concat(again.Where(id => index.PositionOf(id) is not null).Select(id => (Text: id, Suggestions: Offered(id))));
        return new SuggestionsBuild(suggester, [.. ranked.Where(r => r.Suggestions.Count > 0).OrderByDescending(r => r.Suggestions[0].Confidence).ThenBy(r => r.Text)]);
    }

    /// <summary>
    /// Voters changed at once beyond which working every text out again is quicker than finding each one's look-alikes.
    /// </summary>
    public const int VotersChangedAtMost = 40;

    /// <summary>
    /// The texts whose suggestions may differ from the <paramref name="previous"/> build's: those that came or whose
    /// words changed (an unchanged text keeps the very same words in an index updated from another), and, for each
    /// coded text whose codes or words changed, those alike enough to have it among their voters, then or now. Null
    /// when so many voters changed that everything is better worked out again.
    /// </summary>
    private static HashSet<Guid>? Again(SimilarityIndex index, IReadOnlyDictionary<Guid, IReadOnlySet<string>> learned, SuggestionsBuild previous)
    {
        var before = previous.Suggester.Index;
        var learnedBefore = previous.Suggester.Learned();
        var again = index.Ids
            .Where(id => before.PositionOf(id) is not { } then || !ReferenceEquals(before.VectorAt(then), index.VectorAt(index.PositionOf(id)!.Value)))
            .ToHashSet();
        var voters = learned.Keys.Union(learnedBefore.Keys)
            .Where(id => again.Contains(id) || !(learned.TryGetValue(id, out var now) && learnedBefore.TryGetValue(id, out var then) && now.SetEquals(then)))
            .ToList();
        if (voters.Count > VotersChangedAtMost)
        {
            return null;
        }
        foreach (var id in voters)
        {
            again.Add(id);
            foreach (var within in new[] { index, before })
            {
                if (within.PositionOf(id) is { } position)
                {
                    again.UnionWith(within.Near(position, CodeSuggester.LeastSimilarity).Select(n => within.Ids[n.Position]));
                }
            }
        }
        return again;
    }

    /// <summary>The contributions with suggested codes analysts have not answered, the surest first.</summary>
    public async Task<IReadOnlyList<SuggestedFor>> QueueAsync(Process process, ICodeScheme scheme, SuggestionsBuild build)
    {
        var rejected = (await db.SuggestionDecisions.Where(d => d.ProcessId == process.Id && d.Scheme == scheme.Key && !d.Accepted)
            .Select(d => new { d.ContributionId, d.Code }).ToListAsync()).Select(d => (d.ContributionId, d.Code)).ToHashSet();
        // A build a moment old may offer what analysts coded since: a few more are read to leave those out.
        var wanted = build.Ranked
            .Select(r => (r.Text, Suggestions: (IReadOnlyList<Suggestion>)[.. r.Suggestions.Where(s => !rejected.Contains((r.Text, s.Code)))]))
            .Where(r => r.Suggestions.Count > 0).Take(2 * Shown).ToList();
        var ids = wanted.Select(w => w.Text).ToList();
        var given = await scheme.CodesOfAsync(ids);
        // A contribution hidden or merged since the build is left out until the next one.
        var found = await fates.Shown.AsNoTracking().Where(c => ids.Contains(c.Id) && c.Fate != Fate.Merged).ToDictionaryAsync(c => c.Id);
        return [.. wanted.Where(w => found.ContainsKey(w.Text))
            .Select(w => (w.Text, Suggestions: (IReadOnlyList<Suggestion>)[.. w.Suggestions.Where(s => !scheme.Excludes(given[w.Text], s.Code))]))
            .Where(w => w.Suggestions.Count > 0).Take(Shown).Select(w => new SuggestedFor(found[w.Text], w.Suggestions))];
    }

    /// <summary>How analysts answered a scheme's suggestions so far.</summary>
    public async Task<(int Accepted, int Rejected)> AnswersAsync(Process process, string scheme)
    {
        var answers = await db.SuggestionDecisions.Where(d => d.ProcessId == process.Id && d.Scheme == scheme)
            .GroupBy(d => d.Accepted).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return (answers.FirstOrDefault(a => a.Key)?.Count ?? 0, answers.FirstOrDefault(a => !a.Key)?.Count ?? 0);
    }

    /// <summary>An analyst accepts a suggested code: the contribution is given it, as if they had done it by hand.</summary>
    public async Task<CommandResult> AcceptAsync(Process process, ICodeScheme scheme, Guid contributionId, string code)
    {
        if (await authorizer.DecideAsync(Permission.Analyse, process) is var permission and not Decision.Allowed)
        {
            return CommandResult.Refused(permission);
        }
        if (await OfferedAsync(process, scheme, contributionId, code) is not { } suggestion)
        {
            return CommandResult.Refused("Error.SuggestionGone");
        }
        // Saved with the code given, in its transaction, or not at all.
        var decision = await AnswerAsync(process, scheme.Key, contributionId, code, accepted: true, suggestion.Confidence);
        try
        {
            var result = await scheme.GiveAsync(contributionId, code);
            if (!result.Succeeded)
            {
                db.Entry(decision).State = EntityState.Detached;
            }
            return result;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Answered by another analyst at the same moment: theirs stands.
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Error.SuggestionGone");
        }
    }

    /// <summary>An analyst rejects a suggested code: it is not offered again for this contribution.</summary>
    public async Task<CommandResult> RejectAsync(Process process, ICodeScheme scheme, Guid contributionId, string code)
    {
        if (await authorizer.DecideAsync(Permission.Analyse, process) is var permission and not Decision.Allowed)
        {
            return CommandResult.Refused(permission);
        }
        if (await OfferedAsync(process, scheme, contributionId, code) is not { } suggestion)
        {
            return CommandResult.Refused("Error.SuggestionGone");
        }
        await AnswerAsync(process, scheme.Key, contributionId, code, accepted: false, suggestion.Confidence);
        audit.Record("suggestion.reject", $"contribution:{contributionId}", $"{scheme.Key} {code}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Answered by another analyst at the same moment: it is answered.
        }
        return CommandResult.Done(contributionId);
    }

    /// <summary>The suggestion, if it is offered now and not rejected; otherwise null.</summary>
    private async Task<Suggestion?> OfferedAsync(Process process, ICodeScheme scheme, Guid contributionId, string code)
    {
        if (!Offered(process) || scheme.ProcessId != process.Id)
        {
            return null;
        }
        var suggestion = (await BuildAsync(process, scheme)).Find(contributionId, code);
        return suggestion is not null
            && !await db.SuggestionDecisions.AnyAsync(d => d.ContributionId == contributionId && d.Scheme == scheme.Key && d.Code == code && !d.Accepted)
            && !scheme.Excludes((await scheme.CodesOfAsync([contributionId]))[contributionId], code)
            ? suggestion
            : null;
    }

    // An answer replaces an earlier one to the same suggestion (accepted, the code removed since, then offered again).
    private async Task<SuggestionDecision> AnswerAsync(Process process, string scheme, Guid contributionId, string code, bool accepted, double confidence)
    {
        var decision = await db.SuggestionDecisions.FirstOrDefaultAsync(d => d.ContributionId == contributionId && d.Scheme == scheme && d.Code == code);
        if (decision is null)
        {
            decision = new SuggestionDecision
            {
                OrganisationId = organisation.Id, ProcessId = process.Id, ContributionId = contributionId, Scheme = scheme, Code = code,
            };
            db.SuggestionDecisions.Add(decision);
        }
        (decision.Accepted, decision.Confidence, decision.DecidedAt) = (accepted, confidence, clock.GetUtcNow());
        return decision;
    }
}
