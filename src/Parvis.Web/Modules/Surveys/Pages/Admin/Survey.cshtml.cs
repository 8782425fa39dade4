using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Parvis.Surveys;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Surveys.Pages.Admin;

public sealed class SettingsInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Survey.TitleMax, MinimumLength = 3, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.SurveyTitle")]
    public string Title { get; set; } = "";

    [StringLength(Survey.IntroMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.SurveyIntro")]
    public string? Intro { get; set; }

    [StringLength(Survey.IntroMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.SurveyEasyIntro")]
    public string? EasyIntro { get; set; }

    [Display(Name = "Field.SurveyMode")]
    public SurveyMode Mode { get; set; }

    [CalendarDate]
    [Display(Name = "Field.SurveyClosesAt")]
    public DateTime? ClosesAt { get; set; }

    [Range(SurveyCommands.SmallestCellMin, SurveyCommands.SmallestCellMax, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.SmallestCell")]
    public int SmallestCell { get; set; } = SurveyResults.SmallestCell;
}

/// <summary>
/// The survey editor: its settings, its questions in order with what each check finds next to it, a form to add
/// one, and publishing (refused, with the reasons by question, while any check fails) or closing.
/// </summary>
public sealed class SurveyModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, SurveyCommands surveys,
    SurveyOffline offline) : QuestionEditorPage(db, organisation, processes, authorizer)
{
    [BindProperty]
    public SettingsInput Settings { get; set; } = new();

    /// <summary>Why the settings of an open survey change, for the process's public journal.</summary>
    [BindProperty]
    public ChangeReasonInput Change { get; set; } = new();

    /// <summary>What the checks before publication find, by question key.</summary>
    public ILookup<string, string> Problems { get; private set; } = Array.Empty<(string, string)>().ToLookup(p => p.Item1, p => p.Item2);

    [BindProperty]
    [Display(Name = "Field.SurveyBundle")]
    public IFormFile? Upload { get; set; }

    /// <summary>This survey is a laptop's copy: its answers go back in a bundle.</summary>
    public bool IsCopy { get; private set; }

    /// <summary>What the bundle just imported brought.</summary>
    public SurveyImport? Import { get; private set; }

    public IEnumerable<SelectListItem> Modes => Enum.GetValues<SurveyMode>().Select(m => new SelectListItem(Text[$"SurveyMode.{m}"], m.ToString()));

    public string EditorAddress => $"/admin/surveys/{Survey.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        return await LoadAsync(id) ?? Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(Guid id)
    {
        if (await LoadAsync(id, settingsPosted: true) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Settings));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await surveys.SaveSettingsAsync(id, new SurveySettings(Settings.Title, Settings.Intro ?? "", Settings.EasyIntro ?? "", Settings.Mode,
            Settings.ClosesAt is { } closes ? LocalTime.ToOffset(closes) : null, Settings.SmallestCell), Change);
        return After(result, "Surveys.SettingsSaved", EditorAddress, JournalFields.Of(result.ErrorKey) ?? result.ErrorKey switch
        {
            "Surveys.TitleLength" => "Settings.Title",
            "Surveys.IntroLength" => "Settings.Intro",
            "Surveys.SmallestCellRange" => "Settings.SmallestCell",
            "Surveys.ModeFixed" => "Settings.Mode",
            "Surveys.ClosesInPast" => "Settings.ClosesAt",
            _ => "",
        });
    }

    public async Task<IActionResult> OnPostQuestionAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        KeepOnly(nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return AfterSave(await surveys.SaveQuestionAsync(id, null, Input.ToQuestion()), $"{EditorAddress}#questions");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, string key, bool up) =>
        await LoadAsync(id) ?? After(await surveys.MoveQuestionAsync(id, key, up), "Surveys.Moved", $"{EditorAddress}#q-{key}");

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, string key, bool confirmed) =>
        await LoadAsync(id) ?? Unconfirmed(confirmed, $"{EditorAddress}#questions") ?? After(await surveys.RemoveQuestionAsync(id, key), "Surveys.Removed", $"{EditorAddress}#questions");

    public async Task<IActionResult> OnPostPublishAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        ModelState.Clear();
        var (result, problems) = await surveys.PublishAsync(id);
        if (problems.Count > 0)
        {
            ModelState.AddModelError("", Text["Surveys.CannotPublish", problems.Select(p => p.Question).Distinct().Count()]);
            return Page();
        }
        return After(result, "Surveys.PublishedNotice", EditorAddress);
    }

    /// <summary>On the main installation: the package for a laptop.</summary>
    public async Task<IActionResult> OnPostPackageAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var (result, file) = await offline.ExportPackageAsync(id);
        return Refusal(result) ?? (file is null ? Page() : File(file, "application/json", $"{Slugs.From(Survey.Title, 60)}.parvis-package.json"));
    }

    /// <summary>On the laptop: the answers taken here, signed, for the main installation.</summary>
    public async Task<IActionResult> OnPostBundleAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var (result, file) = await offline.ExportBundleAsync(id);
        return Refusal(result) ?? (file is null ? Page() : File(file, "application/json", $"{Slugs.From(Survey.Title, 60)}.parvis-bundle.json"));
    }

    /// <summary>On the main installation: a laptop's bundle, its answers added once.</summary>
    public async Task<IActionResult> OnPostImportAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        ModelState.Clear();
        if (ReadSignedFile(Upload, nameof(Upload)) is not { } bytes)
        {
            return Page();
        }
        using var stream = new MemoryStream(bytes);
        var (result, import) = await offline.ImportBundleAsync(id, stream);
        if (Refusal(result, nameof(Upload)) is { } refusal)
        {
            return refusal;
        }
        Import = import;
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, bool confirmed) =>
        await LoadAsync(id) ?? Unconfirmed(confirmed, EditorAddress) ?? After(await surveys.CloseAsync(id), "Surveys.ClosedNotice", EditorAddress);

    /// <summary>
    /// Loads the survey; the settings form shows what is stored unless it is what was posted (and refused): a page shown
    /// again after another form must not offer to save empty settings over the survey's.
    /// </summary>
    private async Task<IActionResult?> LoadAsync(Guid id, bool settingsPosted = false)
    {
        if (await LoadForStaffAsync(id) is { } early)
        {
            return early;
        }
        if (!settingsPosted)
        {
            Settings = new SettingsInput
            {
                Title = Survey.Title, Intro = Survey.Intro, EasyIntro = Survey.EasyIntro, Mode = Survey.Mode, SmallestCell = Survey.SmallestCell,
                ClosesAt = Survey.ClosesAt?.ToLocalTime().DateTime,
            };
        }
        Earlier = Questions;
        IsCopy = await offline.IsCopyAsync(id);
        // Every path of the questionnaire is walked: worth it while it can still change, not for each look at a published one.
        if (Survey.Stage == SurveyStage.Draft)
        {
            Problems = SurveyCheck.Problems(SurveyForm.Logic(Questions)).ToLookup(p => p.Question, p => Text[$"Surveys.Problem.{p.Kind}"].Value);
        }
        return null;
    }
}
