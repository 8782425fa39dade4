using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account.Private;

/// <summary>The person's own page: what we hold about them, the download of it all, and sign-out everywhere.</summary>
public sealed class IndexModel(UserManager<Person> people, SignInManager<Person> signIn, PersonalData personalData) : ParvisPageModel
{
    public Person Person { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync()
    {
        Person = (await people.GetUserAsync(User))!;
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync()
    {
        var person = (await people.GetUserAsync(User))!;
        var json = await personalData.ExportAsync(person, HttpContext.RequestAborted);
        return File(json, "application/json", $"parvis-{person.Pseudonym}-{DateTime.UtcNow:yyyy-MM-dd}.json");
    }

    /// <summary>A new security stamp invalidates every other session; this one is signed in again with it.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var person = (await people.GetUserAsync(User))!;
        await people.UpdateSecurityStampAsync(person);
        await signIn.RefreshSignInAsync(person);
        Flash("Account.SignOutEverywhere.Done");
        return RedirectToPage();
    }
}
