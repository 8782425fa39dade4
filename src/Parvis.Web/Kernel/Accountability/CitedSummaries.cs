using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.Accountability;

/// <summary>
/// A summary of contributions (a theme's, a grid cell's, a synthesis item's) made of their own sentences, each cited
/// with its source, for analysts to rewrite. What the machine wrote is kept as <see cref="Draft"/>: a summary whose text
/// is still that is a draft, and it cannot go into the synthesis until an analyst has changed it.
/// </summary>
public sealed class Summary
{
    public const int ScopeMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }

    /// <summary>What it summarises, as <see cref="CitedSummaries"/> names it ("theme:…", "cell:…", "item:…").</summary>
    public required string Scope { get; set; }

    public SynthesisItemKind Kind { get; set; }
    public required string Title { get; set; }

    /// <summary>The text as analysts left it; its <c>[n]</c> cite <see cref="SummaryCitation.Number"/> n.</summary>
    public string Body { get; set; } = "";

    /// <summary>The text as the machine wrote it.</summary>
    public string Draft { get; set; } = "";

    public Guid? ThemeId { get; set; }

    /// <summary>The synthesis item it went into; its citations are shown there.</summary>
    public Guid? SynthesisItemId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<SummaryCitation> Citations { get; set; } = [];

    public bool IsEdited => Edits(Body);

    /// <summary>
    /// Whether a text differs from the machine's by more than spacing: a browser sends line breaks as CR LF, and
    /// spaces moved are not a reading.
    /// </summary>
    public bool Edits(string text) => Words(text) != Words(Draft);

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A sentence of a contribution, word for word, cited by a summary as <c>[Number]</c>.</summary>
public sealed class SummaryCitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SummaryId { get; set; }
    public int Number { get; set; }
    public Guid ContributionId { get; set; }

    /// <summary>Emptied when its author erases what they wrote.</summary>
    public string Sentence { get; set; } = "";

    /// <summary>The other contributions that say something alike.</summary>
    public List<SummaryEcho> Echoes { get; set; } = [];
}

public sealed class SummaryEcho
{
    public Guid CitationId { get; set; }
    public Guid ContributionId { get; set; }
}

/// <summary>
/// A citation as a page shows it: the sentence while its contribution is shown and still says it (otherwise
/// <see cref="Source"/> is null), and the contributions behind it by channel, its own included.
/// </summary>
public sealed record CitationView(int Number, Contribution? Source, string? Sentence, IReadOnlyList<(Channel Channel, int Count)> Behind)
{
    public int Total => Behind.Sum(b => b.Count);

    /// <summary>"Said by 3 contributions: 2 online, 1 at a workshop."</summary>
    public string Said(IStringLocalizer text) =>
        text["Summaries.Behind", Total, string.Join(", ", Behind.Select(b => text["Summaries.BehindChannel", b.Count, text["Channel." + b.Channel].Value].Value))];
}

/// <summary>Cited summaries: drafted from contributions by <see cref="ExtractiveSummary"/>, rewritten and published by analysts.</summary>
public sealed partial class CitedSummaries(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock,
    FateCommands fates, SynthesisCommands synthesis, IStringLocalizer<SharedText> text)
{
    /// <summary>Contributions summarised at most, the latest: beyond, a summary is of a sample, as its page says.</summary>
    public const int ContributionsRead = 5_000;

    /// <summary>Summaries a process keeps at most, drafts and published: each holds thousands of rows at most.</summary>
    public const int SummariesKept = 500;

    public static string ThemeScope(Guid themeId) => $"theme:{themeId}";

    public static string ItemScope(Guid itemId) => $"item:{itemId}";

    public static string CellScope(Guid gridId, string cellCode) => $"cell:{gridId}:{cellCode}";

    /// <summary>What a scope summarises: the scope as stored, its name, and its contributions (ids) of the process.</summary>
    public sealed record Subject(string Scope, string Label, IQueryable<Guid> Contributions, SynthesisItem? Item);

    /// <summary>The scope in words and contributions, or null when it is not one of the process's.</summary>
    public async Task<Subject?> SubjectAsync(Process process, string scope)
    {
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        if (scope.Length > Summary.ScopeMax)
        {
            return null;
        }
        // Each scope is stored as written again from the ids it names, whatever spacing or case it came with.
        switch (scope.Split(':'))
        {
            case ["theme", var id] when Guid.TryParse(id, out var themeId):
                var theme = await db.Themes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == themeId && t.ProcessId == process.Id);
                return theme is null ? null : new Subject(ThemeScope(themeId), text["Summaries.OfTheme", theme.Name], fates.InTheme(themeId), null);
            case ["item", var id] when Guid.TryParse(id, out var itemId):
                var item = await db.SynthesisItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId && i.ProcessId == process.Id);
                return item is null ? null
                    : new Subject(ItemScope(itemId), text["Summaries.OfItem", item.Title], db.SynthesisLinks.Where(l => l.SynthesisItemId == itemId).Select(l => l.ContributionId), item);
            case ["cell", var id, var code] when Guid.TryParse(id, out var gridId) && CodeSuggestions.Cell(code) is var (row, column, sign):
                var grid = await db.AnalysisGrids.AsNoTracking().FirstOrDefaultAsync(g => g.Id == gridId && g.ProcessId == process.Id);
                var entries = await db.FrameworkEntries.AsNoTracking().Where(e => e.Id == row || e.Id == column).ToDictionaryAsync(e => e.Id);
                if (grid is null || !entries.TryGetValue(row, out var r) || r.FrameworkId != grid.RowFrameworkId
                    || !entries.TryGetValue(column, out var c) || c.FrameworkId != grid.ColumnFrameworkId)
                {
                    return null;
                }
                var coded = db.GridCodings.Where(g => g.GridId == gridId && g.RowEntryId == row && g.ColumnEntryId == column && g.Sign == sign && g.ContributionId != null)
                    .Select(g => g.ContributionId!.Value);
                return new Subject(CellScope(gridId, CodeSuggestions.CellCode(row, column, sign)), text["Summaries.OfCell", r.LabelIn(culture), c.LabelIn(culture), text["GridSign." + sign].Value], coded, null);
            default:
                return null;
        }
    }

    /// <summary>The shown contributions of a scope, the latest first, at most <see cref="ContributionsRead"/>.</summary>
    private IQueryable<Contribution> Read(Process process, Subject subject) =>
        fates.Shown.AsNoTracking().Where(c => c.ProcessId == process.Id && subject.Contributions.Contains(c.Id))
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Take(ContributionsRead);

    /// <summary>How many shown contributions a scope holds, to say so before summarising.</summary>
    public Task<int> CountAsync(Process process, Subject subject) =>
        fates.Shown.CountAsync(c => c.ProcessId == process.Id && subject.Contributions.Contains(c.Id));

    /// <summary>Drafts a summary of a scope's contributions, for analysts; refused when suggestions are switched off in the process.</summary>
    public async Task<CommandResult> DraftAsync(Process process, string scope)
    {
        if (await authorizer.DecideAsync(Permission.Analyse, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!CodeSuggestions.Offered(process))
        {
            return CommandResult.Refused("Error.SuggestionsOff");
        }
        if (await SubjectAsync(process, scope) is not { } subject)
        {
            return CommandResult.Missing();
        }
        if (await db.Summaries.CountAsync(s => s.ProcessId == process.Id) >= SummariesKept)
        {
            return CommandResult.Refused("Error.SummariesFull");
        }
        var contributions = await Read(process, subject).ToListAsync();
        // The earliest first: between sentences equally echoed, the one said first is cited.
        contributions.Reverse();
        var sentences = ExtractiveSummary.Of([.. contributions.Select(c => new SummarisedText(c.Id, c.Excerpt, c.Language))]);
        if (sentences.Count == 0)
        {
            return CommandResult.Refused("Error.SummaryNothing");
        }
        var now = clock.GetUtcNow();
        var body = string.Join("\n\n", sentences.Select((s, i) => $"{s.Sentence} [{i + 1}]"));
        var summary = new Summary
        {
            OrganisationId = organisation.Id, ProcessId = process.Id, Scope = subject.Scope, Title = Excerpts.Cut(subject.Label, SynthesisItem.TitleMax),
            Kind = subject.Item?.Kind ?? SynthesisItemKind.Concern, ThemeId = subject.Item is { } item ? item.ThemeId : ThemeOf(scope),
            Body = body, Draft = body, CreatedAt = now, UpdatedAt = now,
        };
        summary.Citations = [.. sentences.Select((s, i) => new SummaryCitation
        {
            SummaryId = summary.Id, Number = i + 1, ContributionId = s.Source, Sentence = s.Sentence,
        })];
        foreach (var (citation, sentence) in summary.Citations.Zip(sentences))
        {
            citation.Echoes = [.. sentence.EchoedBy.Select(e => new SummaryEcho { CitationId = citation.Id, ContributionId = e })];
        }
        db.Summaries.Add(summary);
        audit.Record("summary.draft", $"summary:{summary.Id}", subject.Scope);
        await db.SaveChangesAsync();
        return CommandResult.Done(summary.Id);
    }

    private static Guid? ThemeOf(string scope) => scope.Split(':') is ["theme", var id] && Guid.TryParse(id, out var themeId) ? themeId : null;

    /// <summary>A summary of the current organisation, tracked, with its citations; null when missing.</summary>
    public Task<Summary?> FindAsync(Guid id) =>
        db.Summaries.Include(s => s.Citations).FirstOrDefaultAsync(s => s.Id == id && s.OrganisationId == organisation.Id);

    public async Task<CommandResult> SaveAsync(Guid id, SynthesisDraft draft) =>
        await ChangeAsync(id, async summary =>
        {
            if (await Refused(summary, draft) is { } refused)
            {
                return refused;
            }
            Apply(summary, draft);
            audit.Record("summary.save", $"summary:{summary.Id}", summary.Title);
            return null;
        });

    /// <summary>A citation taken out of the summary; its <c>[n]</c> must then go from the text before it is published.</summary>
    public async Task<CommandResult> RemoveCitationAsync(Guid id, int number) =>
        await ChangeAsync(id, summary =>
        {
            if (summary.SynthesisItemId is not null)
            {
                return Task.FromResult<string?>("Error.SummaryPublished");
            }
            if (summary.Citations.FirstOrDefault(c => c.Number == number) is not { } citation)
            {
                return Task.FromResult<string?>("Error.NotFound");
            }
            db.SummaryCitations.Remove(citation);
            summary.UpdatedAt = clock.GetUtcNow();
            audit.Record("summary.uncite", $"summary:{summary.Id}", number.ToString(CultureInfo.InvariantCulture));
            return Task.FromResult<string?>(null);
        });

    /// <summary>
    /// Into the synthesis: the synthesis item it summarises gets its text, or a new item is added. Refused while the
    /// text is still the machine's, or cites a sentence the summary does not hold.
    /// </summary>
    public async Task<CommandResult> PublishAsync(Guid id, SynthesisDraft draft) =>
        await ChangeAsync(id, async summary =>
        {
            if (await Refused(summary, draft) is { } refused)
            {
                return refused;
            }
            if (!summary.Edits(draft.Body))
            {
                return "Error.SummaryUnedited";
            }
            var numbers = summary.Citations.Select(c => c.Number).ToHashSet();
            if (Cited(draft.Body).Any(n => !numbers.Contains(n)))
            {
                return "Error.SummaryUnknownCitation";
            }
            // A sentence hidden, erased or changed since cannot be published through its number.
            var withdrawn = (await CitationsAsync(summary.Id)).Where(c => c.Source is null).Select(c => c.Number).ToHashSet();
            if (Cited(draft.Body).Any(withdrawn.Contains))
            {
                return "Error.SummaryWithdrawnCitation";
            }
            // Claimed as read, within the transaction: a second press at the same moment finds it taken.
            var read = summary.UpdatedAt;
            if (await db.Summaries.Where(s => s.Id == summary.Id && s.SynthesisItemId == null && s.UpdatedAt == read)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, clock.GetUtcNow())) == 0)
            {
                return "Error.SummaryChangedMeanwhile";
            }
            Apply(summary, draft);
            var target = summary.Scope.Split(':') is ["item", var item] && Guid.TryParse(item, out var itemId)
                && await db.SynthesisItems.AnyAsync(i => i.Id == itemId && i.ProcessId == summary.ProcessId) ? itemId : (Guid?)null;
            var result = target is { } existing ? await synthesis.UpdateAsync(existing, draft) : await synthesis.CreateAsync(summary.ProcessId, draft);
            if (!result.Succeeded)
            {
                return result.ErrorKey;
            }
            // An item shows the citations of one summary: the one its text now cites.
            await db.Summaries.Where(s => s.SynthesisItemId == result.Id && s.Id != summary.Id).ExecuteDeleteAsync();
            summary.SynthesisItemId = result.Id;
            audit.Record("summary.publish", $"summary:{summary.Id}", $"synthesis:{result.Id}");
            return null;
        });

    /// <summary>A draft thrown away; a published summary goes with its synthesis item.</summary>
    public async Task<CommandResult> DeleteAsync(Guid id) =>
        await ChangeAsync(id, summary =>
        {
            if (summary.SynthesisItemId is not null)
            {
                return Task.FromResult<string?>("Error.SummaryPublished");
            }
            db.Summaries.Remove(summary);
            audit.Record("summary.delete", $"summary:{summary.Id}", summary.Title);
            return Task.FromResult<string?>(null);
        });

    private async Task<string?> Refused(Summary summary, SynthesisDraft draft)
    {
        if (summary.SynthesisItemId is not null)
        {
            return "Error.SummaryPublished";
        }
        return draft.ThemeId is { } theme && !await db.Themes.AnyAsync(t => t.Id == theme && t.ProcessId == summary.ProcessId) ? "Error.NotFound" : null;
    }

    private void Apply(Summary summary, SynthesisDraft draft)
    {
        (summary.Kind, summary.Title, summary.Body, summary.ThemeId) = (draft.Kind, draft.Title.Trim(), draft.Body.Trim(), draft.ThemeId);
        summary.UpdatedAt = clock.GetUtcNow();
    }

    // ASCII digits only: another script's digits are no citation, and int.Parse reads these.
    [GeneratedRegex(@"\[([0-9]{1,3})\]")]
    private static partial Regex Marker();

    /// <summary>The citation numbers a text cites, in order.</summary>
    public static IEnumerable<int> Cited(string body) =>
        Marker().Matches(body).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary>A text in stretches: plain text, or the number of a citation it cites (<c>[n]</c>) when <paramref name="cited"/> holds it.</summary>
    public static IEnumerable<(string Text, int? Number)> Stretches(string body, IReadOnlySet<int> cited)
    {
        var at = 0;
        foreach (Match marker in Marker().Matches(body))
        {
            var number = int.Parse(marker.Groups[1].Value, CultureInfo.InvariantCulture);
            if (!cited.Contains(number))
            {
                continue;
            }
            if (marker.Index > at)
            {
                yield return (body[at..marker.Index], null);
            }
            yield return (marker.Value, number);
            at = marker.Index + marker.Length;
        }
        if (at < body.Length)
        {
            yield return (body[at..], null);
        }
    }

    /// <summary>What stands in a text instead of a sentence withdrawn.</summary>
    public const string Withdrawn = "[…]";

    /// <summary>
    /// The citations of a summary as a page shows them. A sentence is shown only while its contribution is shown (not
    /// hidden, not erased) and still says it; the contributions behind it are counted among those shown.
    /// </summary>
    public async Task<IReadOnlyList<CitationView>> CitationsAsync(Guid summaryId) => [.. (await ReadAsync(summaryId)).Select(c => c.View)];

    /// <summary>
    /// A summary's text as analysts may read it now, with its citations: a cited sentence no longer shown (its
    /// contribution hidden, erased or changed since) reads <see cref="Withdrawn"/> there too.
    /// </summary>
    public async Task<(string Body, IReadOnlyList<CitationView> Citations)> ReadableAsync(Summary summary)
    {
        var citations = await ReadAsync(summary.Id);
        var body = citations.Where(c => c.View.Sentence is null && c.Stored.Sentence.Length > 0)
            .Aggregate(summary.Body, (text, c) => text.Replace(c.Stored.Sentence, Withdrawn, StringComparison.Ordinal));
        return (body, [.. citations.Select(c => c.View)]);
    }

    private async Task<List<(SummaryCitation Stored, CitationView View)>> ReadAsync(Guid summaryId)
    {
        var citations = await db.SummaryCitations.AsNoTracking().Where(c => c.SummaryId == summaryId).OrderBy(c => c.Number).ToListAsync();
        var ids = citations.Select(c => c.Id).ToList();
        var echoes = await db.SummaryEchoes.AsNoTracking().Where(e => ids.Contains(e.CitationId)).ToListAsync();
        var sources = citations.Select(c => c.ContributionId).ToList();
        var shown = await fates.Shown.AsNoTracking().Where(c => sources.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        var echoIds = echoes.Select(e => e.ContributionId).Distinct().ToList();
        var channels = await fates.Shown.Where(c => echoIds.Contains(c.Id)).Select(c => new { c.Id, c.Channel }).ToDictionaryAsync(c => c.Id, c => c.Channel);
        return [.. citations.Select(citation =>
        {
            var source = shown.GetValueOrDefault(citation.ContributionId) is { } c && citation.Sentence.Length > 0 && c.Excerpt.Contains(citation.Sentence, StringComparison.Ordinal)
                ? c : null;
            var behind = echoes.Where(e => e.CitationId == citation.Id && channels.ContainsKey(e.ContributionId)).Select(e => channels[e.ContributionId])
                .Concat(source is null ? [] : [source.Channel])
                .GroupBy(ch => ch).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
            return (citation, new CitationView(citation.Number, source, source is null ? null : citation.Sentence, behind));
        })];
    }

    /// <summary>
    /// After moderation hid something of the process: a published synthesis item quoting a sentence of a contribution
    /// no longer shown (hidden, or withheld with what it is read under) has <see cref="Withdrawn"/> there instead, on
    /// its page, in open data and in the report. The citation keeps the sentence: analysts see it withdrawn, and may
    /// quote it again once it is shown again. A sentence its author has since rewritten is not moderation's to take.
    /// </summary>
    public async Task WithdrawUnshownAsync(Guid processId)
    {
        var published = await db.Summaries.AsNoTracking().Where(s => s.ProcessId == processId && s.SynthesisItemId != null)
            .Select(s => new { s.Id, Item = s.SynthesisItemId!.Value }).ToListAsync();
        foreach (var summary in published)
        {
            var citations = await db.SummaryCitations.AsNoTracking().Where(c => c.SummaryId == summary.Id && c.Sentence != "").ToListAsync();
            var sources = citations.Select(c => c.ContributionId).ToList();
            var shown = (await fates.Shown.Where(c => sources.Contains(c.Id)).Select(c => c.Id).ToListAsync()).ToHashSet();
            var gone = citations.Where(c => !shown.Contains(c.ContributionId)).Select(c => c.Sentence).ToList();
            if (gone.Count > 0 && await db.SynthesisItems.FirstOrDefaultAsync(i => i.Id == summary.Item) is { } item)
            {
                item.Body = gone.Aggregate(item.Body, (body, sentence) => body.Replace(sentence, Withdrawn, StringComparison.Ordinal));
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The citations of the summaries published into these synthesis items, by item.</summary>
    public async Task<Dictionary<Guid, IReadOnlyList<CitationView>>> OfItemsAsync(IReadOnlyCollection<Guid> itemIds)
    {
        var published = await db.Summaries.AsNoTracking().Where(s => s.SynthesisItemId != null && itemIds.Contains(s.SynthesisItemId.Value))
            .Select(s => new { s.Id, Item = s.SynthesisItemId!.Value }).ToListAsync();
        var cited = new Dictionary<Guid, IReadOnlyList<CitationView>>();
        foreach (var summary in published)
        {
            cited[summary.Item] = await CitationsAsync(summary.Id);
        }
        return cited;
    }

    /// <summary>The published summary of a synthesis item, if any.</summary>
    public Task<Guid?> OfItemAsync(Guid itemId) =>
        db.Summaries.Where(s => s.SynthesisItemId == itemId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync();

    private async Task<CommandResult> ChangeAsync(Guid id, Func<Summary, Task<string?>> change)
    {
        var summary = await FindAsync(id);
        var process = summary is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == summary.ProcessId);
        if (summary is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(Permission.Analyse, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await change(summary) is { } error)
        {
            return CommandResult.Refused(error);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted or published by another analyst meanwhile.
            return CommandResult.Refused("Error.SummaryChangedMeanwhile");
        }
        await transaction.CommitAsync();
        return CommandResult.Done(summary.Id);
    }

    /// <summary>
    /// Contributions whose author erased what they wrote: their sentences leave the citations, and the texts summaries
    /// and synthesis items took from them, where <see cref="Withdrawn"/> stands instead.
    /// </summary>
    public static async Task ForgetAsync(ParvisDbContext db, IReadOnlyCollection<Guid> contributions, CancellationToken cancellationToken)
    {
        var citations = await db.SummaryCitations.Where(c => contributions.Contains(c.ContributionId) && c.Sentence != "").ToListAsync(cancellationToken);
        var summaryIds = citations.Select(c => c.SummaryId).Distinct().ToList();
        var summaries = await db.Summaries.Where(s => summaryIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var itemIds = summaries.Where(s => s.SynthesisItemId != null).Select(s => s.SynthesisItemId!.Value).ToList();
        var items = await db.SynthesisItems.Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        foreach (var citation in citations)
        {
            var summary = summaries.Single(s => s.Id == citation.SummaryId);
            summary.Body = summary.Body.Replace(citation.Sentence, Withdrawn, StringComparison.Ordinal);
            summary.Draft = summary.Draft.Replace(citation.Sentence, Withdrawn, StringComparison.Ordinal);
            if (summary.SynthesisItemId is { } item && items.TryGetValue(item, out var published))
            {
                published.Body = published.Body.Replace(citation.Sentence, Withdrawn, StringComparison.Ordinal);
            }
            citation.Sentence = "";
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Words a module copied into synthesis items (a funded project's title and description, a petition's demand) whose
    /// author erased them. A title that is still the copy becomes <see cref="Withdrawn"/>, with its copies in the actors'
    /// lists and in news; a body that still begins with the copy has <see cref="Withdrawn"/> there instead. What
    /// analysts wrote themselves, or rewrote since, stays as it is.
    /// </summary>
    public static async Task ForgetCopiesAsync(ParvisDbContext db, IReadOnlyCollection<CopiedWords> copies, CancellationToken cancellationToken)
    {
        var ids = copies.Select(c => c.Item).Distinct().ToList();
        var items = await db.SynthesisItems.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        foreach (var copy in copies)
        {
            if (!items.TryGetValue(copy.Item, out var item))
            {
                continue;
            }
            if (copy.Title.Length > 0 && item.Title == copy.Title)
            {
                item.Title = Withdrawn;
                await db.ActorMentions.Where(m => m.SubjectId == item.Id && m.Title == copy.Title)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Title, Withdrawn), cancellationToken);
                await db.NotificationEvents.Where(e => e.ItemId == item.Id && e.ItemTitle == copy.Title)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ItemTitle, Withdrawn), cancellationToken);
            }
            if (copy.BodyStart.Length > 0 && item.Body.StartsWith(copy.BodyStart, StringComparison.Ordinal))
            {
                item.Body = Withdrawn + item.Body[copy.BodyStart.Length..];
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>What a module copied of someone's words into a synthesis item: its title, and how its body begins.</summary>
public sealed record CopiedWords(Guid Item, string Title, string BodyStart);
