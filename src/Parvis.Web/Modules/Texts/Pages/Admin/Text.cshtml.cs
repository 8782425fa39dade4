using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Texts.Pages.Admin;

/// <summary>A changelog line as the publication form posts it.</summary>
public sealed class ReasonInput
{
    public string? Heading { get; set; }

    [StringLength(TextChange.ReasonMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ChangeReason")]
    public string? Reason { get; set; }

    public List<Guid> Causes { get; set; } = [];
    public List<Guid> InPart { get; set; } = [];

    /// <summary>Other contributions that caused the change, by address or number, as staff paste them.</summary>
    [StringLength(4_000, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.OtherCauses")]
    public string? Others { get; set; }
}

/// <summary>An amendment waiting for an answer, with its votes, most agreed first.</summary>
/// <summary>An amendment waiting for its answer, and where it stands: its article's heading or, for a new article, its own (WhereLanguage).</summary>
public sealed record Awaiting(Amendment Amendment, string Where, OpinionCount Opinions, string WhereLanguage);

/// <summary>
/// A text for staff: its description, the draft of the next version (pasted Markdown or an imported DOCX) checked and
/// previewed, each change with its reason and causes, the publication; and the amendments still without an answer.
/// </summary>
public sealed partial class TextModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, TextCommands commands)
    : ParvisPageModel, IProcessPage
{
    public const int MostAwaiting = 50;

    [BindProperty]
    public DescriptionInput Description { get; set; } = new();

    [BindProperty]
    [Display(Name = "Field.Draft")]
    public string? Draft { get; set; }

    [BindProperty]
    [Display(Name = "Field.DraftFile")]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    [StringLength(TextVersion.NoteMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.VersionNote")]
    public string? Note { get; set; }

    [BindProperty]
    public int ReadVersion { get; set; }

    /// <summary>The draft staff previewed (<see cref="TextCommands.DraftStamp"/>): publication refuses another.</summary>
    [BindProperty]
    public string? ReadDraft { get; set; }

    [BindProperty]
    public List<ReasonInput> Reasons { get; set; } = [];

    [BindProperty]
    public AmendmentOutcome Outcome { get; set; } = AmendmentOutcome.NotRetained;

    [BindProperty]
    [StringLength(TextChange.ReasonMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.AnswerReason")]
    public string? AnswerReason { get; set; }

    public CollaborativeText Collaborative { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public DraftImport Import { get; private set; } = default!;
    public IReadOnlyList<PlannedChange> Changes { get; private set; } = [];

    /// <summary>Each change's words, compared within the page's budget.</summary>
    public DiffBudget Diffs { get; } = new();
    public ILookup<Guid, Amendment> AmendmentsByLineage { get; private set; } = Array.Empty<Amendment>().ToLookup(a => a.Id);
    public IReadOnlyList<Awaiting> AwaitingAnswer { get; private set; } = [];
    public int AwaitingTotal { get; private set; }

    /// <summary>The amendment whose answer was refused: its form shows the error and what was typed.</summary>
    public Guid? Answering { get; private set; }

    public string Address => $"/admin/texts/{Collaborative.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        (Description, Draft, ReadVersion) = (DescriptionInput.Of(Collaborative), Collaborative.Draft, Collaborative.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostDescribeAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Description));
        Draft = Collaborative.Draft;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await commands.DescribeAsync(id, Description.Draft);
        return After(result, "Texts.Described", Address, DescriptionInput.Field(nameof(Description), result.ErrorKey));
    }

    /// <summary>Keeps the draft as pasted, or as read from a DOCX; its problems show in the preview, nothing typed is lost.</summary>
    public async Task<IActionResult> OnPostDraftAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Draft), nameof(Upload));
        Description = DescriptionInput.Of(Collaborative);
        var markdown = Draft ?? "";
        if (Upload is { Length: > 0 })
        {
            if (ReadUpload(Upload.OpenReadStream(), nameof(Upload), TextImport.DocxBytes) is not { } bytes)
            {
                return Page();
            }
            try
            {
                markdown = TextImport.DocxToMarkdown(new MemoryStream(bytes));
            }
            catch (UploadRefusedException refused)
            {
                Refuse(nameof(Upload), refused);
                return Page();
            }
        }
        var result = await commands.SaveDraftAsync(id, markdown);
        return After(result, "Texts.DraftSaved", $"{Address}#preview", nameof(Draft));
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Note), nameof(Reasons), nameof(ReadVersion), nameof(ReadDraft));
        (Description, Draft) = (DescriptionInput.Of(Collaborative), Collaborative.Draft);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var reasons = Reasons.Select(r => new ChangeReason(r.Heading ?? "", r.Reason ?? "", [.. r.Causes, .. Numbers(r.Others)], r.InPart)).ToList();
        var result = await commands.PublishAsync(id, ReadVersion, ReadDraft ?? "", Note ?? "", reasons);
        if (result.ErrorKey == "Texts.ReasonNeeded")
        {
            // Said next to each line that lacks its reason, as well as at the top.
            foreach (var (input, i) in Reasons.Select((r, i) => (r, i)).Where(r => (r.r.Reason?.Trim().Length ?? 0) < TextCommands.ReasonMin))
            {
                ModelState.AddModelError($"{nameof(Reasons)}[{i}].{nameof(ReasonInput.Reason)}", Text["Texts.ReasonNeeded"]);
            }
        }
        return After(result, "Texts.Published", Address);
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, Guid amendmentId)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Outcome), nameof(AnswerReason));
        (Description, Draft, ReadVersion) = (DescriptionInput.Of(Collaborative), Collaborative.Draft, Collaborative.Version);
        Answering = amendmentId;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await commands.AnswerAsync(id, amendmentId, Outcome, AnswerReason ?? ""), "Texts.Answered", $"{Address}#awaiting", nameof(AnswerReason));
    }

    /// <summary>Every amendment and argument, one line each, people's and organisations' apart, for the analysts' spreadsheet.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var rows = await TextExport.RowsAsync(db, Collaborative, Text);
        return File(Spreadsheets.WriteCsv(rows), "text/csv; charset=utf-8", $"{Kernel.Setup.Slugs.From(Collaborative.Title, 60)}-contributions.csv");
    }

    /// <summary>
    /// The contributions staff pasted, each an address or a bare number: an address names its contribution last (a
    /// proposal's page, or an argument at "#argument-…" on its article's page).
    /// </summary>
    private static IEnumerable<Guid> Numbers(string? pasted) =>
        (pasted ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(token => ContributionNumber().Matches(token).LastOrDefault()).OfType<Match>().Select(m => Guid.Parse(m.Value));

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex ContributionNumber();

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var text = await db.CollaborativeTexts.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.OrganisationId == organisation.Id);
        var process = text is null ? null : await processes.FindAsync(text.ProcessId, TextsModule.Key);
        if (text is null || process is null)
        {
            return NotFound();
        }
        (Collaborative, Process) = (text, process);
        if (Denied(await authorizer.DecideAsync(TextsPermissions.Manage, process)) is { } denied)
        {
            return denied;
        }
        Import = TextImport.FromMarkdown(text.Draft);
        var published = await db.TextArticles.AsNoTracking().Where(a => a.TextId == id && a.Version == text.Version).OrderBy(a => a.Position).ToListAsync();
        Changes = text.Version == 0 || !Import.Ok ? [] : VersionPlan.Changes(published, Import.Articles);
        var lineages = published.ToDictionary(a => a.Id, a => a.LineageId);
        var waiting = TextFigures.ShownAmendments(db, id).Where(a => a.Outcome == null && a.Fate == null);
        var open = await waiting.AsNoTracking().Where(a => a.Version == text.Version).ToListAsync();
        AmendmentsByLineage = open.Where(a => a.ArticleId is { } article && lineages.ContainsKey(article)).ToLookup(a => lineages[a.ArticleId!.Value]);
        AwaitingTotal = await waiting.CountAsync();
        var top = await TextFigures.MostAgreedFirst(db, waiting).Take(MostAwaiting).AsNoTracking().ToListAsync();
        var opinions = await TextFigures.OpinionsAsync(db, id, [.. top.Select(a => a.Id)]);
        var headings = await db.TextArticles.AsNoTracking().Where(a => a.TextId == id && top.Select(t => t.ArticleId).Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Heading);
        AwaitingAnswer = [.. top.Select(a => new Awaiting(a, a.ArticleId is { } article ? headings.GetValueOrDefault(article, "") : a.Heading, opinions.GetValueOrDefault(a.Id, OpinionCount.None),
            a.ArticleId is null ? a.Language : OrganisationLanguage))];
        return null;
    }
}
