using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Email;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

/// <summary>
/// Registering answers the same, after the same work, whether the address has an account or not; its owner is told
/// by e-mail instead. The password is judged before the address is looked at.
/// </summary>
[EnableRateLimiting(RateLimits.Auth)]
public sealed class RegisterModel(UserManager<Person> people, IEmailSender email, PasswordCheck passwords, CurrentOrganisation organisation,
    EvenTiming timing) : ParvisPageModel
{
    [BindProperty]
    public RegistrationInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    /// <summary>Where the person was going (a proposal to support...), carried through the e-mail to after signing in.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await people.Users.AnyAsync(p => p.Pseudonym == Input.Pseudonym.Trim()))
        {
            ModelState.AddModelError("Input.Pseudonym", Text["Account.PseudonymTaken"]);
            return Page();
        }
        var person = new Person { UserName = Input.Email, Email = Input.Email, Pseudonym = Input.Pseudonym.Trim() };
        foreach (var validator in people.PasswordValidators)
        {
            var judged = await validator.ValidateAsync(people, person, Input.Password);
            if (!judged.Succeeded)
            {
                AddErrors(judged);
                return Page();
            }
        }
        if (await people.FindByEmailAsync(Input.Email) is not null)
        {
            passwords.HashForNothing(Input.Password);
            await email.SendAsync(Input.Email, Text["Mail.AlreadyRegistered.Subject"], Text["Mail.AlreadyRegistered.Body", organisation.Link("/account/forgot-password")]);
            await timing.WaitAsUsualAsync(nameof(RegisterModel), started, HttpContext.RequestAborted);
            Sent = true;
            return Page();
        }
        var created = await people.CreateAsync(person, Input.Password);
        if (!created.Succeeded)
        {
            AddErrors(created);
            return Page();
        }
        var token = await people.GenerateEmailConfirmationTokenAsync(person);
        await email.SendAsync(person.Email!, Text["Mail.Confirm.Subject"], Text["Mail.Confirm.Body", person.Pseudonym, organisation.Link(AccountLinks.Confirm(person.Id, token, ReturnUrl))]);
        timing.Took(nameof(RegisterModel), started);
        Sent = true;
        return Page();
    }

    private void AddErrors(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", Text["Identity." + error.Code]);
        }
    }
}

public sealed class RegistrationInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PersonRules.PseudonymMax, MinimumLength = PersonRules.PseudonymMin, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Pseudonym")]
    public string Pseudonym { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(254, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, MinimumLength = PersonRules.PasswordMin, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Password")]
    public string Password { get; set; } = "";
}
