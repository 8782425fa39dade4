using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Texts;

public sealed record TextDraft(string Title, string Introduction, string PlainSummary);

/// <summary>
/// A changelog line as staff write it at publication: the article (by heading), why it changed, the contributions that
/// caused it; amendments among them are integrated, or integrated in part when named in <see cref="InPart"/>.
/// </summary>
public sealed record ChangeReason(string Heading, string Reason, IReadOnlyList<Guid> Causes, IReadOnlyList<Guid> InPart);

/// <summary>What a participant (or a facilitator typing in paper) proposes: an article's new wording, or a new article.</summary>
public sealed record AmendmentDraft(Guid? ArticleId, Guid? AfterLineageId, string Heading, string Wording, string Reason);

/// <summary>Every write of the collaborative texts module, each checked against its permission and the text's version.</summary>
public sealed class TextCommands(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock, ProcessAccess processes, FateCommands fates,
    Notifier notifier, MediationCommands mediation)
{
    public const int ReasonMin = 5;
    public const int MostCauses = 50;

    /// <summary>What identifies the draft staff read: publication refuses a draft changed since (by a colleague, in another tab).</summary>
    public static string DraftStamp(string draft) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(draft)))[..16];

    public async Task<CommandResult> CreateAsync(Guid processId, TextDraft draft)
    {
        var process = await processes.FindAsync(processId, TextsModule.Key);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(TextsPermissions.Manage, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (Invalid(draft) is { } problem)
        {
            return CommandResult.Refused(problem);
        }
        var text = new CollaborativeText { OrganisationId = organisation.Id, ProcessId = process.Id, CreatedAt = clock.GetUtcNow(), Title = "" };
        Describe(text, draft);
        db.CollaborativeTexts.Add(text);
        audit.Record("text.create", $"text:{text.Id}", text.Title);
        await db.SaveChangesAsync();
        return CommandResult.Done(text.Id);
    }

    public async Task<CommandResult> DescribeAsync(Guid textId, TextDraft draft)
    {
        var (text, refusal) = await TextAsync(textId, TextsPermissions.Manage);
        if (text is null)
        {
            return refusal!;
        }
        if (Invalid(draft) is { } problem)
        {
            return CommandResult.Refused(problem);
        }
        Describe(text, draft);
        await db.SaveChangesAsync();
        return CommandResult.Done(text.Id);
    }

    /// <summary>Keeps the draft as typed, problems and all, so nothing is lost; publication is what refuses a draft with problems.</summary>
    public async Task<CommandResult> SaveDraftAsync(Guid textId, string markdown)
    {
        var (text, refusal) = await TextAsync(textId, TextsPermissions.Manage);
        if (text is null)
        {
            return refusal!;
        }
        if (markdown.Length > TextImport.MostArticles * TextImport.BodyMax)
        {
            return CommandResult.Refused("Texts.Import.TooLong");
        }
        text.Draft = markdown.Replace("\r\n", "\n").Trim();
        text.DraftSavedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return CommandResult.Done(text.Id);
    }

    /// <summary>
    /// Publishes the draft as the next version, all or nothing: the draft must read without a problem, it must still be
    /// the version staff read (two tabs cannot both publish version n+1), every change needs a reason, and every cause
    /// must be a contribution of the process. Amendments among the causes receive their fate in the same step.
    /// </summary>
    public async Task<CommandResult> PublishAsync(Guid textId, int readVersion, string readDraft, string note, IReadOnlyList<ChangeReason> reasons)
    {
        var (text, refusal) = await TextAsync(textId, TextsPermissions.Manage);
        if (text is null)
        {
            return refusal!;
        }
        note = note.Trim();
        var import = TextImport.FromMarkdown(text.Draft);
        if (!import.Ok)
        {
            return CommandResult.Refused("Texts.DraftHasProblems");
        }
        if (text.Version != readVersion)
        {
            return CommandResult.Refused("Texts.VersionMoved");
        }
        if (DraftStamp(text.Draft) != readDraft)
        {
            return CommandResult.Refused("Texts.DraftMoved");
        }
        var published = await ArticlesAsync(text.Id, text.Version);
        var changes = VersionPlan.Changes(published, import.Articles);
        if (text.Version > 0 && changes.Count == 0)
        {
            return CommandResult.Refused("Texts.NothingChanged");
        }
        var byKey = reasons.GroupBy(r => VersionPlan.Key(r.Heading)).ToDictionary(g => g.Key, g => g.First() with { Reason = g.First().Reason.Trim() });
        // The first version is the text itself: its articles are not changes anyone asks the reason of.
        var lines = text.Version == 0 ? [] : changes.Select(c => (Change: c, Reason: byKey.GetValueOrDefault(c.Key) ?? new ChangeReason(c.Heading, "", [], []))).ToList();
        var causes = lines.SelectMany(l => l.Reason.Causes).Distinct().ToList();
        var known = await fates.Shown.Where(c => causes.Contains(c.Id) && c.ProcessId == text.ProcessId).Select(c => c.Id).ToListAsync();
        // Amendments this version integrates: the text's own, not answered yet.
        var amendments = await db.Amendments.Where(a => causes.Contains(a.Id) && a.TextId == text.Id && a.Outcome == null && a.Fate == null).Select(a => a.Id).ToListAsync();
        var problem = note.Length > TextVersion.NoteMax ? "Texts.NoteLength"
            : lines.Any(l => l.Reason.Reason.Length is < ReasonMin or > TextChange.ReasonMax) ? "Texts.ReasonNeeded"
            : lines.Any(l => l.Reason.Causes.Distinct().Count() > MostCauses) ? "Texts.TooManyCauses"
            : known.Count != causes.Count ? "Texts.UnknownCause"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var number = text.Version + 1;
        if (await db.CollaborativeTexts.Where(t => t.Id == text.Id && t.Version == readVersion).ExecuteUpdateAsync(u => u.SetProperty(t => t.Version, number)) == 0)
        {
            return CommandResult.Refused("Texts.VersionMoved");
        }
        var now = clock.GetUtcNow();
        db.TextVersions.Add(new TextVersion { TextId = text.Id, Number = number, PublishedAt = now, Note = note });
        var lineages = published.ToDictionary(a => VersionPlan.Key(a.Heading), a => a.LineageId);
        db.TextArticles.AddRange(import.Articles.Select((a, i) =>
        {
            var article = new TextArticle { TextId = text.Id, Version = number, Position = i, Section = a.Section, Heading = a.Heading, Body = a.Body };
            article.LineageId = lineages.GetValueOrDefault(VersionPlan.Key(a.Heading), article.Id);
            return article;
        }));
        var decided = new HashSet<Guid>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (change, reason) = lines[i];
            var line = new TextChange
            {
                TextId = text.Id, Version = number, Position = i, Kind = change.Kind, Heading = change.Heading, Reason = reason.Reason,
                LineageId = change.Before?.LineageId ?? db.TextArticles.Local.First(a => a.Version == number && VersionPlan.Key(a.Heading) == change.Key).LineageId,
            };
            db.TextChanges.Add(line);
            db.TextChangeLinks.AddRange(reason.Causes.Distinct().Select(c => new TextChangeLink { ChangeId = line.Id, ContributionId = c }));
            foreach (var amendment in reason.Causes.Where(amendments.Contains).Where(decided.Add))
            {
                var outcome = reason.InPart.Contains(amendment) ? AmendmentOutcome.IntegratedInPart : AmendmentOutcome.Integrated;
                if (await DecideAsync(amendment, outcome, number, reason.Reason) is { Succeeded: false } refused)
                {
                    db.ChangeTracker.Clear();
                    return refused;
                }
            }
        }
        audit.Record("text.publish", $"text:{text.Id}", $"{number}");
        // Those who voted, argued or amended hear of it, and those who follow the process: a new version is news to all.
        await notifier.RaiseAsync(new Notice(TextsModule.NewVersion, organisation.Id, text.ProcessId, text.Id, text.Title, $"/texts/{text.Id}",
            number.ToString(System.Globalization.CultureInfo.InvariantCulture), Excerpts.Cut(note, 300))
        {
            Involved = db.TextVotes.Where(v => v.TextId == text.Id).Select(v => v.PersonId)
                .Union(db.Amendments.Where(a => a.TextId == text.Id && a.AuthorId != null).Select(a => a.AuthorId!.Value))
                .Union(db.TextArguments.Where(a => a.TextId == text.Id && a.AuthorId != null).Select(a => a.AuthorId!.Value)),
            ToProcessFollowers = true,
            ActorId = authorizer.PersonId,
        });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Done(text.Id);
    }

    /// <summary>An amendment's fate decided apart from a version (not retained, with its reason; or integrated earlier).</summary>
    public async Task<CommandResult> AnswerAsync(Guid textId, Guid amendmentId, AmendmentOutcome outcome, string reason)
    {
        var (text, refusal) = await TextAsync(textId, TextsPermissions.Manage);
        if (text is null)
        {
            return refusal!;
        }
        var amendment = await db.Amendments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == amendmentId && a.TextId == text.Id && a.HiddenAt == null && a.ErasedAt == null);
        if (amendment is null)
        {
            return CommandResult.Missing();
        }
        // Answered once here; an analyst changes a fate on the contribution's page, where its history stays public.
        if (amendment.Outcome is not null || amendment.Fate is not null)
        {
            return CommandResult.Refused("Texts.AlreadyAnswered");
        }
        reason = reason.Trim();
        if (!Enum.IsDefined(outcome) || reason.Length is < ReasonMin or > TextChange.ReasonMax)
        {
            return CommandResult.Refused("Texts.ReasonNeeded");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await DecideAsync(amendmentId, outcome, text.Version, reason) is { Succeeded: false } refused)
        {
            return refused;
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Done(amendmentId);
    }

    /// <summary>
    /// The module's outcome and the kernel's fate, said once: integrated (in part or whole) is an answer, the new version;
    /// not retained is the kernel's own, with its reason.
    /// </summary>
    private async Task<CommandResult> DecideAsync(Guid amendmentId, AmendmentOutcome outcome, int version, string reason)
    {
        var fate = await fates.DecideAsync(amendmentId, new FateInput(outcome == AmendmentOutcome.NotRetained ? Fate.NotRetained : Fate.Answered, reason));
        if (fate.Succeeded)
        {
            await db.Amendments.Where(a => a.Id == amendmentId)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Outcome, outcome).SetProperty(a => a.OutcomeVersion, version));
        }
        return fate;
    }

    /// <summary>One vote per person and subject (an article of the current version, or an amendment to one), changed by voting again.</summary>
    public async Task<CommandResult> VoteAsync(Guid textId, Guid subjectId, Opinion opinion)
    {
        var (text, refusal) = await TextAsync(textId, TextsPermissions.Vote);
        if (text is null)
        {
            return refusal!;
        }
        if (!Enum.IsDefined(opinion))
        {
            return CommandResult.Refused("Texts.OpinionNeeded");
        }
        if (await SubjectAsync(text, subjectId) is { } problem)
        {
            return problem;
        }
        var person = authorizer.PersonId!.Value;
        var now = clock.GetUtcNow();
        // Changing a vote is an update of the one row; two first votes at once meet on the key, and the second becomes a change.
        if (await db.TextVotes.Where(v => v.SubjectId == subjectId && v.PersonId == person)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Opinion, opinion).SetProperty(v => v.VotedAt, now)) > 0)
        {
            await mediation.RecordAsync(new TextVote { SubjectId = subjectId, PersonId = person, TextId = text.Id, Opinion = opinion, VotedAt = now }, MandateChange.Changed);
            return CommandResult.Done(subjectId);
        }
        db.TextVotes.Add(new TextVote { SubjectId = subjectId, PersonId = person, TextId = text.Id, Opinion = opinion, VotedAt = now });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            await db.TextVotes.Where(v => v.SubjectId == subjectId && v.PersonId == person)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.Opinion, opinion).SetProperty(v => v.VotedAt, now));
            await mediation.RecordAsync(new TextVote { SubjectId = subjectId, PersonId = person, TextId = text.Id, Opinion = opinion, VotedAt = now });
        }
        return CommandResult.Done(subjectId);
    }

    /// <summary>An argument for or against an article of the current version, or an amendment to one.</summary>
    public async Task<CommandResult> ArgueAsync(Guid textId, Guid subjectId, ArgumentSide side, string body)
    {
        var (text, refusal) = await TextAsync(textId, TextsPermissions.Vote);
        if (text is null)
        {
            return refusal!;
        }
        body = body.Trim();
        var problem = !Enum.IsDefined(side) ? "Texts.SideNeeded" : body.Length is < 10 or > TextArgument.TextMax ? "Texts.ArgumentLength" : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        if (await SubjectAsync(text, subjectId) is { } missing)
        {
            return missing;
        }
        var amendment = await db.Amendments.AsNoTracking().Where(a => a.Id == subjectId).Select(a => new { a.Id, a.ArticleId }).FirstOrDefaultAsync();
        var argument = new TextArgument
        {
            OrganisationId = text.OrganisationId, ProcessId = text.ProcessId, CreatedAt = clock.GetUtcNow(), AuthorId = authorizer.PersonId, TextId = text.Id,
            ArticleId = amendment is null ? subjectId : amendment.ArticleId, AmendmentId = amendment?.Id, Side = side, Text = body,
        };
        db.TextArguments.Add(argument);
        await db.SaveChangesAsync();
        return CommandResult.Done(argument.Id);
    }

    /// <summary>A participant's amendment or new article, against the current version, while the phase takes them.</summary>
    public Task<CommandResult> AmendAsync(Guid textId, AmendmentDraft draft) =>
        AddAmendmentAsync(textId, draft, TextsPermissions.Amend, a => a.AuthorId = authorizer.PersonId);

    /// <summary>An amendment written in a booklet or at a workshop's table, typed in with where it comes from; it belongs to no one.</summary>
    public Task<CommandResult> EnterAsync(Guid textId, AmendmentDraft draft, Channel channel, string origin)
    {
        origin = origin.Trim();
        return channel is not (Channel.Workshop or Channel.Paper or Channel.Meeting) || origin.Length is < 2 or > Contribution.OriginMax
            ? Task.FromResult(CommandResult.Refused("Texts.OriginNeeded"))
            : AddAmendmentAsync(textId, draft, TextsPermissions.Enter, a => (a.Channel, a.Origin) = (channel, origin));
    }

    private async Task<CommandResult> AddAmendmentAsync(Guid textId, AmendmentDraft draft, Permission permission, Action<Amendment> author)
    {
        var (text, refusal) = await TextAsync(textId, permission);
        if (text is null)
        {
            return refusal!;
        }
        if (await db.Processes.AnyAsync(p => p.Id == text.ProcessId && p.ClosedAt != null))
        {
            return CommandResult.Refused("Error.ProcessClosed");
        }
        var (heading, wording, reason) = (draft.Heading.Trim(), draft.Wording.Trim(), draft.Reason.Trim());
        TextArticle? article = null;
        if (draft.ArticleId is { } articleId)
        {
            article = await db.TextArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == articleId && a.TextId == text.Id);
            if (article is null)
            {
                return CommandResult.Missing();
            }
        }
        var problem = text.Version == 0 ? "Texts.NotPublished"
            : article is not null && article.Version != text.Version ? "Texts.Superseded"
            : article is null && heading.Length is < 3 or > TextImport.HeadingMax ? "Texts.HeadingLength"
            : wording.Length is < 10 or > TextImport.BodyMax ? "Texts.WordingLength"
            : article is not null && wording == article.Body.Trim() ? "Texts.SameWording"
            : reason.Length > Amendment.ReasonMax ? "Texts.ReasonLength"
            : null;
        if (problem is null && article is null && draft.AfterLineageId is { } after
            && !await db.TextArticles.AnyAsync(a => a.TextId == text.Id && a.Version == text.Version && a.LineageId == after))
        {
            problem = "Texts.Superseded";
        }
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        var amendment = new Amendment
        {
            OrganisationId = text.OrganisationId, ProcessId = text.ProcessId, CreatedAt = clock.GetUtcNow(), TextId = text.Id, Version = text.Version,
            ArticleId = article?.Id, AfterLineageId = article is null ? draft.AfterLineageId : null, Heading = article is null ? heading : "", Wording = wording, Reason = reason,
        };
        author(amendment);
        db.Amendments.Add(amendment);
        await db.SaveChangesAsync();
        return CommandResult.Done(amendment.Id);
    }

    /// <summary>Null when the subject takes votes and arguments: an article of the current version, or a shown amendment to it not yet answered.</summary>
    private async Task<CommandResult?> SubjectAsync(CollaborativeText text, Guid subjectId)
    {
        var article = await db.TextArticles.AsNoTracking().Where(a => a.Id == subjectId && a.TextId == text.Id).Select(a => (int?)a.Version).FirstOrDefaultAsync();
        var amendment = article is null
            ? await db.Amendments.AsNoTracking().Where(a => a.Id == subjectId && a.TextId == text.Id && a.HiddenAt == null && a.ErasedAt == null)
                .Select(a => new { a.Version, Answered = a.Outcome != null || a.Fate != null }).FirstOrDefaultAsync()
            : null;
        var version = article ?? amendment?.Version;
        return version is null ? CommandResult.Missing()
            : version != text.Version ? CommandResult.Refused("Texts.Superseded")
            : amendment?.Answered == true ? CommandResult.Refused("Texts.AlreadyAnswered")
            : null;
    }

    private static string? Invalid(TextDraft draft) =>
        draft.Title.Trim().Length is < 3 or > CollaborativeText.TitleMax ? "Texts.TitleLength"
        : draft.Introduction.Trim().Length > CollaborativeText.IntroductionMax ? "Texts.IntroductionLength"
        : draft.PlainSummary.Trim().Length > CollaborativeText.PlainSummaryMax ? "Texts.PlainSummaryLength"
        : null;

    private static void Describe(CollaborativeText text, TextDraft draft) =>
        (text.Title, text.Introduction, text.PlainSummary) = (draft.Title.Trim(), draft.Introduction.Trim(), draft.PlainSummary.Trim());

    private Task<List<TextArticle>> ArticlesAsync(Guid textId, int version) =>
        db.TextArticles.AsNoTracking().Where(a => a.TextId == textId && a.Version == version).OrderBy(a => a.Position).ToListAsync();

    private async Task<(CollaborativeText? Text, CommandResult? Refusal)> TextAsync(Guid textId, Permission permission)
    {
        var text = await db.CollaborativeTexts.FirstOrDefaultAsync(t => t.Id == textId && t.OrganisationId == organisation.Id);
        var process = text is null ? null : await processes.FindAsync(text.ProcessId, TextsModule.Key);
        if (text is null || process is null)
        {
            return (null, CommandResult.Missing());
        }
        var decision = await authorizer.DecideAsync(permission, process);
        return decision == Decision.Allowed ? (text, null) : (null, CommandResult.Refused(decision));
    }
}
