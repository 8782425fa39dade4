using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Texts.Pages;

public sealed record ArgumentCard(TextArgument Argument, Author Author);

/// <summary>An amendment as the page shows it: who proposed it, and what one votes and argues on.</summary>
public sealed record AmendmentCard(Amendment Amendment, Author Author, SubjectView Subject);

/// <summary>A subject's arguments: the latest to read, and how many there are on each side.</summary>
public sealed record SubjectArguments(IReadOnlyList<ArgumentCard> Latest, int For, int Against)
{
    public static readonly SubjectArguments None = new([], 0, 0);

    public int Count(ArgumentSide side) => side == ArgumentSide.For ? For : Against;
}

/// <summary>
/// The pages where people vote, argue and amend (an article, the new articles proposed): the amendments, most agreed
/// first, a page at a time, each with its arguments; the same three forms post here from either page.
/// </summary>
public abstract class ContributionPage(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, TextCommands commands)
    : TextPage(db, organisation, processes)
{
    public const int PageSize = 30;
    public const int MostArguments = 100;

    [BindProperty]
    [Display(Name = "Field.Opinion")]
    public Opinion? Choice { get; set; }

    [BindProperty]
    [Display(Name = "Field.TextArgumentSide")]
    public ArgumentSide? Side { get; set; }

    [BindProperty]
    [StringLength(TextArgument.TextMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.TextArgument")]
    public string? Argument { get; set; }

    [BindProperty]
    [StringLength(TextImport.HeadingMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.NewArticleHeading")]
    public string? Heading { get; set; }

    [BindProperty]
    [StringLength(TextImport.BodyMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Wording")]
    public string? Wording { get; set; }

    [BindProperty]
    [StringLength(Amendment.ReasonMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.AmendmentReason")]
    public string? Reason { get; set; }

    [BindProperty]
    public Guid? AfterLineageId { get; set; }

    /// <summary>The article, amendment or form a refused post was for: its form comes back open with what was typed.</summary>
    public Guid? FormFor { get; protected set; }

    public Voice? Filter { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int AmendmentTotal { get; private set; }
    public IReadOnlyList<AmendmentCard> Amendments { get; private set; } = [];
    public Decision Voting { get; private set; }
    public Decision Amending { get; private set; }

    /// <summary>The address posts come back to.</summary>
    public string Here => AddressOf(Collaborative.Id, PageArticleId);

    /// <summary>The article of the article's page; none on the new articles' page.</summary>
    protected virtual Guid? PageArticleId => null;

    /// <summary>The page's address: an article's, or the new articles'.</summary>
    protected static string AddressOf(Guid id, Guid? articleId) => CollaborativeText.PageOf(id, articleId);

    /// <summary>Whether the page takes votes and amendments: the current version's.</summary>
    public abstract bool Open { get; }

    /// <summary>Loads the page (its article, or the new articles); false when there is none.</summary>
    protected abstract Task<bool> LoadPageAsync(Guid id, Guid? articleId, Voice? voice, int page);

    /// <summary>
    /// The page at the page asked; or, for an amendment's or an argument's own address (news, fates), a redirection to
    /// the page of amendments that holds it, the browser keeping its anchor.
    /// </summary>
    protected async Task<IActionResult> ShowAsync(Guid id, Guid? articleId, Voice? voice, int page)
    {
        if (Guid.TryParse(Request.Query["amendment"], out var item) || Guid.TryParse(Request.Query["argument"], out item))
        {
            return await LoadTextAsync(id) ? Redirect(await PageAddressAsync(id, articleId, item)) : NotFound();
        }
        return await LoadPageAsync(id, articleId, voice, page) && (page == 1 || Amendments.Count > 0) ? Page() : NotFound();
    }

    /// <summary>The address of the page of amendments that holds an amendment, or an argument on one.</summary>
    private async Task<string> PageAddressAsync(Guid id, Guid? articleId, Guid item) =>
        await PageOfAsync(id, articleId, item) is var page && page > 1 ? $"{AddressOf(id, articleId)}?page={page}" : AddressOf(id, articleId);

    /// <summary>
    /// The page of amendments that holds an amendment, or an argument on one, by its place in the order everyone reads
    /// them; the first for the article itself, an argument on it, or what is not shown.
    /// </summary>
    private async Task<int> PageOfAsync(Guid id, Guid? articleId, Guid item)
    {
        var arguments = Db.TextArguments;
        var amendmentId = await arguments.Where(a => a.Id == item && a.TextId == id).Select(a => a.AmendmentId).FirstOrDefaultAsync() ?? item;
        return await TextFigures.PlaceAsync(Db, Shown(id, articleId), amendmentId) is { } before ? before / PageSize + 1 : 1;
    }

    /// <summary>The amendments this page shows: of its article, or the new articles; not hidden or erased.</summary>
    private IQueryable<Amendment> Shown(Guid id, Guid? articleId)
    {
        var amendments = Db.Amendments;
        return amendments.Where(a => a.TextId == id && a.ArticleId == articleId && a.HiddenAt == null && a.ErasedAt == null);
    }

    /// <summary>The vote first: the page is read only to show a refusal, so a vote costs what voting costs.</summary>
    public async Task<IActionResult> OnPostVoteAsync(Guid id, Guid? articleId, Guid subjectId)
    {
        KeepOnly(nameof(Choice));
        var result = Choice is null ? CommandResult.Refused("Texts.OpinionNeeded") : await commands.VoteAsync(id, subjectId, Choice.Value);
        if (result.Succeeded || result.NotFound)
        {
            return After(result, "Texts.Voted", $"{await PageAddressAsync(id, articleId, subjectId)}#subject-{subjectId}");
        }
        if (!await LoadPageOfAsync(id, articleId, subjectId))
        {
            return NotFound();
        }
        FormFor = subjectId;
        return After(result, "Texts.Voted", Here, nameof(Choice));
    }

    public async Task<IActionResult> OnPostArgueAsync(Guid id, Guid? articleId, Guid subjectId)
    {
        if (!await LoadPageOfAsync(id, articleId, subjectId))
        {
            return NotFound();
        }
        KeepOnly(nameof(Side), nameof(Argument));
        FormFor = subjectId;
        if (Side is null)
        {
            ModelState.AddModelError(nameof(Side), Text["Texts.SideNeeded"]);
        }
        if (string.IsNullOrWhiteSpace(Argument))
        {
            ModelState.AddModelError(nameof(Argument), Text["Validation.Required", Text["Field.TextArgument"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await commands.ArgueAsync(id, subjectId, Side!.Value, Argument!);
        return After(result, "Texts.Argued", result.Id is { } argument ? $"{await PageAddressAsync(id, articleId, subjectId)}#argument-{argument}" : Here, result.ErrorKey == "Texts.ArgumentLength" ? nameof(Argument) : "");
    }

    public async Task<IActionResult> OnPostAmendAsync(Guid id, Guid? articleId)
    {
        if (!await LoadPageAsync(id, articleId, null, 1))
        {
            return NotFound();
        }
        KeepOnly(nameof(Heading), nameof(Wording), nameof(Reason), nameof(AfterLineageId));
        FormFor = Guid.Empty;
        if (string.IsNullOrWhiteSpace(Wording))
        {
            ModelState.AddModelError(nameof(Wording), Text["Validation.Required", Text["Field.Wording"]]);
        }
        if (articleId is null && string.IsNullOrWhiteSpace(Heading))
        {
            ModelState.AddModelError(nameof(Heading), Text["Validation.Required", Text["Field.NewArticleHeading"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await commands.AmendAsync(id, new AmendmentDraft(articleId, AfterLineageId, Heading ?? "", Wording!, Reason ?? ""));
        return After(result, "Texts.Amended", result.Id is { } amendment ? $"{await PageAddressAsync(id, articleId, amendment)}#subject-{amendment}" : Here, result.ErrorKey switch
        {
            "Texts.HeadingLength" => nameof(Heading),
            "Texts.WordingLength" or "Texts.SameWording" => nameof(Wording),
            "Texts.ReasonLength" => nameof(Reason),
            _ => "",
        });
    }

    /// <summary>A refused post's page: the one holding the amendment it was for, where its form comes back open.</summary>
    private async Task<bool> LoadPageOfAsync(Guid id, Guid? articleId, Guid subjectId) => await LoadPageAsync(id, articleId, null, await PageOfAsync(id, articleId, subjectId));

    /// <summary>A page of the amendments (of an article, or the new articles), most agreed first, with their arguments, votes and the reader's own vote.</summary>
    protected async Task LoadAmendmentsAsync(Guid id, Guid? articleId, Voice? voice, int page)
    {
        (Filter, PageNumber) = (voice, PageNumbers.Of(page));
        Voting = await authorizer.DecideAsync(TextsPermissions.Vote, Process);
        Amending = await authorizer.DecideAsync(TextsPermissions.Amend, Process);
        var shown = ByVoice(Shown(id, articleId), voice);
        AmendmentTotal = await shown.CountAsync();
        // Past the last page there is nothing to read (and an offset that large is no offset a database takes).
        if (PageNumber > 1 && PageNumber > (AmendmentTotal + PageSize - 1) / PageSize)
        {
            return;
        }
        var list = await TextFigures.MostAgreedFirst(Db, shown).Skip((PageNumber - 1) * PageSize).Take(PageSize).AsNoTracking().ToListAsync();
        var ids = list.Select(a => a.Id).ToList();
        var arguments = await ArgumentsAsync(ids, null);
        var opinions = await TextFigures.OpinionsAsync(Db, Collaborative.Id, ids);
        var mine = await MineAsync(ids);
        var authors = await AuthorsAsync(list);
        Amendments = [.. list.Select(a => new AmendmentCard(a, authors(a), new SubjectView(a.Id, Label(a, authors(a)), opinions.GetValueOrDefault(a.Id, OpinionCount.None),
            mine.GetValueOrDefault(a.Id), arguments[a.Id], Open && a.Version == Collaborative.Version && a.Outcome is null && a.Fate is null,
            a.IsNewArticle ? a.Language : null)))];
    }

    /// <summary>How an amendment is named: a new article by its heading, an amendment by who proposed it.</summary>
    private string Label(Amendment amendment, Author author) =>
        amendment.IsNewArticle ? amendment.Heading : Text["Texts.AmendmentBy", author.Voice?.Name ?? author.Name ?? Text["Person.Deleted"]];

    /// <summary>The reader's own votes on these subjects, to show which they chose.</summary>
    protected async Task<IReadOnlyDictionary<Guid, Opinion?>> MineAsync(IReadOnlyCollection<Guid> subjects) => authorizer.PersonId is { } person
        ? await Db.TextVotes.AsNoTracking().Where(v => v.PersonId == person && subjects.Contains(v.SubjectId)).ToDictionaryAsync(v => v.SubjectId, v => (Opinion?)v.Opinion)
        : new Dictionary<Guid, Opinion?>();

    /// <summary>
    /// Each subject's arguments (an article's own, or an amendment's): the counts on each side, and the latest
    /// <see cref="MostArguments"/> to read; of people or organisations when filtered.
    /// </summary>
    protected async Task<IReadOnlyDictionary<Guid, SubjectArguments>> ArgumentsAsync(IReadOnlyCollection<Guid> subjects, Voice? voice)
    {
        var shown = ByVoice(TextFigures.ShownArguments(Db, Collaborative.Id), voice)
            .Where(a => a.AmendmentId != null ? subjects.Contains(a.AmendmentId.Value) : a.ArticleId != null && subjects.Contains(a.ArticleId.Value));
        var counts = await shown.GroupBy(a => new { Subject = a.AmendmentId ?? a.ArticleId, a.Side }).Select(g => new { g.Key.Subject, g.Key.Side, Count = g.Count() }).ToListAsync();
        var latest = new Dictionary<Guid, List<TextArgument>>();
        foreach (var subject in counts.Select(c => c.Subject).OfType<Guid>().Distinct())
        {
            latest[subject] = await shown.Where(a => (a.AmendmentId ?? a.ArticleId) == subject).OrderByDescending(a => a.CreatedAt).Take(MostArguments).AsNoTracking().ToListAsync();
        }
        var authors = await AuthorsAsync(latest.Values.SelectMany(l => l));
        int Count(Guid subject, ArgumentSide side) => counts.Where(c => c.Subject == subject && c.Side == side).Sum(c => c.Count);
        return subjects.ToDictionary(s => s, s => new SubjectArguments(
            [.. latest.GetValueOrDefault(s, []).OrderBy(a => a.CreatedAt).Select(a => new ArgumentCard(a, authors(a)))], Count(s, ArgumentSide.For), Count(s, ArgumentSide.Against)));
    }

    /// <summary>Contributions of people, or of accounts speaking for an organisation (typed-in ones are people's: no badge was verified).</summary>
    protected IQueryable<T> ByVoice<T>(IQueryable<T> contributions, Voice? voice) where T : Contribution
    {
        var voices = TextFigures.OrganisationAuthors(Db, OrganisationId);
        return voice switch
        {
            Voice.Organisations => contributions.Where(c => c.AuthorId != null && voices.Contains(c.AuthorId.Value)),
            Voice.People => contributions.Where(c => c.AuthorId == null || !voices.Contains(c.AuthorId.Value)),
            _ => contributions,
        };
    }
}

/// <summary>
/// What one can vote and argue on (an article, an amendment), as its forms show it; open while it takes votes. Language is
/// its label's when the label is content (a heading), none when it is the interface's words.
/// </summary>
public sealed record SubjectView(Guid Id, string Label, OpinionCount Opinions, Opinion? Mine, SubjectArguments Arguments, bool Open, string? Language = null);
