using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

/// <summary>
/// Registering answers the same, after the same work, whether the address has an account or not; its owner is told
/// by e-mail instead. The password is judged before the address is looked at.
/// </summary>
[EnableRateLimiting(RateLimits.Auth)]
public sealed class RegisterModel(UserManager<Person> people, NewAddresses addresses) : ParvisPageModel
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
        if (await addresses.JudgePasswordAsync(person, Input.Password) is { Succeeded: false } judged)
        {
            AddIdentityErrors(judged);
            return Page();
        }
        if (await addresses.TakenAsync(Input.Email, Input.Password, nameof(RegisterModel), started, HttpContext.RequestAborted))
        {
            Sent = true;
            return Page();
        }
        var created = await people.CreateAsync(person, Input.Password);
        if (PersonStore.TakenBySomeoneElse(created))
        {
            // Registered at the same moment by someone else: their pseudonym is said taken, their address never (its
            // owner is told, as for any known address).
            if (await people.Users.AnyAsync(p => p.Pseudonym == person.Pseudonym))
            {
                ModelState.AddModelError("Input.Pseudonym", Text["Account.PseudonymTaken"]);
                return Page();
            }
            await addresses.TakenAsync(Input.Email, Input.Password, nameof(RegisterModel), started, HttpContext.RequestAborted);
            Sent = true;
            return Page();
        }
        if (!created.Succeeded)
        {
            AddIdentityErrors(created);
            return Page();
        }
        await addresses.SendConfirmationAsync(person, ReturnUrl, nameof(RegisterModel), started);
        Sent = true;
        return Page();
    }
}

public sealed class RegistrationInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PersonRules.PseudonymMax, MinimumLength = PersonRules.PseudonymMin, ErrorMessage = "Validation.Length")]
    [Pseudonym]
    [Display(Name = "Field.Pseudonym")]
    public string Pseudonym { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Kernel.Email.Mailbox(ErrorMessage = "Validation.Email")]
    [StringLength(254, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, MinimumLength = PersonRules.PasswordMin, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Password")]
    public string Password { get; set; } = "";
}
