using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account.Private;

public sealed class DeleteModel(UserManager<Person> people, SignInManager<Person> signIn, PersonalData personalData, ParvisDbContext db, Throttles throttles)
    : ParvisPageModel
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

    /// <summary>
    /// The person is an organisation's last administrator: leaving would leave nobody to manage its roles, as revoking
    /// their role would, so they hand it over first.
    /// </summary>
    public bool LastAdministrator { get; private set; }

    public async Task OnGetAsync()
    {
        var person = (await people.GetUserAsync(User))!;
        (HasPassword, LastAdministrator) = (person.PasswordHash is not null, await LastAdministratorAsync(person.Id));
    }

    private Task<bool> LastAdministratorAsync(Guid personId)
    {
        var administrators = db.RoleAssignments.Where(r => r.ProcessId == null && r.Role == Role.Administrator);
        return administrators.AnyAsync(r => r.PersonId == personId && !administrators.Any(o => o.OrganisationId == r.OrganisationId && o.PersonId != personId));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Choice is null)
        {
            ModelState.AddModelError(nameof(Choice), Text["Account.Delete.ChoiceRequired"]);
        }
        var person = (await people.GetUserAsync(User))!;
        (HasPassword, LastAdministrator) = (person.PasswordHash is not null, await LastAdministratorAsync(person.Id));
        if (LastAdministrator)
        {
            return Page();
        }
        // Each check counts with the sign-in's: a session taken over must not guess the password here at leisure.
        if (ModelState.IsValid && HasPassword && !await throttles.TryAsync(Throttles.SignIn, $"delete|{person.Id}", HttpContext.RequestAborted))
        {
            ModelState.AddModelError(nameof(Password), Text["Account.Delete.Throttled"]);
        }
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
