using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Proposals.Pages;

/// <summary>A proposal with its official answer, its supports and its discussion.</summary>
[OutputCache(PolicyName = PublicPagePolicy.Name)]
public sealed class ShowModel(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, ProposalCommands commands, SharedData shared,
    PersonalSupports supports, IEnumerable<IContributionSource> sources)
    : ParvisPageModel, IProcessPage
{
    private ParvisDbContext Db => database.Context;

    public sealed record CommentView(Comment Comment, string? AuthorPseudonym);

    /// <summary>Threads a page of the discussion holds, each whole: a busy proposal's page stays light.</summary>
    public const int ThreadsPerPage = 50;

    /// <summary>A comment or a reply being written: read by the comment handler only, since a support (the busiest post) carries none.</summary>
    public sealed class CommentForm
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(Comment.BodyMax, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.Comment")]
        public string CommentBody { get; set; } = "";

        public Guid? ParentId { get; set; }
    }

    public CommentForm NewComment { get; } = new();

    /// <summary>
    /// The comment whose "Reply" link was followed: its reply form is shown under it, without JavaScript. Read from the
    /// address as it is, rather than bound, since every visit of the busiest page would pay for the binding.
    /// </summary>
    public Guid? Reply => Guid.TryParse(Request.Query["reply"], out var id) ? id : null;

    public Proposal Proposal { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public string? AuthorPseudonym { get; private set; }
    public Theme? Theme { get; private set; }
    public Proposal? MergedInto { get; private set; }
    public ILookup<Guid?, CommentView> Comments { get; private set; } = default!;

    /// <summary>Which page of the discussion's threads is shown, and whether another follows.</summary>
    public int CommentPage { get; private set; } = 1;
    public bool MoreComments { get; private set; }
    public Decision SupportDecision { get; private set; }
    public Decision CommentDecision { get; private set; }
    public bool HasSupported { get; private set; }
    public bool IsAuthor { get; private set; }

    /// <summary>Whether the person reading is its author and may still change it.</summary>
    public bool CanEdit { get; private set; }
    public bool CanModerate { get; private set; }
    public bool CanAnswer { get; private set; }
    public bool CanDecideFate { get; private set; }
    public FateView Fate { get; private set; } = default!;

    /// <summary>The proposal's id, from the address ("{id:guid}").</summary>
    private Guid Id => Guid.Parse(RouteValue("id"));

    /// <summary>The person wrote, supported or commented it: they hear of it unless they stopped.</summary>
    public bool Involved { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // A comment's own address leads to the page of threads that holds it; the browser keeps its "#comment-" part.
        // One address per page, then, for the output cache, however many comments are linked to.
        if (Guid.TryParse(Request.Query["comment"], out var commentId))
        {
            var page = await PageOfAsync(Id, commentId);
            return Redirect(page > 1 ? $"/proposals/{Id}?p={page}" : $"/proposals/{Id}");
        }
        return await LoadAsync(Id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSupportAsync()
    {
        var id = Id;
        var result = await commands.SupportAsync(id);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        if (result.Succeeded)
        {
            Flash("Proposals.Supported");
            return Redirect($"/proposals/{id}#support");
        }
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCommentAsync()
    {
        var id = Id;
        if (await TryUpdateModelAsync(NewComment, ""))
        {
            var result = await commands.CommentAsync(id, NewComment.ParentId, NewComment.CommentBody);
            if (Refusal(result, nameof(CommentForm.CommentBody)) is { } refusal)
            {
                return refusal;
            }
            if (result.Succeeded)
            {
                Flash("Proposals.Commented");
                var page = await PageOfAsync(id, result.Id!.Value);
                return Redirect($"/proposals/{id}{(page > 1 ? $"?p={page}" : "")}#comment-{result.Id}");
            }
        }
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        var id = Id;
        var result = await commands.WithdrawAsync(id);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        if (result.Succeeded)
        {
            Flash("Proposals.Withdrawn");
            return Redirect($"/proposals/{id}");
        }
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await shared.GetAsync($"proposal:{organisation.Id}:{id}", () => ReadAsync(id)) is not { } view)
        {
            return false;
        }
        (Proposal, Process, AuthorPseudonym, Theme, MergedInto, Fate) = view;
        CommentPage = int.TryParse(Request.Query["p"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked)
            ? PageNumbers.Of(asked) : 1;
        // A page past the last is no page, and nothing is kept of it.
        if (await shared.GetAsync($"proposal-comments:{organisation.Id}:{id}:{CommentPage}", () => ReadCommentsAsync(id, CommentPage)) is not { } page)
        {
            return false;
        }
        (Comments, MoreComments) = (page.Comments, page.HasMore);
        SupportDecision = await authorizer.DecideAsync(ProposalsPermissions.Support, Process);
        CommentDecision = await authorizer.DecideAsync(ProposalsPermissions.Comment, Process);
        var personId = authorizer.PersonId;
        HasSupported = personId is not null && await supports.HasSupportedAsync(personId.Value, id, afterOwnAction: Request.Cookies.ContainsKey(FlashCookie));
        IsAuthor = personId is not null && Proposal.AuthorId == personId;
        CanEdit = IsAuthor && await commands.EditableAsync(Proposal, Process);
        Involved = IsAuthor || HasSupported || (personId is not null && await Db.Comments.AnyAsync(c => c.ProposalId == id && c.AuthorId == personId));
        CanModerate = await authorizer.CanAsync(Permission.Moderate, Process);
        CanAnswer = await authorizer.CanAsync(ProposalsPermissions.Answer, Process);
        CanDecideFate = await authorizer.CanAsync(Permission.Analyse, Process);
        return true;
    }

    private sealed record View(Proposal Proposal, Process Process, string? AuthorPseudonym, Theme? Theme, Proposal? MergedInto, FateView Fate);

    private sealed record CommentsPage(ILookup<Guid?, CommentView> Comments, bool HasMore);

    /// <summary>The page of threads that holds a comment of the proposal: its thread's place among the threads; else the first.</summary>
    private async Task<int> PageOfAsync(Guid proposalId, Guid commentId)
    {
        // Up the replies to the thread's first comment.
        var root = await Db.Comments.AsNoTracking().Where(c => c.Id == commentId && c.ProposalId == proposalId).Select(c => new { c.Id, c.ParentId, c.CreatedAt }).FirstOrDefaultAsync();
        for (var depth = 0; root?.ParentId is { } parent && depth < Comment.MaxDepth; depth++)
        {
            root = await Db.Comments.AsNoTracking().Where(c => c.Id == parent).Select(c => new { c.Id, c.ParentId, c.CreatedAt }).FirstOrDefaultAsync();
        }
        if (root is null)
        {
            return 1;
        }
        var before = await Db.Comments.CountAsync(c => c.ProposalId == proposalId && c.ParentId == null
            && (c.CreatedAt < root.CreatedAt || (c.CreatedAt == root.CreatedAt && c.Id.CompareTo(root.Id) < 0)));
        return before / ThreadsPerPage + 1;
    }

    /// <summary>A page of the discussion: its threads in the order they began, each with every reply, a level at a time; none past the last.</summary>
    private async Task<CommentsPage?> ReadCommentsAsync(Guid id, int page)
    {
        var comments = Db.Comments.AsNoTracking().Where(c => c.ProposalId == id);
        IQueryable<CommentView> Viewed(IQueryable<Comment> chosen) =>
            chosen.Select(c => new CommentView(c, Db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.Pseudonym).FirstOrDefault()));
        var threads = await Viewed(comments.Where(c => c.ParentId == null).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((page - 1) * ThreadsPerPage).Take(ThreadsPerPage + 1)).ToListAsync();
        if (page > 1 && threads.Count == 0)
        {
            return null;
        }
        var hasMore = threads.Count > ThreadsPerPage;
        var shown = threads.Take(ThreadsPerPage).ToList();
        var parents = shown.Select(c => (Guid?)c.Comment.Id).ToList();
        for (var depth = 1; depth <= Comment.MaxDepth && parents.Count > 0; depth++)
        {
            var level = await Viewed(comments.Where(c => parents.Contains(c.ParentId)).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)).ToListAsync();
            shown.AddRange(level);
            parents = level.Select(c => (Guid?)c.Comment.Id).ToList();
        }
        return new CommentsPage(shown.ToLookup(c => c.Comment.ParentId), hasMore);
    }

    /// <summary>The proposal as everyone sees it, its discussion apart: read once per change, even for people signed in.</summary>
    private async Task<View?> ReadAsync(Guid id)
    {
        var proposal = await Db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisation.Id);
        var process = proposal is null ? null : await Db.Processes.AsNoTracking().Include(p => p.Phases)
            .FirstOrDefaultAsync(p => p.Id == proposal.ProcessId && p.Published);
        if (proposal is null || process is null)
        {
            return null;
        }
        return new View(proposal, process, await PseudonymAsync(proposal.AuthorId),
            proposal.ThemeId is null ? null : await Db.Themes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == proposal.ThemeId),
            // A proposal moderation hid, or its author erased, is shown nowhere: not even by its title here.
            proposal.MergedIntoId is null ? null
                : await Db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposal.MergedIntoId && p.HiddenAt == null && p.ErasedAt == null),
            await FateView.LoadAsync(Db, ShownContributions.Of(Db, sources), id));
    }

    private Task<string?> PseudonymAsync(Guid? personId) =>
        Db.Users.Where(u => u.Id == personId).Select(u => u.Pseudonym).FirstOrDefaultAsync();
}
