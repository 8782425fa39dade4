using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

/// <summary>
/// A person whose account a structure held for them makes it their own: the code on their attestation, an address of
/// theirs and a password. Like registering, an address that already has an account is told so by e-mail, and the page
/// answers the same; otherwise the address is confirmed by e-mail before anyone signs in with it.
/// </summary>
[EnableRateLimiting(RateLimits.Auth)]
public sealed class ClaimModel(UserManager<Person> people, ParvisDbContext db, NewAddresses addresses, CurrentOrganisation organisation) : ParvisPageModel
{
    [BindProperty]
    public ClaimInput Input { get; set; } = new();

    public bool Sent { get; private set; }

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
        var hash = ClaimCodes.Hash(Input.Code);
        var held = await db.HeldAccounts.FirstOrDefaultAsync(h => h.CodeHash == hash && h.OrganisationId == organisation.Id);
        var person = held is null ? null : await people.FindByIdAsync(held.PersonId.ToString());
        // An account whose person proved an address is theirs: no code takes it, whatever a hold left behind says.
        if (held is null || person is null || person.EmailConfirmed || ClaimCodes.Normalise(Input.Code).Length != HeldAccount.CodeLength)
        {
            ModelState.AddModelError("Input.Code", Text["Claim.UnknownCode"]);
            return Page();
        }
        if (await addresses.JudgePasswordAsync(person, Input.Password) is { Succeeded: false } judged)
        {
            AddIdentityErrors(judged);
            return Page();
        }
        if (await addresses.TakenAsync(Input.Email, Input.Password, nameof(ClaimModel), started, HttpContext.RequestAborted))
        {
            Sent = true;
            return Page();
        }
        // The address, the password and the spent code together or not at all: a claim stopped half-way would leave the
        // account with a new address and no password, or a code spent on nothing.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            (person.UserName, person.Email, person.EmailConfirmed) = (Input.Email, Input.Email, false);
            var updated = await people.UpdateAsync(person);
            // Claimed before with an address never confirmed: the new claim replaces that one, password included.
            if (updated.Succeeded && await people.HasPasswordAsync(person))
            {
                updated = await people.RemovePasswordAsync(person);
            }
            if (updated.Succeeded)
            {
                updated = await people.AddPasswordAsync(person, Input.Password);
            }
            if (!updated.Succeeded)
            {
                await transaction.RollbackAsync();
                db.ChangeTracker.Clear();
                // The address was taken at the same moment: its owner is told, and the page answers as for any known address.
                if (PersonStore.TakenBySomeoneElse(updated))
                {
                    await addresses.TakenAsync(Input.Email, Input.Password, nameof(ClaimModel), started, HttpContext.RequestAborted);
                    Sent = true;
                    return Page();
                }
                AddIdentityErrors(updated);
                return Page();
            }
            // The code is spent; the structure's hold ends when the address is confirmed (a mistyped one can be claimed again).
            held.CodeHash = [];
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await addresses.SendConfirmationAsync(person, null, nameof(ClaimModel), started);
        Sent = true;
        return Page();
    }
}

public sealed class ClaimInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(40, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Claim.Code")]
    public string Code { get; set; } = "";

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
