using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.People;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<Person> signIn) : ParvisPageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        Flash("Account.SignOut.Done");
        return LocalRedirect("/");
    }
}
