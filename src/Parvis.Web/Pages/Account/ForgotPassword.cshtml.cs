using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Kernel.Email;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class ForgotPasswordModel(UserManager<Person> people, IEmailSender email, CurrentOrganisation organisation, EvenTiming timing)
    : ParvisPageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [Kernel.Email.Mailbox(ErrorMessage = "Validation.Email")]
    [StringLength(254, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>
    /// The answer is the same whether the address is known or not, so nobody learns who has an account; the message
    /// leaves after the answer, so its time says nothing either.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var person = await people.FindByEmailAsync(Email);
        if (person is not null)
        {
            var token = await people.GeneratePasswordResetTokenAsync(person);
            var link = organisation.Link(AccountLinks.Reset(person.Id, token));
            await email.SendAsync(person.Email!, Text["Mail.Reset.Subject"], Text["Mail.Reset.Body", person.Pseudonym, link]);
            timing.Took(nameof(ForgotPasswordModel), started);
        }
        else
        {
            await timing.WaitAsUsualAsync(nameof(ForgotPasswordModel), started, HttpContext.RequestAborted);
        }
        Sent = true;
        return Page();
    }
}
