using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability;

namespace Parvis.Web.Pages.Synthesis;

/// <summary>The form of a synthesis item, to add one or edit it.</summary>
public sealed class SynthesisInput
{
    [Display(Name = "Field.SynthesisKind")]
    public SynthesisItemKind Kind { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(SynthesisItem.TitleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.SynthesisTitle")]
    public string Title { get; set; } = "";

    [StringLength(SynthesisItem.BodyMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.SynthesisBody")]
    public string? Body { get; set; }

    [Display(Name = "Field.Theme")]
    public Guid? ThemeId { get; set; }

    public SynthesisDraft ToDraft() => new(Kind, Title, Body ?? "", ThemeId);

    public static SynthesisInput Of(SynthesisItem item) => new() { Kind = item.Kind, Title = item.Title, Body = item.Body, ThemeId = item.ThemeId };

    public static IReadOnlyList<SelectListItem> Themes(IEnumerable<Kernel.Processes.Theme> themes, IStringLocalizer text) =>
        [new SelectListItem(text["Synthesis.NoTheme"], ""), .. themes.Select(t => new SelectListItem(t.Name, t.Id.ToString()))];

    public static IReadOnlyList<SelectListItem> Kinds(IStringLocalizer text) =>
        Enum.GetValues<SynthesisItemKind>().Select(k => new SelectListItem(text["SynthesisKind." + k], k.ToString())).ToList();
}
