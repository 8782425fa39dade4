using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Debates;

public sealed record DebateDraft(string Question, string Context, DateTimeOffset? ClosesAt, string PlainSummary = "", DateTimeOffset? OpensAt = null);

/// <summary>A point of the closing record as staff write it: disputed points name their arguments, open questions may go to the experts.</summary>
public sealed record PointDraft(PointKind Kind, string Text, IReadOnlyList<Guid> Arguments, bool ToExperts);

/// <summary>Every write of the debates module, each checked against its permission and the debate's dates.</summary>
public sealed class DebateCommands(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock, ProcessAccess processes,
    IEnumerable<IQuestionsToExperts> experts, Notifier notifier, IStringLocalizer<SharedText> localizer, Kernel.Accountability.CitedSummaries summaries)
{
    public const int MostPoints = 30;

    /// <summary>A new debate: staff at any time, participants when the phase lets them.</summary>
    public async Task<CommandResult> OpenAsync(Guid processId, DebateDraft draft)
    {
        var process = await processes.FindAsync(processId, DebatesModule.Key);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        // A closed process counted its contributions' fates: no debate opens in it any more, not even staff's.
        if (ProcessAccess.Closed(process) is { } closed)
        {
            return closed;
        }
        var staff = await authorizer.CanAsync(DebatesPermissions.Manage, process);
        if (!staff && await authorizer.DecideAsync(DebatesPermissions.Open, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var (question, context, plain) = (draft.Question.Trim(), draft.Context.Trim(), draft.PlainSummary.Trim());
        var problem = question.Length is < 10 or > Debate.QuestionMax ? "Debates.QuestionLength"
            : context.Length > Debate.ContextMax ? "Debates.ContextLength"
            : plain.Length > Debate.PlainSummaryMax ? "Debates.PlainSummaryLength"
            : draft.ClosesAt is { } closes && closes <= clock.GetUtcNow() ? "Debates.ClosesInPast"
            : draft is { OpensAt: { } opens, ClosesAt: { } ends } && opens >= ends ? "Debates.OpensAfterCloses"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        var debate = new Debate
        {
            OrganisationId = organisation.Id, ProcessId = process.Id, Question = question, Context = context, PlainSummary = plain, OpensAt = draft.OpensAt, ClosesAt = draft.ClosesAt,
            // Staff open a debate for the organisation (the log says who); a participant's is theirs, to export and erase.
            OpenedById = staff ? null : authorizer.PersonId, CreatedAt = clock.GetUtcNow(),
        };
        db.Debates.Add(debate);
        audit.Record("debate.open", $"debate:{debate.Id}", staff ? question : "");
        await db.SaveChangesAsync();
        return CommandResult.Done(debate.Id);
    }

    /// <summary>A participant's argument, for or against, while the debate is open and the phase allows it.</summary>
    public async Task<CommandResult> ArgueAsync(Guid debateId, Side side, string title, string text)
    {
        var (debate, refusal) = await OpenDebateAsync(debateId, DebatesPermissions.Argue);
        return debate is null ? refusal! : await AddAsync(debate, side, title, text, a => a.AuthorId = authorizer.PersonId);
    }

    /// <summary>An invited position ("regards croisés"), written by staff in the name of who they invited.</summary>
    public async Task<CommandResult> InviteAsync(Guid debateId, Side side, string invited, string title, string text)
    {
        var (debate, refusal) = await OpenForStaffAsync(debateId, DebatesPermissions.Manage);
        if (debate is null)
        {
            return refusal!;
        }
        invited = invited.Trim();
        if (invited.Length is < 3 or > Argument.InvitedMax)
        {
            return CommandResult.Refused("Debates.InvitedLength");
        }
        return await AddAsync(debate, side, title, text, a => a.Invited = invited);
    }

    /// <summary>An argument written at a workshop's table or on paper, typed in with where it comes from; it belongs to no one.</summary>
    public async Task<CommandResult> EnterAsync(Guid debateId, Side side, string title, string text, Channel channel, string origin)
    {
        var (debate, refusal) = await OpenForStaffAsync(debateId, DebatesPermissions.Enter);
        if (debate is null)
        {
            return refusal!;
        }
        origin = origin.Trim();
        if (channel is not (Channel.Workshop or Channel.Paper or Channel.Meeting) || origin.Length is < 2 or > Contribution.OriginMax)
        {
            return CommandResult.Refused("Debates.OriginNeeded");
        }
        return await AddAsync(debate, side, title, text, a => (a.Channel, a.Origin) = (channel, origin));
    }

    /// <summary>One support per person and argument, the count changed in the same transaction; a second press changes nothing.</summary>
    public async Task<CommandResult> SupportAsync(Guid debateId, Guid argumentId)
    {
        var (argument, refusal) = await ArgumentAsync(debateId, argumentId);
        if (argument is null)
        {
            return refusal!;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.ArgumentSupports.Add(new ArgumentSupport { ArgumentId = argumentId, PersonId = authorizer.PersonId!.Value, SupportedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Done(argumentId);
        }
        await db.Arguments.Where(a => a.Id == argumentId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Supports, a => a.Supports + 1));
        await transaction.CommitAsync();
        return CommandResult.Done(argumentId);
    }

    /// <summary>A reply under an argument.</summary>
    public async Task<CommandResult> ReplyAsync(Guid debateId, Guid argumentId, string text)
    {
        var (argument, refusal) = await ArgumentAsync(debateId, argumentId);
        if (argument is null)
        {
            return refusal!;
        }
        text = text.Trim();
        if (text.Length is < 2 or > ArgumentReply.TextMax)
        {
            return CommandResult.Refused("Debates.ReplyLength");
        }
        var reply = new ArgumentReply
        {
            OrganisationId = argument.OrganisationId, ProcessId = argument.ProcessId, AuthorId = authorizer.PersonId, CreatedAt = clock.GetUtcNow(),
            DebateId = debateId, ArgumentId = argumentId, Text = text,
        };
        db.ArgumentReplies.Add(reply);
        await db.SaveChangesAsync();
        return CommandResult.Done(reply.Id);
    }

    /// <summary>
    /// An argument of this debate that people may support or answer: shown, not an invited position (shown apart, neither
    /// supported nor answered), in a debate open to arguments, for a person the phase lets argue.
    /// </summary>
    private async Task<(Argument? Argument, CommandResult? Refusal)> ArgumentAsync(Guid debateId, Guid argumentId)
    {
        var argument = await db.Arguments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == argumentId && a.DebateId == debateId && a.OrganisationId == organisation.Id
            && a.Invited == "" && a.HiddenAt == null && a.ErasedAt == null);
        if (argument is null)
        {
            return (null, CommandResult.Missing());
        }
        var (debate, refusal) = await OpenDebateAsync(debateId, DebatesPermissions.Argue);
        return debate is null ? (null, refusal) : (argument, null);
    }

    /// <summary>
    /// Closes the debate with its record, all or nothing: a disputed point stands on arguments of both sides, and an
    /// open question sent to the experts becomes one of their questions in the same step.
    /// </summary>
    public async Task<CommandResult> CloseAsync(Guid debateId, string conclusion, IReadOnlyList<PointDraft> points)
    {
        var (debate, refusal) = await DebateAsync(debateId, DebatesPermissions.Manage);
        if (debate is null)
        {
            return refusal!;
        }
        if (debate.ClosedAt is not null)
        {
            return CommandResult.Refused("Debates.AlreadyClosed");
        }
        conclusion = conclusion.Trim();
        var kept = points.Select(p => p with { Text = p.Text.Trim() }).Where(p => p.Text.Length > 0).ToList();
        var sides = await db.Arguments.Where(a => a.DebateId == debateId && a.HiddenAt == null && a.ErasedAt == null)
            .Select(a => new { a.Id, a.Side }).ToDictionaryAsync(a => a.Id, a => a.Side);
        var problem = kept.Count is 0 or > MostPoints ? "Debates.PointsNeeded"
            : conclusion.Length > ClosingPoint.TextMax || kept.Any(p => p.Text.Length > ClosingPoint.TextMax) ? "Debates.PointLength"
            : kept.Any(p => p.Arguments.Any(a => !sides.ContainsKey(a))) ? "Error.NotFound"
            : kept.Any(p => p.Kind == PointKind.Disputed && p.Arguments.Select(a => sides[a]).Distinct().Count() < 2) ? "Debates.DisputedNeedsBothSides"
            : kept.Any(p => p.ToExperts && p.Kind != PointKind.OpenQuestion) ? "Debates.OnlyQuestionsToExperts"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Closed once: of two closings at once, the second finds it closed and stores nothing.
        var closedAt = clock.GetUtcNow();
        if (await db.Debates.Where(d => d.Id == debate.Id && d.ClosedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.ClosedAt, closedAt).SetProperty(d => d.Conclusion, conclusion)) == 0)
        {
            return CommandResult.Refused("Debates.AlreadyClosed");
        }
        // Stored for others to read (news, the experts' questions): in the organisation's language, as the question is.
        string question;
        using (CultureScope.Use(CultureInfo.GetCultureInfo(organisation.Value.DefaultCulture)))
        {
            question = debate.QuestionOr(localizer);
        }
        var origin = Excerpts.Clip(question, Contribution.OriginMax);
        for (var i = 0; i < kept.Count; i++)
        {
            var point = new ClosingPoint { DebateId = debate.Id, Kind = kept[i].Kind, Position = i, Text = kept[i].Text };
            if (kept[i].ToExperts)
            {
                var referred = experts.FirstOrDefault() is { } taker
                    ? await taker.ReferAsync(debate.ProcessId, point.Text, origin)
                    : CommandResult.Refused("Debates.NoExperts");
                if (!referred.Succeeded)
                {
                    // The transaction goes with its rows; what this context tracked of them goes too.
                    db.ChangeTracker.Clear();
                    return referred;
                }
                point.ReferredId = referred.Id;
            }
            db.ClosingPoints.Add(point);
            db.PointArguments.AddRange(kept[i].Arguments.Distinct().Select(a => new PointArgument { PointId = point.Id, ArgumentId = a }));
        }
        audit.Record("debate.close", $"debate:{debate.Id}", $"{kept.Count}");
        // Those who argued, replied or supported an argument hear of the record that closes the debate.
        var arguments = db.Arguments.Where(a => a.DebateId == debate.Id);
        await notifier.RaiseAsync(new Notice(DebatesModule.Closed, organisation.Id, debate.ProcessId, debate.Id, question, $"/debates/{debate.Id}",
            Excerpts.Cut(conclusion.Trim(), 300))
        {
            Involved = arguments.Where(a => a.AuthorId != null).Select(a => a.AuthorId!.Value)
                .Union(db.ArgumentReplies.Where(r => r.DebateId == debate.Id && r.AuthorId != null).Select(r => r.AuthorId!.Value))
                .Union(db.ArgumentSupports.Where(s => arguments.Select(a => a.Id).Contains(s.ArgumentId)).Select(s => s.PersonId)),
            ActorId = authorizer.PersonId,
        });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Done(debate.Id);
    }

    private async Task<CommandResult> AddAsync(Debate debate, Side side, string title, string text, Action<Argument> origin)
    {
        (title, text) = (title.Trim(), text.Trim());
        var problem = !Enum.IsDefined(side) ? "Debates.SideNeeded"
            : title.Length is < 3 or > Argument.TitleMax ? "Debates.TitleLength"
            : text.Length is < 10 or > Argument.TextMax ? "Debates.TextLength"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        if (await processes.FindAsync(debate.ProcessId) is not { } process)
        {
            return CommandResult.Missing();
        }
        if (ProcessAccess.Closed(process) is { } closed)
        {
            return closed;
        }
        var argument = new Argument
        {
            OrganisationId = debate.OrganisationId, ProcessId = debate.ProcessId, CreatedAt = clock.GetUtcNow(), DebateId = debate.Id, Side = side, Title = title, Text = text,
        };
        origin(argument);
        db.Arguments.Add(argument);
        await db.SaveChangesAsync();
        return CommandResult.Done(argument.Id);
    }

    /// <summary>A debate not yet closed, for staff or facilitators: once its record is published, nothing is added to it.</summary>
    private async Task<(Debate? Debate, CommandResult? Refusal)> OpenForStaffAsync(Guid debateId, Permission permission)
    {
        var (debate, refusal) = await DebateAsync(debateId, permission);
        return debate is { ClosedAt: not null } ? (null, CommandResult.Refused("Debates.AlreadyClosed")) : (debate, refusal);
    }

    /// <summary>A debate taking arguments now, for a person the phase lets argue.</summary>
    private async Task<(Debate? Debate, CommandResult? Refusal)> OpenDebateAsync(Guid debateId, Permission permission)
    {
        var (debate, refusal) = await DebateAsync(debateId, permission);
        return debate is null ? (null, refusal) : debate.OpenAt(clock.GetUtcNow()) ? (debate, null) : (null, CommandResult.Refused("Debates.NotOpen"));
    }

    /// <summary>A debate moderation left visible, for a person with the permission: a hidden one takes nothing, not even its record.</summary>
    private async Task<(Debate? Debate, CommandResult? Refusal)> DebateAsync(Guid debateId, Permission permission)
    {
        var (debate, refusal) = await AnyDebateAsync(debateId, permission);
        return debate is { HiddenAt: not null } ? (null, CommandResult.Refused("Debates.HiddenTakesNothing")) : (debate, refusal);
    }

    private async Task<(Debate? Debate, CommandResult? Refusal)> AnyDebateAsync(Guid debateId, Permission permission)
    {
        var debate = await db.Debates.FirstOrDefaultAsync(d => d.Id == debateId && d.OrganisationId == organisation.Id);
        var process = debate is null ? null : await processes.FindAsync(debate.ProcessId, DebatesModule.Key);
        if (debate is null || process is null)
        {
            return (null, CommandResult.Missing());
        }
        var decision = await authorizer.DecideAsync(permission, process);
        return decision == Decision.Allowed ? (debate, null) : (null, CommandResult.Refused(decision));
    }

    /// <summary>
    /// Moderation hides a debate, or shows it again, with its reason in the public log, as for any contribution: a
    /// participant's question, or its context, may break the charter.
    /// </summary>
    public async Task<CommandResult> ModerateAsync(Guid debateId, bool hide, string reason)
    {
        var (debate, refusal) = await AnyDebateAsync(debateId, Permission.Moderate);
        if (debate is null)
        {
            return refusal!;
        }
        reason = reason.Trim();
        if (reason.Length is 0 or > ModerationDecision.ReasonMax)
        {
            return CommandResult.Refused("Debates.ModerationReason");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Hidden or shown once: of two decisions at once, the second finds it done and stores nothing.
        var now = clock.GetUtcNow();
        var changed = hide
            ? await db.Debates.Where(d => d.Id == debate.Id && d.HiddenAt == null).ExecuteUpdateAsync(u => u.SetProperty(d => d.HiddenAt, now).SetProperty(d => d.HiddenReason, reason))
            : await db.Debates.Where(d => d.Id == debate.Id && d.HiddenAt != null).ExecuteUpdateAsync(u => u.SetProperty(d => d.HiddenAt, (DateTimeOffset?)null).SetProperty(d => d.HiddenReason, (string?)null));
        if (changed == 0)
        {
            return CommandResult.Done(debate.Id);
        }
        // Points sent to the experts at its close name its question as their origin, shown with their questions.
        var referred = db.ClosingPoints.Where(p => p.DebateId == debate.Id && p.ReferredId != null).Select(p => p.ReferredId!.Value);
        foreach (var question in await db.Contributions.Where(c => referred.Contains(c.Id)).ToListAsync())
        {
            question.Origin = hide || debate.Erased ? null : Excerpts.Clip(debate.Question, Contribution.OriginMax);
        }
        var action = hide ? ModerationAction.Hide : ModerationAction.Restore;
        db.ModerationDecisions.Add(new ModerationDecision
        {
            OrganisationId = organisation.Id, ProcessId = debate.ProcessId, ContributionId = debate.Id, ContributionKind = Debate.Kind, Action = action, Reason = reason,
            ModeratorId = authorizer.PersonId!.Value, DecidedAt = now,
        });
        audit.Record($"moderation.{action.ToString().ToLowerInvariant()}", $"{Debate.Kind}:{debate.Id}", reason);
        await db.SaveChangesAsync();
        if (hide)
        {
            await summaries.WithdrawUnshownAsync(debate.ProcessId);
        }
        await transaction.CommitAsync();
        return CommandResult.Done(debate.Id);
    }
}
