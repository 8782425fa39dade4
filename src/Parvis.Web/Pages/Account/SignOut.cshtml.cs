using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<Person> signIn, Sessions sessions, ParvisDbContext db) : ParvisPageModel
{
    public IActionResult OnGet() => Page();

    /// <summary>The session ends on the server too: a copy of the cookie taken before is worth nothing after.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (Sessions.IdOf(User) is { } session && Guid.TryParse(signIn.UserManager.GetUserId(User), out var personId))
        {
            await sessions.EndAsync(db, personId, session);
        }
        await signIn.SignOutAsync();
        Flash("Account.SignOut.Done");
        return LocalRedirect("/");
    }
}
