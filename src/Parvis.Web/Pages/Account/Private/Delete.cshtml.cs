using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account.Private;

public sealed class DeleteModel(UserManager<Person> people, SignInManager<Person> signIn, PersonalData personalData) : ParvisPageModel
{
    [BindProperty]
    public ErasureChoice? Choice { get; set; }

    [BindProperty]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Password")]
    public string? Password { get; set; }

    /// <summary>What an account without a password (signed in through a provider) types to confirm instead.</summary>
    [BindProperty]
    [StringLength(PersonRules.PseudonymMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Account.Delete.ConfirmPseudonym")]
    public string? ConfirmPseudonym { get; set; }

    public bool HasPassword { get; private set; }

    public async Task OnGetAsync() => HasPassword = (await people.GetUserAsync(User))!.PasswordHash is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        if (Choice is null)
        {
            ModelState.AddModelError(nameof(Choice), Text["Account.Delete.ChoiceRequired"]);
        }
        var person = (await people.GetUserAsync(User))!;
        HasPassword = person.PasswordHash is not null;
        if (ModelState.IsValid && HasPassword && !await people.CheckPasswordAsync(person, Password ?? ""))
        {
            ModelState.AddModelError(nameof(Password), Text["Account.Delete.WrongPassword"]);
        }
        if (ModelState.IsValid && !HasPassword && ConfirmPseudonym?.Trim() != person.Pseudonym)
        {
            ModelState.AddModelError(nameof(ConfirmPseudonym), Text["Account.Delete.WrongPseudonym"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await personalData.EraseAsync(person, Choice!.Value, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        Flash("Account.Delete.Done");
        return LocalRedirect("/");
    }
}
