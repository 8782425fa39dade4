using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Texts.Pages.Admin;

/// <summary>
/// Typing in the amendment booklets filled in at a workshop or a desk: one amendment at a time, to an article of the
/// current version or as a new article after one, with where it was written. It belongs to no one.
/// </summary>
public sealed class EntryModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, TextCommands commands)
    : TextPage(db, organisation, processes)
{
    /// <summary>"article:{id}" for an article's new wording, "after:{lineage}" or "start" for a new article.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.EntryTarget")]
    public string Target { get; set; } = "";

    [BindProperty]
    [StringLength(TextImport.HeadingMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.NewArticleHeading")]
    public string? Heading { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(TextImport.BodyMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Wording")]
    public string Wording { get; set; } = "";

    [BindProperty]
    [StringLength(Amendment.ReasonMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.AmendmentReason")]
    public string? Reason { get; set; }

    [BindProperty]
    public Channel Channel { get; set; } = Channel.Paper;

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Contribution.OriginMax, MinimumLength = 2, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.EntryOrigin")]
    public string Origin { get; set; } = "";

    public IReadOnlyList<TextArticle> Articles { get; private set; } = [];
    public IReadOnlyList<Amendment> Entered { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var (articleId, after) = Target switch
        {
            _ when Target.StartsWith("article:", StringComparison.Ordinal) && Guid.TryParse(Target["article:".Length..], out var article) => ((Guid?)article, (Guid?)null),
            _ when Target.StartsWith("after:", StringComparison.Ordinal) && Guid.TryParse(Target["after:".Length..], out var lineage) => (null, lineage),
            _ => (null, null),
        };
        if (articleId is null && after is null && Target != "start")
        {
            ModelState.AddModelError(nameof(Target), Text["Texts.TargetNeeded"]);
        }
        else if (articleId is null && string.IsNullOrWhiteSpace(Heading))
        {
            ModelState.AddModelError(nameof(Heading), Text["Validation.Required", Text["Field.NewArticleHeading"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The origin stays for the next booklet of the same table; the wording and reason are cleared by the redirect.
        var result = await commands.EnterAsync(id, new AmendmentDraft(articleId, after, Heading ?? "", Wording, Reason ?? ""), Channel, Origin);
        return After(result, "Texts.Entered", $"/admin/texts/{id}/entry?origin={Uri.EscapeDataString(Origin)}&channel={Channel}", result.ErrorKey switch
        {
            "Texts.HeadingLength" => nameof(Heading),
            "Texts.WordingLength" or "Texts.SameWording" => nameof(Wording),
            "Texts.ReasonLength" => nameof(Reason),
            "Texts.OriginNeeded" => nameof(Origin),
            _ => "",
        });
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadTextAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(TextsPermissions.Enter, Process)) is { } denied)
        {
            return denied;
        }
        if (Request.Method == "GET")
        {
            (Origin, Channel) = (Request.Query["origin"].ToString(), Enum.TryParse<Channel>(Request.Query["channel"], out var channel) ? channel : Channel.Paper);
        }
        Articles = await ArticlesAsync(Collaborative.Version);
        Entered = await Db.Amendments.AsNoTracking().Where(a => a.TextId == id && a.AuthorId == null && a.Channel != Channel.Online)
            .OrderByDescending(a => a.CreatedAt).Take(20).ToListAsync();
        return null;
    }
}
