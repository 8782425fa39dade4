using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Email;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class RegisterModel(UserManager<Person> people, IEmailSender email) : ParvisPageModel
{
    [BindProperty]
    public RegistrationInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await people.Users.AnyAsync(p => p.Pseudonym == Input.Pseudonym.Trim()))
        {
            ModelState.AddModelError("Input.Pseudonym", Text["Account.PseudonymTaken"]);
            return Page();
        }
        var existing = await people.FindByEmailAsync(Input.Email);
        if (existing is not null)
        {
            // Same answer whether the address is known or not; its owner is told by e-mail instead.
            await email.SendAsync(Input.Email, Text["Mail.AlreadyRegistered.Subject"], Text["Mail.AlreadyRegistered.Body", Link("/account/forgot-password")]);
            Sent = true;
            return Page();
        }
        var person = new Person { UserName = Input.Email, Email = Input.Email, Pseudonym = Input.Pseudonym.Trim() };
        var created = await people.CreateAsync(person, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", Text["Identity." + error.Code]);
            }
            return Page();
        }
        var token = await people.GenerateEmailConfirmationTokenAsync(person);
        await email.SendAsync(person.Email!, Text["Mail.Confirm.Subject"], Text["Mail.Confirm.Body", person.Pseudonym, Link(AccountLinks.Confirm(person.Id, token))]);
        Sent = true;
        return Page();
    }

    private string Link(string path) => $"{Request.Scheme}://{Request.Host}{path}";
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
