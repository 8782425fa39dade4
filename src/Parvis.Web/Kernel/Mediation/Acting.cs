using System.Security.Claims;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.Mediation;

/// <summary>
/// A request made by a mediator acting under a mandate: the page sees the person helped as the one signed in, with a
/// participant's powers only (never the mediator's roles, nor any role the person holds), within what the mandate allows;
/// everything written is labelled and journaled.
/// </summary>
public sealed record ActingUnderMandate(Guid SessionId, Guid OrganisationId, Guid MandateId, Guid MediatorId, Guid PersonId, string Pseudonym, Guid StructureId,
    string StructureName, Guid? ProcessId, MediationMode Mode, MandateAllows Granted)
{
    /// <summary>The claim that marks the principal of an acting request.</summary>
    public const string ClaimType = "parvis:acting";

    public static ActingUnderMandate? Of(HttpContext? context) => context?.Features.Get<ActingUnderMandate>();

    /// <summary>The journal line of something done now under this mandate (a vote's keeps only its local day).</summary>
    public MandateAct ActOf(IPersonAct act, DateTimeOffset now, MandateChange change = MandateChange.Added) => new()
    {
        Change = change,
        OrganisationId = OrganisationId,
        MandateId = MandateId,
        PersonId = PersonId,
        MediatorId = MediatorId,
        Mode = Mode,
        Kind = act.ActKind,
        Address = act.ActAddress,
        SubjectId = act.ActSubjectId,
        At = act.ActDayOnly ? new DateTimeOffset(now.ToLocalTime().Date, now.ToLocalTime().Offset) : now,
        DayOnly = act.ActDayOnly,
    };

    /// <summary>Whether the mandate covers writing in the process: its scope, and a session that writes at all.</summary>
    private bool Covers(Guid? processId) => Mode != MediationMode.Explain && (ProcessId is null || ProcessId == processId);

    /// <summary>
    /// Whether the mandate allows an action of this kind in the process: contributing as the session's mode allows
    /// (with the person there, or for them), voting only where it says so; never what only staff, analysts,
    /// facilitators or experts do, even if the person is one.
    /// </summary>
    public bool Allows(Permissions.Permission permission, Guid? processId) => Covers(processId)
        && permission.Roles.Contains(People.Role.Participant) && permission.UnderMandate switch
        {
            Permissions.MandateUse.Contribute => Contributes(processId),
            Permissions.MandateUse.Vote => Granted.HasFlag(MandateAllows.VoteFor),
            _ => false,
        };

    /// <summary>
    /// Whether the mandate covers what the person does as themselves in the process, beyond any permission: changing or
    /// withdrawing what they wrote, contesting a hiding, their demographic answers, their opinion of a phase, giving up a
    /// seat. As contributing, in the session's mode.
    /// </summary>
    public bool Contributes(Guid? processId) => Covers(processId)
        && (Mode == MediationMode.With ? Granted.HasFlag(MandateAllows.ContributeWith) : Granted.HasFlag(MandateAllows.ContributeFor));
}

/// <summary>
/// Turns a mediator's request into the person's while a session under a live mandate runs in their browser (the
/// acting cookie names it). The session ends when the mandate stops acting (revoked, expired, its process closed),
/// when the mediator leaves the structure, after 30 minutes unused, or on signing out; the person's account pages and
/// the administration stay out of reach meanwhile.
/// </summary>
public sealed class MediationMiddleware(RequestDelegate next, ActingCookie cookie, TimeProvider clock)
{
    /// <summary>Pages a mediator reaches only as themselves.</summary>
    private static readonly string[] _ownPages = ["/account", "/admin", MediationPages.Home];

    public async Task InvokeAsync(HttpContext context, DatabaseOnDemand database, CurrentOrganisation organisation)
    {
        if (!context.Request.Cookies.ContainsKey(ActingCookie.Name))
        {
            await next(context);
            return;
        }
        var now = clock.GetUtcNow();
        var db = database.Context;
        var acting = Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var mediatorId) && cookie.Read(context) is { } sessionId
            ? await ActingAsync(db, organisation.Id, sessionId, mediatorId, now)
            : null;
        var path = context.Request.Path;
        var signingOut = path.StartsWithSegments("/account/sign-out");
        if (acting is null)
        {
            cookie.Clear(context);
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is null)
            {
                // A form sent for the person once the session is over is neither theirs nor the mediator's: nothing is
                // written, and the error page hands back what was typed. The mediator's own pages (their desk, the
                // way out) take their forms as the mediator's.
                if (HttpMethods.IsPost(context.Request.Method) && !signingOut && !_ownPages.Any(p => path.StartsWithSegments(p)))
                {
                    context.Response.StatusCode = StatusCodes.Status409Conflict;
                    return;
                }
                ParvisPageModel.Flash(context, "Mediation.Ended");
            }
            await next(context);
            return;
        }
        // Signing out ends acting first: the mediator signs themselves out.
        if (signingOut)
        {
            await MediationCommands.EndSessionAsync(db, acting.SessionId, now);
            cookie.Clear(context);
            await next(context);
            return;
        }
        if (_ownPages.Any(p => path.StartsWithSegments(p)) && !path.StartsWithSegments(MediationPages.Stop))
        {
            context.Response.Redirect(MediationPages.Stop);
            return;
        }
        // Explaining writes nothing, whatever the page: a form sent then goes nowhere, and the way out says why.
        if (acting.Mode == MediationMode.Explain && HttpMethods.IsPost(context.Request.Method) && !path.StartsWithSegments(MediationPages.Stop))
        {
            ParvisPageModel.Flash(context, "Mediation.ExplainOnly");
            context.Response.Redirect(MediationPages.Stop);
            return;
        }
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, acting.PersonId.ToString()),
            new Claim(ClaimTypes.Name, acting.Pseudonym),
            new Claim(ActingUnderMandate.ClaimType, acting.SessionId.ToString()),
        ], "mediation"));
        context.Features.Set(acting);
        await next(context);
    }

    /// <summary>The session if it may go on (and it is marked as used); otherwise it is ended, and null.</summary>
    private static async Task<ActingUnderMandate?> ActingAsync(ParvisDbContext db, Guid organisationId, Guid sessionId, Guid mediatorId, DateTimeOffset now)
    {
        var found = await db.MediationSessions.AsNoTracking().Where(s => s.Id == sessionId && s.MediatorId == mediatorId && s.EndedAt == null)
            .Join(db.Mandates.Where(m => m.OrganisationId == organisationId), s => s.MandateId, m => m.Id, (s, m) => new { Session = s, Mandate = m })
            .Select(x => new
            {
                x.Session,
                x.Mandate,
                Pseudonym = db.Users.Where(u => u.Id == x.Mandate.PersonId).Select(u => u.Pseudonym).FirstOrDefault(),
                Structure = db.MediationStructures.Where(s => s.Id == x.Mandate.StructureId).Select(s => s.Name).FirstOrDefault(),
                StillMediator = db.Mediators.Any(m => m.StructureId == x.Mandate.StructureId && m.PersonId == mediatorId),
                ProcessClosed = db.Processes.Any(p => p.Id == x.Mandate.ProcessId && p.ClosedAt != null),
            })
            .FirstOrDefaultAsync();
        if (found is null)
        {
            return null;
        }
        var (session, mandate) = (found.Session, found.Mandate);
        if (found.Pseudonym is null || found.Structure is null || !found.StillMediator || !mandate.ActsAt(now) || now - session.LastSeenAt > MediationSession.IdleLimit
            || (mandate.Duration == MandateDuration.Process && found.ProcessClosed))
        {
            await MediationCommands.EndSessionAsync(db, session.Id, now);
            return null;
        }
        // Written at most once a minute: enough for a limit of thirty.
        if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            await db.MediationSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));
        }
        return new ActingUnderMandate(session.Id, organisationId, mandate.Id, mediatorId, mandate.PersonId, found.Pseudonym, mandate.StructureId, found.Structure,
            mandate.ProcessId, session.Mode, mandate.Allows);
    }
}

/// <summary>
/// Labels and journals what is written under a mandate, whatever the module: a contribution becomes the mediated
/// channel's with its structure named, and each <see cref="IPersonAct"/> added, changed or deleted gets its line in
/// the mandate's journal, saved with it. A contribution counts as the person's act only if it is theirs: a comment
/// added under a mandate may touch its proposal.
/// </summary>
public sealed class MediationInterceptor(IHttpContextAccessor http, TimeProvider clock) : Data.BeforeSaving
{
    protected override void Apply(DbContext? db)
    {
        if (db is null || ActingUnderMandate.Of(http.HttpContext) is not { } acting)
        {
            return;
        }
        // A contribution nobody signs (an anonymous survey's answer) is neither journaled nor marked: its time and
        // address in the person's journal would join them to it. Its module journals the taking part by day.
        var acts = db.ChangeTracker.Entries()
            .Where(e => e.Entity is IPersonAct && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is not Contribution { AuthorId: null }
                && (e.State == EntityState.Added || e.Entity is not Contribution { AuthorId: var author } || author == acting.PersonId))
            .Select(e => ((IPersonAct)e.Entity, Change(e))).ToList();
        var now = clock.GetUtcNow();
        foreach (var (act, change) in acts)
        {
            if (act is Contribution contribution && change == MandateChange.Added)
            {
                contribution.MediatedById = acting.StructureId;
                if (contribution.Channel == Channel.Online)
                {
                    contribution.Channel = Channel.Mediated;
                }
            }
            db.Add(acting.ActOf(act, now, change));
        }
    }

    /// <summary>A deletion withdraws, and so does an edit that sets when it was withdrawn; any other edit changes.</summary>
    private static MandateChange Change(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) => entry.State switch
    {
        EntityState.Added => MandateChange.Added,
        EntityState.Deleted => MandateChange.Withdrawn,
        _ => entry.Properties.Any(p => p.IsModified && p.Metadata.Name == "WithdrawnAt" && p.CurrentValue is not null) ? MandateChange.Withdrawn : MandateChange.Changed,
    };
}
