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

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(Id) ? Page() : NotFound();

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
                return Redirect($"/proposals/{id}#comment-{result.Id}");
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
        (Proposal, Process, AuthorPseudonym, Theme, MergedInto, Comments, Fate) = view;
        SupportDecision = await authorizer.DecideAsync(ProposalsPermissions.Support, Process);
        CommentDecision = await authorizer.DecideAsync(ProposalsPermissions.Comment, Process);
        var personId = authorizer.PersonId;
        HasSupported = personId is not null && await supports.HasSupportedAsync(personId.Value, id, afterOwnAction: Request.Cookies.ContainsKey(FlashCookie));
        IsAuthor = personId is not null && Proposal.AuthorId == personId;
        CanEdit = IsAuthor && await commands.EditableAsync(Proposal, Process);
        Involved = IsAuthor || HasSupported || Comments.Any(thread => thread.Any(c => c.Comment.AuthorId == personId));
        CanModerate = await authorizer.CanAsync(Permission.Moderate, Process);
        CanAnswer = await authorizer.CanAsync(ProposalsPermissions.Answer, Process);
        CanDecideFate = await authorizer.CanAsync(Permission.Analyse, Process);
        return true;
    }

    private sealed record View(Proposal Proposal, Process Process, string? AuthorPseudonym, Theme? Theme, Proposal? MergedInto,
        ILookup<Guid?, CommentView> Comments, FateView Fate);

    /// <summary>The proposal as everyone sees it: read once per change, even for people signed in.</summary>
    private async Task<View?> ReadAsync(Guid id)
    {
        var proposal = await Db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisation.Id);
        var process = proposal is null ? null : await Db.Processes.AsNoTracking().Include(p => p.Phases)
            .FirstOrDefaultAsync(p => p.Id == proposal.ProcessId && p.Published);
        if (proposal is null || process is null)
        {
            return null;
        }
        var comments = await Db.Comments.AsNoTracking().Where(c => c.ProposalId == id).OrderBy(c => c.CreatedAt)
            .Select(c => new CommentView(c, Db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.Pseudonym).FirstOrDefault()))
            .ToListAsync();
        return new View(proposal, process, await PseudonymAsync(proposal.AuthorId),
            proposal.ThemeId is null ? null : await Db.Themes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == proposal.ThemeId),
            // A proposal moderation hid, or its author erased, is shown nowhere: not even by its title here.
            proposal.MergedIntoId is null ? null
                : await Db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposal.MergedIntoId && p.HiddenAt == null && p.ErasedAt == null),
            comments.ToLookup(c => c.Comment.ParentId), await FateView.LoadAsync(Db, ShownContributions.Of(Db, sources), id));
    }

    private Task<string?> PseudonymAsync(Guid? personId) =>
        Db.Users.Where(u => u.Id == personId).Select(u => u.Pseudonym).FirstOrDefaultAsync();
}
