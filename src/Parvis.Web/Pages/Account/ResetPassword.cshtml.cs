using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class ResetPasswordModel(UserManager<Person> people, ParvisDbContext db) : ParvisPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, MinimumLength = PersonRules.PasswordMin, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.NewPassword")]
    public string Password { get; set; } = "";

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The new password, the end of the other sessions and the confirmation together: a reset stopped half-way
        // would leave whoever knew the old password signed in.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var person = await people.FindByIdAsync(Id.ToString());
        var result = person is null ? IdentityResult.Failed() : await people.ResetPasswordAsync(person, Token, Password);
        if (!result.Succeeded)
        {
            var passwordError = result.Errors.FirstOrDefault(e => e.Code.StartsWith("Password", StringComparison.Ordinal));
            ModelState.AddModelError(passwordError is null ? "" : nameof(Password),
                Text[passwordError is null ? "Account.Reset.Invalid" : "Identity." + passwordError.Code]);
            return Page();
        }
        // Whoever knew the old password is signed out everywhere.
        await Sessions.EndOthersAsync(db, person!.Id, kept: null);
        // The link proves the person reads this mailbox, which is what confirmation asks. Whatever was linked to the
        // account before its address was proven is not theirs to keep.
        if (!person!.EmailConfirmed)
        {
            foreach (var login in await people.GetLoginsAsync(person))
            {
                await people.RemoveLoginAsync(person, login.LoginProvider, login.ProviderKey);
            }
            person.EmailConfirmed = true;
            if (!(await people.UpdateAsync(person)).Succeeded)
            {
                // Changed by another request meanwhile: nothing of this one is kept.
                ModelState.AddModelError("", Text["Account.Reset.Invalid"]);
                return Page();
            }
            // As with the confirmation link: a structure's hold on the account ends, or its mediator could hand out a
            // new claim code and take the account back.
            await HeldAccount.EndAsync(db, person.Id);
        }
        await transaction.CommitAsync();
        Done = true;
        return Page();
    }
}
