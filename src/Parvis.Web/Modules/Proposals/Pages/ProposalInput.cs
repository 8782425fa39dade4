using System.ComponentModel.DataAnnotations;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Proposals.Pages;

/// <summary>The form for writing and editing a proposal.</summary>
public sealed class ProposalInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Proposal.TitleMax, MinimumLength = 5, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ProposalTitle")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Proposal.BodyMax, MinimumLength = 15, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ProposalBody")]
    public string Body { get; set; } = "";

    [Display(Name = "Field.Theme")]
    public Guid? ThemeId { get; set; }

    public ProposalDraft ToDraft() => new(Title, Body, ThemeId);
}

/// <summary>What the shared proposal form needs from the page that shows it.</summary>
public interface IProposalForm
{
    ProposalInput Input { get; }
    IReadOnlyList<Theme> Themes { get; }

    /// <summary>The language of the proposal being edited; none for a new one (the writer's).</summary>
    string? Language => null;
}
