using System.ComponentModel.DataAnnotations;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>
/// Who a desk or a mediator names, as typed: a person's account, or, without one, their name and birth date
/// (<see cref="PaperDesks.IdentityKey"/>). The signing form, the striking form and the mediator's form share it.
/// </summary>
public sealed class VoterInput
{
    [StringLength(256, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DeskAccount")]
    public string? Account { get; set; }

    [StringLength(PaperDesks.NameMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DeskSurname")]
    public string? Surname { get; set; }

    [StringLength(PaperDesks.NameMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DeskGivenNames")]
    public string? GivenNames { get; set; }

    [Display(Name = "Field.DeskBirthDate")]
    public DateOnly? BirthDate { get; set; }

    public PaperVoter? ByAccount() => string.IsNullOrWhiteSpace(Account) ? null : new AccountVoter(Account);

    public PaperVoter? ByIdentity() =>
        string.IsNullOrWhiteSpace(Surname) || string.IsNullOrWhiteSpace(GivenNames) || BirthDate is not { } born ? null : new IdentityVoter(Surname, GivenNames, born);

    /// <summary>The account when one is typed, otherwise the name and birth date when all are; null when neither is.</summary>
    public PaperVoter? Voter() => ByAccount() ?? ByIdentity();
}
