using System.ComponentModel.DataAnnotations;

namespace Parvis.Web.Modules.Texts.Pages.Admin;

/// <summary>A text's title and introductions as staff write them: when they create it, and later.</summary>
public sealed class DescriptionInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(CollaborativeText.TitleMax, MinimumLength = 3, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.TextTitle")]
    public string Title { get; set; } = "";

    [StringLength(CollaborativeText.IntroductionMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.TextIntroduction")]
    public string? Introduction { get; set; }

    [StringLength(CollaborativeText.PlainSummaryMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.TextPlainSummary")]
    public string? PlainSummary { get; set; }

    public TextDraft Draft => new(Title, Introduction ?? "", PlainSummary ?? "");

    public static DescriptionInput Of(CollaborativeText text) => new() { Title = text.Title, Introduction = text.Introduction, PlainSummary = text.PlainSummary };

    /// <summary>The field a refusal is shown next to, on a form whose input is named <paramref name="prefix"/>.</summary>
    public static string Field(string prefix, string? errorKey) => errorKey switch
    {
        "Texts.TitleLength" => $"{prefix}.{nameof(Title)}",
        "Texts.IntroductionLength" => $"{prefix}.{nameof(Introduction)}",
        "Texts.PlainSummaryLength" => $"{prefix}.{nameof(PlainSummary)}",
        _ => "",
    };
}
