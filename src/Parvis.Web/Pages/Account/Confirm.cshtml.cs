using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

/// <summary>The link shows a button rather than confirming on GET, so mail scanners that open links confirm nothing.</summary>
[EnableRateLimiting(RateLimits.Auth)]
public sealed class ConfirmModel(UserManager<Person> people, Kernel.Data.ParvisDbContext db) : ParvisPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public bool Confirmed { get; private set; }

    /// <summary>Where the person was going when they registered: signing in takes them there.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var person = await people.FindByIdAsync(Id.ToString());
        var result = person is null ? IdentityResult.Failed() : await people.ConfirmEmailAsync(person, Token);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", Text["Account.Confirm.Invalid"]);
            return Page();
        }
        // An account a structure held is the person's once their address is confirmed: the structure's hold ends then,
        // not before, so that a mistyped address leaves it to be claimed again.
        await HeldAccount.EndAsync(db, person!.Id);
        Confirmed = true;
        return Page();
    }
}
